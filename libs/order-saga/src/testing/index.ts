export * from './order-saga-fixtures';
