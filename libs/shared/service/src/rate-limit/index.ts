export * from './caller-throttler.guard';
export * from './rate-limit.module';
