export * from './client.fixture';
