import { PackageDefinition } from '@grpc/proto-loader';

/** What a method receives instead of a message whose bytes could not be decoded. */
export class UndecodableRequest {
  constructor(
    readonly messageType: string,
    readonly reason: string,
  ) {}
}

/**
 * grpc-js answers INTERNAL when a request's bytes are not the message (wrong wire type, garbage): it is
 * the caller's fault, so the message reaches the method as an `UndecodableRequest`, which
 * `GrpcSchemaPipe` refuses with INVALID_ARGUMENT. Call from `onLoadPackageDefinition`, before services are added.
 */
export function acceptUndecodableRequests(definition: PackageDefinition): void {
  for (const service of Object.values(definition)) {
    if ('format' in service) continue;
    for (const method of Object.values(service)) {
      const decode = method.requestDeserialize;
      const messageType = String((method.requestType as { type?: { name?: string } }).type?.name ?? 'request');
      method.requestDeserialize = (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (error) {
          return new UndecodableRequest(messageType, error instanceof Error ? error.message : String(error));
        }
      };
    }
  }
}
