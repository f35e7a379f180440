import { ClientStatus } from '../client-status';
import { ClientAlreadyErased } from '../client.errors';

/** GDPR erasure is final: nothing changes an erased client, so no personal data can come back. */
export function assertNotErased(id: string, status: ClientStatus): void {
  if (status === ClientStatus.Erased) throw new ClientAlreadyErased(id);
}
