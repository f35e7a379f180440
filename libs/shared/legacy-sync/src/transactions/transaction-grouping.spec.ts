import fc from 'fast-check';
import { groupByAggregate, transactionCompleteness } from './transaction-grouping';

const TABLES = ['COMMANDES', 'LIGNES_COMMANDE'];
const end = { transactionId: '571:100', counts: { COMMANDES: 1, LIGNES_COMMANDE: 2, STOCK: 2 } };

describe('a legacy transaction', () => {
  it("is complete once every change of the context's tables is buffered, other tables not waited for", () => {
    expect(transactionCompleteness(end, { COMMANDES: 1, LIGNES_COMMANDE: 2 }, TABLES)).toBe('complete');
    expect(transactionCompleteness(end, { COMMANDES: 1, LIGNES_COMMANDE: 1 }, TABLES)).toBe('waiting');
    expect(transactionCompleteness(end, { LIGNES_COMMANDE: 2 }, TABLES)).toBe('waiting');
    expect(transactionCompleteness(end, {}, ['STOCK'])).toBe('waiting');
  });

  it('is complete with nothing buffered when it wrote none of the tables', () => {
    expect(transactionCompleteness({ transactionId: '1:1', counts: { STOCK: 4 } }, {}, TABLES)).toBe('complete');
  });

  it('groups its changes by aggregate in transaction order, whatever the order they arrived in', () => {
    const changes = [
      { order: 4, table: 'LIGNES_COMMANDE', aggregate: 'o-1' },
      { order: 1, table: 'COMMANDES', aggregate: 'o-1' },
      { order: 2, table: 'COMMANDES', aggregate: 'o-2' },
      { order: 3, table: 'LIGNES_COMMANDE', aggregate: 'o-1' },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(changes, { minLength: changes.length }), (arrived) => {
        const groups = groupByAggregate(arrived, (change) => change.aggregate);
        expect([...groups.keys()]).toEqual(['o-1', 'o-2']);
        expect(groups.get('o-1')?.map((change) => change.order)).toEqual([1, 3, 4]);
        expect(groups.get('o-2')?.map((change) => change.order)).toEqual([2]);
      }),
    );
  });
});
