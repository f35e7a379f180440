export * from './orders-controllers';
