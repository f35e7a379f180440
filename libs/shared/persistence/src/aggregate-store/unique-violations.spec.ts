import { ConcurrencyError } from '@bascule/shared/ddd';
import { DatabaseError } from 'pg';
import { membersTable, MemberHandleTaken } from '../testing';
import { isAggregateStoreError, rowOfKey, translateUniqueViolation, WrittenRow } from './unique-violations';

const violation = (constraint: string, detail?: string) =>
  Object.assign(new DatabaseError('duplicate key value violates unique constraint', 0, 'error'), {
    code: '23505',
    constraint,
    detail,
  });

describe('naming the aggregate behind a unique violation', () => {
  const written: WrittenRow[] = [
    { aggregateId: 'a', row: { id: 'a', handle: 'ada', active: true, rank: 1 } },
    { aggregateId: 'b', row: { id: 'b', handle: 'ada, king', active: false, rank: 2 } },
    { aggregateId: 'c', row: { order_id: 'c', sku: 'x', line: 7 } },
  ];

  it("finds the written row holding PostgreSQL's key, composite keys and commas in values included", () => {
    expect(rowOfKey('Key (handle)=(ada, king) already exists.', written)?.aggregateId).toBe('b');
    expect(rowOfKey('Key (handle, active)=(ada, t) already exists.', written)?.aggregateId).toBe('a');
    expect(rowOfKey('Key (order_id, sku)=(c, x) already exists.', written)?.aggregateId).toBe('c');
    expect(rowOfKey('Key (rank)=(2) already exists.', written)?.aggregateId).toBe('b');
    expect(rowOfKey('Key (lower(handle))=(ada) already exists.', written)).toBeUndefined();
    expect(rowOfKey(undefined, written)).toBeUndefined();
  });

  it("keeps the context's refusal or the lost race as the error, and names its aggregate on it", () => {
    const refusal = translateUniqueViolation(
      violation('members_handle_unique', 'Key (handle)=(ada, king) already exists.'),
      membersTable,
      written,
    );
    expect(refusal).toBeInstanceOf(MemberHandleTaken);
    expect(isAggregateStoreError(refusal) && [refusal.aggregate, refusal.aggregateId]).toEqual(['member', 'b']);
    const race = translateUniqueViolation(violation('members_pkey', 'Key (id)=(c) already exists.'), membersTable, [
      ...written,
      { aggregateId: 'c', row: { id: 'c' } },
    ]);
    expect(race).toBeInstanceOf(ConcurrencyError);
    expect(race).toMatchObject({ aggregateId: 'c' });
  });

  it('falls back to the first row written when the key cannot be read, and leaves other errors alone', () => {
    expect(translateUniqueViolation(violation('members_pkey'), membersTable, written)).toMatchObject({
      aggregateId: 'a',
    });
    const other = new Error('connection reset');
    expect(translateUniqueViolation(other, membersTable, written)).toBe(other);
    expect(isAggregateStoreError(other)).toBe(false);
  });
});
