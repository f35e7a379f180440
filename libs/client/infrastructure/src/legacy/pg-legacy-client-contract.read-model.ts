import {
  LegacyClientContract,
  LegacyClientJson,
  LegacyClientSnapshot,
  renderLegacyClient,
} from '@bascule/anti-corruption';
import { Pool } from 'pg';
import { toView } from '../persistence/client-persistence.mapper';
import { ClientRow } from '../persistence/client.row';

type Row = ClientRow & { no_client: number; legacy_row: LegacyClientSnapshot | null };

const SELECT = `SELECT k.no_client, k.legacy_row, c.* FROM legacy_client_keys k JOIN clients c ON c.id = k.client_id WHERE NOT k.deleted`;

/** The legacy clients contract, rendered from the client context's state through the ACL. */
export class PgLegacyClientContractReadModel implements LegacyClientContract {
  constructor(private readonly pool: Pool) {}

  async get(noClient: number): Promise<LegacyClientJson | undefined> {
    const { rows } = await this.pool.query<Row>(`${SELECT} AND k.no_client = $1`, [noClient]);
    return rows[0] ? render(rows[0]) : undefined;
  }

  async list(page: number, taille: number): Promise<LegacyClientJson[]> {
    const { rows } = await this.pool.query<Row>(`${SELECT} ORDER BY k.no_client LIMIT $1 OFFSET $2`, [
      taille,
      (page - 1) * taille,
    ]);
    return rows.map(render);
  }
}

const render = (row: Row) => renderLegacyClient(row.no_client, toView(row), row.legacy_row);
