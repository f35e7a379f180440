export * from './consumer-rig';
