export * from './aggregate-root';
export * from './clock';
export * from './domain-error';
export * from './domain-event';
export * from './entity';
export * from './money';
export * from './typed-id';
export * from './value-object';
