export * from './grpc-correlation';
export * from './grpc-request-validation';
export * from './undecodable-request';
