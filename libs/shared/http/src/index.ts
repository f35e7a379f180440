export * from './etag';
export * from './idempotency.interceptor';
export * from './problem';
export * from './problem-details.filter';
export * from './request-validation';
export * from './openapi';
export * from './openapi-document';
export * from './text-check';
