export * from './grpc-correlation';
export * from './grpc-request-validation';
export * from './undecodable-request';
export * from './grpc-error.filter';
export * from './rpc-input';
