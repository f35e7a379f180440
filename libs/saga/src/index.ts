export * from './definition/participant-invocation';
export * from './definition/saga-definition';
export * from './definition/saga-step';
export * from './definition/step-result';
export * from './engine/saga-errors';
export * from './engine/saga-messages';
export * from './engine/saga-state';
export * from './engine/saga-transitions';
