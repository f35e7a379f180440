import { cloudRequest, CommandMetadata } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { messagingTablesUp, OutboxWriter, PgAggregateStore, subjectKeysTableUp } from '@bascule/shared/persistence';
import { Member, memberContracts, membersTable, membersTableUp } from '@bascule/shared/persistence/testing';
import { Pool } from 'pg';
import { keyMapTableUp } from '../src/key-map/key-map-table';
import { LegacyTableDefinition } from '../src/legacy-table';
import { CapturedChange } from '@bascule/shared/contracts';

/** A captured `MEMBERS` row of the tests' own little legacy system: a key and a handle. */
export interface MemberRow {
  ID: number;
  HANDLE: string | null;
}

class Unreadable extends Error {
  readonly safeMessage = true;
}

export const memberIdOf = (key: number) => `00000000-0000-4000-8000-${String(key).padStart(12, '0')}`;

/** A change of a MEMBERS row as the tests' capture writes it (op, position, row). */
export const memberChange = (row: MemberRow, lsn: number, op: 'c' | 'u' | 'd' = 'c') => ({
  key: JSON.stringify({ ID: row.ID }),
  value: JSON.stringify({ op, lsn, txId: lsn, ts: Date.now(), row }),
});

export class SyncMemberCommand {
  constructor(
    readonly memberId: string,
    readonly handle: string,
    readonly metadata: CommandMetadata,
  ) {}
}

export const KEY_MAP = { table: 'legacy_member_keys', keyType: 'integer' } as const;

/** The tests' context: members in its own tables, synced from MEMBERS (a missing handle quarantined). */
export const membersDefinition: LegacyTableDefinition<MemberRow, string, number> = {
  service: 'members-test',
  capture: {
    table: 'MEMBERS',
    keyOf: (key) => (JSON.parse(key?.toString() ?? '{}') as { ID?: number }).ID,
    decode: (value): CapturedChange<MemberRow, number> | null => {
      if (!value) return null;
      const { op, lsn, txId, ts, row } = JSON.parse(value.toString()) as Record<string, never>;
      if (!Number.isSafeInteger(lsn)) throw new Unreadable('no position');
      return { deleted: op === 'd', key: (row as MemberRow).ID, row, lsn, txId, committedAtMs: ts };
    },
  },
  keyMap: KEY_MAP,
  aggregateIdOf: memberIdOf,
  translate: (change) =>
    change.row.HANDLE ? { value: change.row.HANDLE, kept: change.row } : { quarantine: ['HANDLE is empty'] },
  command: (memberId, handle, metadata) => new SyncMemberCommand(memberId, handle, metadata),
};

/** The context's tables, and a CommandBus that runs SyncMember on the platform's store (joins or renames). */
export async function membersContext(pool: Pool) {
  for (const statement of [...messagingTablesUp, ...subjectKeysTableUp, ...membersTableUp, ...keyMapTableUp(KEY_MAP)])
    await pool.query(statement);
  const store = new PgAggregateStore(pool, membersTable, new OutboxWriter(new ContractRegistry(memberContracts)));
  const commands = {
    execute: async ({ memberId, handle, metadata }: SyncMemberCommand) => {
      const member = (await store.findById(memberId)) ?? Member.join(memberId, handle);
      member.rename(handle);
      if (member.pendingEvents.length > 0) await store.save(member, metadata ?? cloudRequest());
    },
  };
  return { store, commands: commands as { execute(command: object): Promise<unknown> } };
}
