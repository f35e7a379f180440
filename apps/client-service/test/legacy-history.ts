import { MasterKey, PersonalFields, SqlRows, SubjectKeys } from '@bascule/shared/persistence';

export interface LegacyHistory {
  id: string;
  registered: number;
  /** The cities of its moves, in order. */
  cities: string;
}

/**
 * What client-service made of the legacy clients, from its outbox: per client its registrations and the cities
 * it moved to, the addresses opened with the test's master key (sealed personal fields, ADR 0033).
 */
export async function legacyHistory(sql: SqlRows): Promise<LegacyHistory[]> {
  const rows = await sql.query<{ id: string; type: string; payload: Record<string, unknown> }>(
    `SELECT aggregateid AS id, type, payload->'payload' AS payload FROM outbox_all
      WHERE headers->>'origin_system' = 'legacy' AND type IN ('client.client-registered', 'client.client-address-changed')
      ORDER BY seq`,
  );
  const personal = new PersonalFields(new SubjectKeys(MasterKey.fromEnv()));
  const byId = new Map<string, LegacyHistory>();
  for (const row of rows) {
    const history = byId.get(row.id) ?? { id: row.id, registered: 0, cities: '' };
    byId.set(row.id, history);
    if (row.type === 'client.client-registered') history.registered += 1;
    else {
      const { address } = (await personal.open(sql, row.payload)) as { address: { city: string } };
      history.cities = history.cities ? `${history.cities},${address.city}` : address.city;
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
