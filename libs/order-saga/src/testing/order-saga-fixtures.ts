import { randomUUID } from 'node:crypto';
import { OrderPlacedV1 } from '@bascule/orders/contracts';
import { PayloadOf } from '@bascule/shared/contracts';
import { OrderCancellationRequestedV1 } from '@bascule/orders/contracts';

type OrderPlaced = PayloadOf<typeof OrderPlacedV1>;

const money = (amount: number) => ({ amount, currency: 'EUR' });

/**
 * An orders.order-placed payload: two lines at 20 %, 2 × 12.50 + 1 × 5.00 = 30.00 EUR, 36.00 VAT included, paid with
 * a good card token.
 */
export function anOrderPlaced(overrides: Partial<OrderPlaced> = {}): OrderPlaced {
  return {
    orderId: randomUUID(),
    clientId: randomUUID(),
    total: money(3000),
    totalInclVat: money(3600),
    status: 'PENDING',
    reason: null,
    lines: [
      {
        orderLineId: randomUUID(),
        sku: 'CUP-6',
        quantity: 2,
        unitPrice: money(1250),
        lineTotal: money(2500),
        vatRate: 2000,
      },
      {
        orderLineId: randomUUID(),
        sku: 'SAUCER',
        quantity: 1,
        unitPrice: money(500),
        lineTotal: money(500),
        vatRate: 2000,
      },
    ],
    payment: { type: 'card', token: 'tok_visa' },
    ...overrides,
  };
}

export function anOrderCancellationRequested(
  overrides: Partial<PayloadOf<typeof OrderCancellationRequestedV1>> = {},
): PayloadOf<typeof OrderCancellationRequestedV1> {
  return {
    orderId: randomUUID(),
    reason: 'client changed their mind',
    total: money(3000),
    totalInclVat: money(3600),
    ...overrides,
  };
}

/** A participant's answer that the step went through: the aggregate it changed, at its version. */
export const done = (id = randomUUID(), version = 1) => ({ id, version });

/** A participant's refusal, as the generated handler maps a domain error (ADR 0056). */
export const refusal = (reason: string, detail = `refused: ${reason}`) => ({ reason, detail });
