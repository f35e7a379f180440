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

  it('groups its changes by aggregate in log order, whatever the order they arrived in', () => {
    const changes = [
      { lsn: 30, table: 'LIGNES_COMMANDE', order: 'o-1' },
      { lsn: 10, table: 'COMMANDES', order: 'o-1' },
      { lsn: 20, table: 'COMMANDES', order: 'o-2' },
      { lsn: 15, table: 'LIGNES_COMMANDE', order: 'o-1' },
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(changes, { minLength: changes.length }), (arrived) => {
        const groups = groupByAggregate(arrived, (change) => change.order);
        expect([...groups.keys()]).toEqual(['o-1', 'o-2']);
        expect(groups.get('o-1')?.map((change) => change.lsn)).toEqual([10, 15, 30]);
        expect(groups.get('o-2')?.map((change) => change.lsn)).toEqual([20]);
      }),
    );
  });
});
