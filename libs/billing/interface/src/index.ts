export * from './billing-controllers';
