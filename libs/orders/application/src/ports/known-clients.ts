import { OrderingClientStatus } from '@bascule/orders/domain';

/**
 * The clients orders knows, from client.events.v1; one it has not seen yet is asked for once to client-service
 * (registered a moment ago, its event not consumed yet) and kept.
 */
export interface KnownClients {
  statusOf(clientId: string, correlationId: string): Promise<OrderingClientStatus>;
}

export const KNOWN_CLIENTS = Symbol('KnownClients');
