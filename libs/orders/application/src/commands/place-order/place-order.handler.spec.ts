import { Order, OrderingClientStatus } from '@bascule/orders/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { Catalogue, CatalogueTerms } from '../../ports/catalogue';
import { KnownClients } from '../../ports/known-clients';
import { OrderBacklog } from '../../ports/order-backlog';
import { A_CLIENT_ID } from '../../testing/order.fixtures';
import { PlaceOrderCommand, PlaceOrderData } from './place-order.command';
import { PlaceOrderHandler } from './place-order.handler';

describe('PlaceOrderHandler', () => {
  const eur = (amount: number) => Money.fromJSON({ amount, currency: 'EUR' });
  const terms = new Map<string, CatalogueTerms>([
    ['SKU-1', { unitPrice: eur(1250), vatRate: 2000 }],
    ['SKU-2', { unitPrice: eur(99), vatRate: 550 }],
  ]);
  const catalogue: Catalogue = {
    termsOf: async (skus) => new Map([...terms].filter(([sku]) => skus.includes(sku))),
  };
  const data: PlaceOrderData = {
    clientId: A_CLIENT_ID,
    lines: [
      { sku: 'SKU-1', quantity: 2 },
      { sku: 'SKU-2', quantity: 10 },
    ],
    payment: { type: 'card', token: 'tok_ok' },
  };
  const setup = (status: OrderingClientStatus = 'ACTIVE', pending = 0) => {
    const repository = new InMemoryAggregateRepository<Order>();
    const asked: string[] = [];
    const clients: KnownClients = { statusOf: async (clientId) => (asked.push(clientId), status) };
    const backlog: OrderBacklog = { limit: 3, pending: async () => pending };
    const handler = new PlaceOrderHandler(new OrderChanges(repository), clients, catalogue, backlog, new FixedClock());
    const run = (placed = data) => handler.execute(new PlaceOrderCommand(placed, cloudRequest('corr-1')));
    return { repository, asked, run };
  };

  it('places a PENDING order priced and taxed from the catalogue, and records OrderPlaced with the payment token', async () => {
    const { repository, asked, run } = setup();
    const { id, version } = await run();
    expect(version).toBe(1);
    expect(asked).toEqual([A_CLIENT_ID]);
    const order = (await repository.findById(id)) as Order;
    // 25.00 at 20 % (5.00) and 9.90 at 5.5 % (0.5445 → 0.54): what billing's invoice will total.
    expect(order.snapshot).toMatchObject({ status: 'PENDING', total: eur(2500 + 990), totalInclVat: eur(3490 + 554) });
    expect(order.orderLines.map((line) => line.snapshot.unitPrice)).toEqual([eur(1250), eur(99)]);
    expect(order.orderLines.map((line) => line.snapshot.vatRate)).toEqual([2000, 550]);
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'OrderPlaced', payment: { type: 'card', token: 'tok_ok' } }),
    ]);
  });

  it('takes an order while fewer orders than the limit wait for their saga, refuses one at the limit (retry later)', async () => {
    expect((await setup('ACTIVE', 2).run()).version).toBe(1);
    const full = setup('ACTIVE', 3);
    await expect(full.run()).rejects.toMatchObject({
      code: 'ORDER.BACKLOG_FULL',
      retryAfterSeconds: 2,
      details: expect.objectContaining({ pending: 3, limit: 3 }),
    });
    expect(full.repository.saved).toEqual([]);
    expect(full.asked).toEqual([]);
  });

  it('refuses a sku the catalogue does not hold, naming its line (422), and saves nothing', async () => {
    const { repository, run } = setup();
    const lines = [...data.lines, { sku: 'NOPE', quantity: 1 }];
    await expect(run({ ...data, lines })).rejects.toMatchObject({ code: 'ORDER.SKU_UNKNOWN', field: 'lines/2/sku' });
    expect(repository.saved).toEqual([]);
  });

  it.each([
    [null, 'ORDER.CLIENT_UNKNOWN'],
    ['INACTIVE', 'ORDER.CLIENT_INACTIVE'],
    ['ERASED', 'ORDER.CLIENT_ERASED'],
  ] as const)('refuses a client %p (%s), and saves nothing', async (status, code) => {
    const { repository, run } = setup(status);
    await expect(run()).rejects.toMatchObject({ code });
    expect(repository.saved).toEqual([]);
  });
});
