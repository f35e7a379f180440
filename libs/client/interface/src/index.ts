export * from './client-controllers';
