export * from './payment-controllers';
