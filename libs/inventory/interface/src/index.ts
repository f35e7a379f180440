export * from './inventory-controllers';
