import { FixedClock, InvalidValueError, Money, VatRate, vatTotals } from '@bascule/shared/ddd';
import { Order, ORDER_STATUS_VALUES, OrderStatus, PricedLine } from './order';
import { OrderEvent } from './order.events';
import { OrderId } from './order-id';
import {
  OrderClientErased,
  OrderClientInactive,
  OrderClientUnknown,
  OrderInvalidState,
  OrderLineIdTaken,
} from './order.errors';
import { assertClientMayOrder } from './rules/client-may-order.rule';

describe('Order', () => {
  const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
  const clientId = '5b0f5e4e-8c1d-4a3b-9e2f-000000000000';
  const eur = (amount: number) => Money.fromJSON({ amount, currency: 'EUR' });
  const line = (sku: string, quantity = 1, unitPrice = eur(1000), vatRate: VatRate = 2000): PricedLine => ({
    sku,
    quantity,
    unitPrice,
    vatRate,
  });
  const payment = { type: 'card', token: 'tok_ok' } as const;
  const place = (lines: PricedLine[], currency?: string) =>
    Order.place(OrderId.generate(), { clientId, lines, payment, currency }, clock);

  it('is placed PENDING at version 1, its lines priced and totalled, in EUR by default', () => {
    const order = place([line('A', 3, eur(1250)), line('B', 2, eur(199))]);
    expect(order.version).toBe(1);
    expect(order.snapshot).toEqual({
      clientId,
      total: eur(3750 + 398),
      totalInclVat: eur(4148 + 830), // 20 % of 41.48 = 8.296 → 8.30
      status: 'PENDING',
      reason: null,
    });
    expect(order.orderLines.map((l) => [l.snapshot.sku, l.snapshot.lineTotal.minor])).toEqual([
      ['A', 3750],
      ['B', 398],
    ]);
  });

  it('records OrderPlaced with its lines and the payment token the saga needs', () => {
    const order = place([line('A', 2, eur(500))]);
    expect(order.pendingEvents).toEqual([
      expect.objectContaining({
        type: 'OrderPlaced',
        aggregateVersion: 1,
        clientId,
        status: 'PENDING',
        total: eur(1000),
        lines: [expect.objectContaining({ sku: 'A', quantity: 2, unitPrice: eur(500), lineTotal: eur(1000) })],
        payment,
      }),
    ]);
  });

  it('totals what the client pays with the VAT of each rate rounded once, as billing invoices it (ADR 0068)', () => {
    // At 20 %: 0.01 and 0.02 make 0.03 × 20 % = 0.006 → 0.01 (per line, 0.002 and 0.004 would round to nothing);
    // 0.99 at 5.5 % = 0.05445 → 0.05; 139.93 at 10 % = 13.993 → 13.99.
    const lines = [
      line('A', 1, eur(1)),
      line('B', 1, eur(2)),
      line('C', 3, eur(33), 550),
      line('D', 7, eur(1999), 1000),
    ];
    const order = place(lines);
    expect(order.snapshot.total).toEqual(eur(14095));
    expect(order.snapshot.totalInclVat).toEqual(eur(14095 + 1 + 5 + 1399));
    const invoiced = vatTotals(
      lines.map((l) => ({ vatRate: l.vatRate, lineExclVat: l.unitPrice.multiply(l.quantity) })),
      'EUR',
    );
    expect(order.snapshot.totalInclVat).toEqual(invoiced.totalInclVat);
    expect(order.orderLines.map((l) => l.snapshot.vatRate)).toEqual([2000, 2000, 550, 1000]);
    expect(order.pendingEvents[0]).toMatchObject({
      totalInclVat: invoiced.totalInclVat,
      lines: [{ vatRate: 2000 }, { vatRate: 2000 }, { vatRate: 550 }, { vatRate: 1000 }],
    });
  });

  it('is priced in the currency asked for', () => {
    const chf = Money.fromJSON({ amount: 700, currency: 'CHF' });
    expect(place([line('A', 1, chf)], 'CHF').snapshot.total).toEqual(chf);
  });

  describe('its lines (rule: at least 1, at most 100, one per sku, one currency)', () => {
    it('refuses an order without lines', () => {
      expect(() => place([])).toThrow(expect.objectContaining({ field: 'lines' }));
    });

    it('takes 100 lines and refuses 101', () => {
      const lines = (n: number) => Array.from({ length: n }, (_, i) => line(`SKU-${i}`));
      expect(place(lines(100)).orderLines).toHaveLength(100);
      expect(() => place(lines(101))).toThrow(InvalidValueError);
    });

    it('refuses a second line of one sku, naming it', () => {
      expect(() => place([line('A'), line('B'), line('A')])).toThrow(expect.objectContaining({ field: 'lines/2/sku' }));
    });

    it('refuses a line priced in another currency, naming it (422)', () => {
      const usd = Money.fromJSON({ amount: 100, currency: 'USD' });
      expect(() => place([line('A'), line('B', 1, usd)])).toThrow(
        expect.objectContaining({ code: 'ORDER.CURRENCY_MISMATCH', field: 'lines/1/sku' }),
      );
    });

    it('refuses a quantity outside 1–10,000', () => {
      expect(() => place([line('A', 0)])).toThrow(InvalidValueError);
      expect(() => place([line('A', 10_001)])).toThrow(InvalidValueError);
    });
  });

  describe('its states: PENDING → CONFIRMED | REJECTED | CANCELLED; CONFIRMED → SHIPPED | REJECTED | CANCELLING → CANCELLED', () => {
    const commands: Record<string, (order: Order) => void> = {
      confirm: (order) => order.confirmOrder(),
      reject: (order) => order.rejectOrder({ reason: 'out of stock' }),
      ship: (order) => order.shipOrder(),
      cancel: (order) => order.cancelOrder({ reason: 'changed my mind' }),
      complete: (order) => order.completeCancellation(),
    };
    type Outcome = [OrderStatus, OrderEvent['type']] | 'nothing' | 'refused';
    // Each state × each command: the state and event it leads to, a repeat that changes nothing, or a refusal.
    const outcomes: Record<OrderStatus, Record<string, Outcome>> = {
      PENDING: {
        confirm: ['CONFIRMED', 'OrderConfirmed'],
        reject: ['REJECTED', 'OrderRejected'],
        ship: 'refused',
        cancel: ['CANCELLED', 'OrderCanceled'],
        complete: 'refused',
      },
      CONFIRMED: {
        confirm: 'nothing',
        reject: ['REJECTED', 'OrderRejected'],
        ship: ['SHIPPED', 'OrderShipped'],
        cancel: ['CANCELLING', 'OrderCancellationRequested'],
        complete: 'refused',
      },
      CANCELLING: {
        confirm: 'nothing',
        reject: 'refused',
        ship: 'refused',
        cancel: 'nothing',
        complete: ['CANCELLED', 'OrderCanceled'],
      },
      REJECTED: { confirm: 'refused', reject: 'nothing', ship: 'refused', cancel: 'refused', complete: 'refused' },
      SHIPPED: { confirm: 'nothing', reject: 'refused', ship: 'refused', cancel: 'refused', complete: 'refused' },
      CANCELLED: { confirm: 'refused', reject: 'nothing', ship: 'refused', cancel: 'refused', complete: 'nothing' },
    };
    const reach: Record<OrderStatus, string[]> = {
      PENDING: [],
      CONFIRMED: ['confirm'],
      CANCELLING: ['confirm', 'cancel'],
      REJECTED: ['reject'],
      SHIPPED: ['confirm', 'ship'],
      CANCELLED: ['cancel'],
    };
    const orderIn = (status: OrderStatus) => {
      const order = place([line('A')]);
      reach[status].forEach((command) => commands[command](order));
      expect(order.snapshot.status).toBe(status);
      return order;
    };
    const cases = (Object.keys(outcomes) as OrderStatus[]).flatMap((status) =>
      Object.entries(outcomes[status]).map(([command, outcome]) => [status, command, outcome] as const),
    );

    it('covers every state', () => {
      expect(Object.keys(outcomes).sort()).toEqual([...ORDER_STATUS_VALUES].sort());
    });

    it.each(cases)('%s, %s → %p (a repeat or a refusal records nothing)', (status, command, outcome) => {
      const order = orderIn(status);
      const before = order.pendingEvents.length;
      if (outcome === 'refused') {
        expect(() => commands[command](order)).toThrow(OrderInvalidState);
        expect(() => commands[command](order)).toThrow(
          expect.objectContaining({ code: 'ORDER.INVALID_STATE', details: expect.objectContaining({ state: status }) }),
        );
        expect(order.pendingEvents).toHaveLength(before);
        expect(order.snapshot.status).toBe(status);
      } else if (outcome === 'nothing') {
        commands[command](order);
        expect(order.pendingEvents).toHaveLength(before);
        expect(order.snapshot.status).toBe(status);
      } else {
        commands[command](order);
        expect(order.snapshot.status).toBe(outcome[0]);
        expect(order.pendingEvents.slice(before).map((event) => event.type)).toEqual([outcome[1]]);
      }
    });

    it('a rejection and a cancellation keep their reason, trimmed; a blank one is refused', () => {
      const rejected = orderIn('PENDING');
      rejected.rejectOrder({ reason: '  out of stock ' });
      expect(rejected.snapshot).toMatchObject({ status: 'REJECTED', reason: 'out of stock' });
      expect(rejected.pendingEvents.at(-1)).toMatchObject({ type: 'OrderRejected', reason: 'out of stock' });
      expect(() => orderIn('CONFIRMED').cancelOrder({ reason: '   ' })).toThrow(
        expect.objectContaining({ field: 'reason' }),
      );
    });

    it("a CONFIRMED order's cancellation is a request with its reason and total; completed, it keeps the reason", () => {
      const order = place([line('A', 3, eur(1250))]);
      order.confirmOrder();
      order.cancelOrder({ reason: ' changed my mind ' });
      expect(order.snapshot).toMatchObject({ status: 'CANCELLING', reason: 'changed my mind' });
      expect(order.pendingEvents.at(-1)).toMatchObject({
        type: 'OrderCancellationRequested',
        reason: 'changed my mind',
        total: eur(3750),
        totalInclVat: eur(4500),
      });
      order.cancelOrder({ reason: 'again' });
      expect(order.snapshot.reason).toBe('changed my mind');
      order.completeCancellation();
      expect(order.pendingEvents.at(-1)).toMatchObject({
        type: 'OrderCanceled',
        status: 'CANCELLED',
        reason: 'changed my mind',
      });
    });
  });

  describe('who may order (rule: a client known to orders and ACTIVE)', () => {
    it.each([
      [null, OrderClientUnknown, 'ORDER.CLIENT_UNKNOWN'],
      ['INACTIVE', OrderClientInactive, 'ORDER.CLIENT_INACTIVE'],
      ['ERASED', OrderClientErased, 'ORDER.CLIENT_ERASED'],
    ] as const)('refuses a client %p', (status, error, code) => {
      expect(() => assertClientMayOrder(clientId, status)).toThrow(error);
      expect(() => assertClientMayOrder(clientId, status)).toThrow(expect.objectContaining({ code }));
    });

    it('lets an active client order', () => {
      expect(() => assertClientMayOrder(clientId, 'ACTIVE')).not.toThrow();
    });
  });

  it.each([0, 10_001])('refuses to place a line of %p units (1 to 10,000)', (quantity) => {
    expect(() => place([line('A', quantity)])).toThrow(expect.objectContaining({ field: 'quantity' }));
  });

  describe('as the legacy system holds it', () => {
    const legacyLine = (orderLineId: string, quantity: number) => ({
      orderLineId,
      sku: 'ART-1',
      quantity,
      unitPrice: eur(250),
      lineTotal: eur(250 * quantity),
    });
    const held = () => Order.fromLegacy(OrderId.generate(), { clientId, total: eur(0), status: 'SHIPPED' }, clock);
    const lineId = '5b0f5e4e-8c1d-4a3b-9e2f-0000000000bb';

    it('is taken in its state, without a line, priced by nobody, recording OrderSyncedFromLegacy', () => {
      const order = held();
      expect(order.snapshot).toEqual({ clientId, total: eur(0), totalInclVat: null, status: 'SHIPPED', reason: null });
      expect(order.orderLines).toEqual([]);
      expect(order.pendingEvents).toEqual([
        expect.objectContaining({ type: 'OrderSyncedFromLegacy', clientId, status: 'SHIPPED', total: eur(0) }),
      ]);
    });

    it('gets the lines legacy wrote, once: the same line again records nothing, other values under its id are refused', () => {
      const order = held();
      order.addOrderLine(legacyLine(lineId, 0));
      order.addOrderLine(legacyLine(lineId, 0));
      expect(() => order.addOrderLine(legacyLine(lineId, 2))).toThrow(OrderLineIdTaken);
      order.removeOrderLine({ orderLineId: lineId });
      order.removeOrderLine({ orderLineId: lineId });
      order.addOrderLine(legacyLine(lineId, 2));
      expect(order.orderLines.map((l) => l.snapshot.quantity)).toEqual([2]);
      expect(order.pendingEvents.map((event) => event.type)).toEqual([
        'OrderSyncedFromLegacy',
        'OrderLineAdded',
        'OrderLineRemoved',
        'OrderLineAdded',
      ]);
    });

    it('refuses a line of negative units: no reading takes it', () => {
      expect(() => held().addOrderLine(legacyLine(lineId, -1))).toThrow(InvalidValueError);
    });

    it('follows legacy from any state to any other', () => {
      const order = held();
      order.syncFromLegacy({ clientId, total: eur(100), status: 'PENDING' });
      expect(order.snapshot.status).toBe('PENDING');
    });

    it('keeps a cancellation under way when legacy, which shows it validated, says CONFIRMED; not when it says otherwise', () => {
      const order = Order.reconstitute(
        OrderId.generate(),
        3,
        { clientId, total: eur(100), totalInclVat: eur(120), status: 'CANCELLING', reason: 'changed my mind' },
        clock,
      );
      order.syncFromLegacy({ clientId, total: eur(100), status: 'CONFIRMED' });
      expect(order.snapshot.status).toBe('CANCELLING');
      expect(order.pendingEvents).toEqual([]);
      order.syncFromLegacy({ clientId, total: eur(100), status: 'SHIPPED' });
      expect(order.snapshot.status).toBe('SHIPPED');
    });
  });
});
