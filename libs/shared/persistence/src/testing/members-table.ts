import { Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';
import { AggregateTable } from '../aggregate-store/aggregate-table';
import { Member, MemberHandleTaken } from './member';

const payload = Type.Object({ memberId: Type.String({ format: 'uuid' }), handle: Type.String() });
const base = { version: 1, topic: 'test.members.v1', aggregateType: 'member', schema: payload } as const;
export const MemberJoinedV1 = defineEvent({ ...base, type: 'test.member-joined', summary: 'A member joined.' });
export const MemberRenamedV1 = defineEvent({
  ...base,
  type: 'test.member-renamed',
  summary: 'A member took a handle.',
});
export const memberContracts = [MemberJoinedV1, MemberRenamedV1];

export const membersTableUp = [
  `CREATE TABLE IF NOT EXISTS members (
     id          uuid PRIMARY KEY,
     version     integer NOT NULL,
     handle      text NOT NULL CONSTRAINT members_handle_unique UNIQUE,
     updated_at  timestamptz NOT NULL DEFAULT now()
   )`,
];

export interface MemberRow {
  id: string;
  version: number;
  handle: string;
}

export const membersTable: AggregateTable<Member, MemberRow> = {
  name: 'member',
  table: 'members',
  columns: { id: 'uuid', version: 'integer', handle: 'text' },
  toRow: (member) => ({ id: member.id.value, version: member.version, handle: member.handle }),
  toAggregate: (row) => Member.reconstitute(row.id, row.version, row.handle),
  integrationEventOf: (event) => ({
    contract: event.type === 'MemberJoined' ? MemberJoinedV1 : MemberRenamedV1,
    payload: { memberId: event.aggregateId, handle: event.handle },
  }),
  uniqueViolations: { members_handle_unique: () => new MemberHandleTaken() },
  updatedAtColumn: 'updated_at',
};
