import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { CommitStockReservationCommand } from '@bascule/inventory/application';
import { StockReservationInvalidState, StockReservationNotFound } from '@bascule/inventory/domain';
import { EventEnvelope } from '@bascule/shared/contracts';
import { SqlRows } from '@bascule/shared/persistence';
import { OnOrderShippedHandler } from './on-order-shipped.handler';

/** The handler on a use case that answers `execute`; the commands it was given recorded. */
function handlerOn(execute: () => Promise<unknown>) {
  const executed: CommitStockReservationCommand[] = [];
  const bus = { execute: (c: CommitStockReservationCommand) => (executed.push(c), execute()) } as unknown as CommandBus;
  return { executed, handler: new OnOrderShippedHandler(bus) };
}

const orderId = randomUUID();
const event = (): EventEnvelope<never> => ({
  id: randomUUID(),
  type: 'orders.order-shipped',
  version: 1,
  aggregateType: 'order',
  aggregateId: orderId,
  aggregateVersion: 3,
  occurredAt: new Date().toISOString(),
  correlationId: 'corr-1',
  causationId: null,
  originSystem: 'cloud',
  payload: { orderId, status: 'SHIPPED' } as never,
});
const tx = {} as SqlRows;

describe('OnOrderShippedHandler', () => {
  it("commits the order's reservation, in the event's correlation, caused by it", async () => {
    const { executed, handler } = handlerOn(async () => ({ id: orderId, version: 3 }));
    const shipped = event();
    await handler.handle(shipped, tx);
    expect(executed.map((c) => c.target)).toEqual([
      {
        aggregateId: orderId,
        expectedVersion: undefined,
        metadata: { correlationId: 'corr-1', causationId: shipped.id, originSystem: 'cloud' },
      },
    ]);
  });

  it('an order with no reservation has nothing to commit', async () => {
    const { handler } = handlerOn(() => Promise.reject(new StockReservationNotFound(orderId)));
    await expect(handler.handle(event(), tx)).resolves.toBeUndefined();
  });

  it('lets a reservation released or rejected (refused by the domain) and any other error through, to the engine', async () => {
    const refused = new StockReservationInvalidState(orderId, 'RELEASED', 'commit-stock-reservation');
    await expect(handlerOn(() => Promise.reject(refused)).handler.handle(event(), tx)).rejects.toBe(refused);
    const reset = new Error('connection reset');
    await expect(handlerOn(() => Promise.reject(reset)).handler.handle(event(), tx)).rejects.toBe(reset);
  });
});
