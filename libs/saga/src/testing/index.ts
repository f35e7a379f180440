export * from './saga-test-kit';
export * from './saga-command';
export * from './participant-kit';
