export * from './consumer-rig';
export * from './handler-kit';
