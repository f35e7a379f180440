/** What a command returns: the client and the version it is at now (the next ETag). */
export interface ClientRef {
  id: string;
  version: number;
}
