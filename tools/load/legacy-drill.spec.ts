import { balanceLines, capturedTables } from './legacy-drill';

describe('legacy:drill', () => {
  it('counts every table a context captures, each against its own dead-letter topic', () => {
    expect(capturedTables().map(({ table, database, deadLetterTopic }) => [table, database, deadLetterTopic])).toEqual(
      expect.arrayContaining([
        ['CLIENTS', 'bascule_client', 'client.legacy.CLIENTS.dlq'],
        ['STOCK', 'bascule_inventory', 'inventory.legacy.STOCK.dlq'],
        ['COMMANDES', 'bascule_orders', 'orders.legacy.COMMANDES.dlq'],
        ['LIGNES_COMMANDE', 'bascule_orders', 'orders.legacy.LIGNES_COMMANDE.dlq'],
        ['PAIEMENTS', 'bascule_payment', 'payment.legacy.PAIEMENTS.dlq'],
        ['FACTURES', 'bascule_billing', 'billing.legacy.FACTURES.dlq'],
      ]),
    );
  });

  it('balances a table when its new rows are synced or quarantined, and says how many are missing otherwise', () => {
    const before = new Map([
      ['STOCK', { legacy: 10, synced: 9, quarantined: 1 }],
      ['COMMANDES', { legacy: 0, synced: 0, quarantined: 0 }],
    ]);
    const now = new Map([
      ['STOCK', { legacy: 110, synced: 107, quarantined: 3 }],
      ['COMMANDES', { legacy: 50, synced: 45, quarantined: 1 }],
    ]);
    const [stock, orders] = balanceLines(before, now);
    expect(stock).toMatch(/^STOCK .*written +100 · synced +98 · quarantined +2 · balanced$/);
    expect(orders).toMatch(/written +50 · synced +45 · quarantined +1 · 4 to go$/);
  });
});
