export * from './client-controllers';
export * from './grpc/grpc-error.filter';
