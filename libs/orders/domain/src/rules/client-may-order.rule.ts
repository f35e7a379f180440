import { OrderClientErased, OrderClientInactive, OrderClientUnknown } from '../order.errors';

/** What orders knows of a client: its status as client-service last said, or nothing. */
export type OrderingClientStatus = 'ACTIVE' | 'INACTIVE' | 'ERASED' | null;

/** Only a client known to orders and ACTIVE orders; an erased one never again. */
export function assertClientMayOrder(clientId: string, status: OrderingClientStatus): void {
  if (status === null) throw new OrderClientUnknown(clientId);
  if (status === 'ERASED') throw new OrderClientErased(clientId);
  if (status !== 'ACTIVE') throw new OrderClientInactive(clientId);
}
