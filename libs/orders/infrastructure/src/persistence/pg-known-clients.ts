import { Inject, Injectable } from '@nestjs/common';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { KnownClients } from '@bascule/orders/application';
import { OrderingClientStatus } from '@bascule/orders/domain';
import { executorOf, poolOf } from '@bascule/shared/persistence';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CLIENT_CALLEE, ClientCallee } from '../calls/client.callee';

const STATUSES = ['ACTIVE', 'INACTIVE', 'ERASED'];

/**
 * The clients orders keeps from client.events.v1 (`known_clients`, status only). A client not there yet (registered
 * a moment ago, its event not consumed yet) is asked for once to client-service's GetClient, and its answer kept
 * under the same version rule as the consumers': a newer event wins, an older one changes nothing.
 */
@Injectable()
export class PgKnownClients implements KnownClients {
  private readonly pool: Pool;

  constructor(
    dataSource: DataSource,
    @Inject(CLIENT_CALLEE) private readonly client: ClientCallee,
  ) {
    this.pool = poolOf(dataSource);
  }

  async statusOf(clientId: string, correlationId: string): Promise<OrderingClientStatus> {
    const rows = await executorOf(this.pool).query<{ status: string | null }>(
      'SELECT status FROM known_clients WHERE id = $1',
      [clientId],
    );
    if (rows[0]?.status) return statusOf(rows[0].status);
    const asked = await this.client.GetClient({ id: clientId }, { correlationId }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === GrpcStatus.NOT_FOUND) return null;
      throw error; // a transient failure (CALL.*): 503, the caller retries
    });
    if (!asked) return null;
    await executorOf(this.pool).query(
      `INSERT INTO known_clients (id, version, status) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, updated_at = now()
       WHERE known_clients.version < EXCLUDED.version`,
      [clientId, asked.version, asked.status],
    );
    return statusOf(asked.status);
  }
}

/** A status this version of orders does not know is not one that may order. */
const statusOf = (status: string): OrderingClientStatus =>
  (STATUSES.includes(status) ? status : 'INACTIVE') as OrderingClientStatus;
