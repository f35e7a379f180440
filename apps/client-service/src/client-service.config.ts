export interface ClientServiceConfig {
  host: string;
  httpPort: number;
  grpcPort: number;
  /** Largest accepted request body; larger ones get 413. */
  bodyLimitBytes: number;
  /** The URL clients reach this service at, published as the OpenAPI server (default: http://host:port). */
  publicUrl?: string;
}

export function clientServiceConfig(env: NodeJS.ProcessEnv = process.env): ClientServiceConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    httpPort: Number(env.CLIENT_HTTP_PORT ?? 3001),
    grpcPort: Number(env.CLIENT_GRPC_PORT ?? 50051),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 64 * 1024),
    publicUrl: env.CLIENT_PUBLIC_URL,
  };
}
