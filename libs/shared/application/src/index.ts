export * from './aggregate';
export * from './aggregate-changes';
export * from './aggregate-command';
export * from './aggregate-repository.port';
export * from './change-handler';
export * from './command-metadata';
export * from './failures/failure-classifier';
export * from './failures/error-description';
