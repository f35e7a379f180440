import { PoolClient } from 'pg';

/**
 * The bare chain's topics for one run: the saga's hops (a command topic per participant, one replies topic), plus
 * the order-placed topic the chain starts from; the run's suffix keeps them apart from every other run's.
 */
export const chainTopics = (run: string) => ({
  placed: `bench-saga-${run}.orders-events`,
  inventory: `bench-saga-${run}.inventory-commands`,
  payment: `bench-saga-${run}.payment-commands`,
  orders: `bench-saga-${run}.orders-commands`,
  billing: `bench-saga-${run}.billing-commands`,
  replies: `bench-saga-${run}.replies`,
});
export type ChainTopics = ReturnType<typeof chainTopics>;

/** What travels along the chain: no orchestrator keeps it, so every message carries it. */
export interface ChainData {
  orderId: string;
  total: { amount: number; currency: string };
  lines: { sku: string; quantity: number; unitPrice: { amount: number; currency: string } }[];
  token: string;
}

/** A hop's message: a command to a participant or its reply, keyed by order id. */
export interface ChainMessage {
  type: string;
  data: ChainData;
  reason?: string;
  /** When it was handed to the producer (Date.now()): the legs' times, kept for a stalled run's diagnosis. */
  sentAt?: number;
}

/** The step after each succeeded reply, in PlaceOrder's order; the last reply ends the chain. */
export const NEXT_COMMAND: Record<string, { type: string; topic: keyof ChainTopics } | 'done'> = {
  'orders.order-placed': { type: 'reserve-stock', topic: 'inventory' },
  'reserve-stock-succeeded': { type: 'authorize-payment', topic: 'payment' },
  'authorize-payment-succeeded': { type: 'confirm-order', topic: 'orders' },
  'confirm-order-succeeded': { type: 'capture-payment', topic: 'payment' },
  'capture-payment-succeeded': { type: 'issue-invoice', topic: 'billing' },
  'issue-invoice-succeeded': 'done',
};

/** One participant's work for one command in the batch's transaction: true when done, a reason when refused. */
export type Hop = (tx: PoolClient, message: ChainMessage, prepared?: unknown) => Promise<true | string>;

/**
 * Locks a batch's stock rows in sku order before its reservations: two batches sharing skus would otherwise lock them
 * in opposite orders and deadlock (a second of PostgreSQL's detection, then the batch again).
 */
export async function lockStockRows(tx: PoolClient, batch: ChainMessage[]): Promise<void> {
  const skus = [...new Set(batch.flatMap((m) => m.data.lines.map((l) => l.sku)))].sort();
  await tx.query('SELECT 1 FROM stock_items WHERE sku = ANY($1) ORDER BY sku FOR UPDATE', [skus]);
}

/** All lines or none (the guard is per row: a short line under a race would leave the others reserved; never short here). */
export const reserveStock: Hop = async (tx, { data }) => {
  const { rowCount } = await tx.query(
    `UPDATE stock_items s SET reserved = s.reserved + l.quantity, version = s.version + 1, updated_at = now()
     FROM unnest($1::text[], $2::int[]) AS l (sku, quantity)
     WHERE s.sku = l.sku AND s.on_hand - s.reserved >= l.quantity`,
    [data.lines.map((l) => l.sku), data.lines.map((l) => l.quantity)],
  );
  return rowCount === data.lines.length || 'INSUFFICIENT_STOCK';
};

/** The provider's decision, asked before the transaction (as payment-service asks it before its commit). */
export interface Decision {
  outcome: 'approved' | 'declined';
  reference?: string;
  reason?: string;
}

export const authorizePayment: Hop = async (tx, { data }, prepared) => {
  const decision = prepared as Decision;
  const status = decision.outcome === 'approved' ? 'AUTHORIZED' : 'DECLINED';
  await tx.query(
    `INSERT INTO payments (id, version, order_id, authorized_amount_amount, authorized_amount_currency, status,
       decline_reason, card_last4, card_type, provider_reference)
     VALUES (gen_random_uuid(), 1, $1, $2, $3, $4, $5, $6, 'card', $7)`,
    [
      data.orderId,
      data.total.amount,
      data.total.currency,
      status,
      decision.reason ?? null,
      data.token.slice(-4),
      decision.reference ?? null,
    ],
  );
  return status === 'AUTHORIZED' || `PAYMENT.DECLINED: ${decision.reason}`;
};

export const confirmOrder: Hop = async (tx, { data }) => {
  const { rowCount } = await tx.query(
    `UPDATE orders SET status = 'CONFIRMED', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'PENDING'`,
    [data.orderId],
  );
  return rowCount === 1 || 'ORDER.NOT_PENDING';
};

export const capturePayment: Hop = async (tx, { data }) => {
  const { rowCount } = await tx.query(
    `UPDATE payments SET status = 'CAPTURED', captured_amount_amount = authorized_amount_amount,
       captured_amount_currency = authorized_amount_currency, version = version + 1, updated_at = now()
     WHERE order_id = $1 AND status = 'AUTHORIZED'`,
    [data.orderId],
  );
  return rowCount === 1 || 'PAYMENT.NOT_AUTHORIZED';
};

const VAT_RATE = 2000;
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' });

/** The year's next number from `number_series`, its row locked until the batch commits (gap-free, as billing does). */
export const issueInvoice: Hop = async (tx, { data }) => {
  const issuedOn = parisDate.format(new Date());
  const year = Number(issuedOn.slice(0, 4));
  const { rows } = await tx.query<{ last: number }>(
    `INSERT INTO number_series (series, year, last) VALUES ('INVOICE', $1, 1)
     ON CONFLICT (series, year) DO UPDATE SET last = number_series.last + 1 RETURNING last`,
    [year],
  );
  const base = data.total.amount;
  const vat = Math.round((base * VAT_RATE) / 10_000);
  const currency = data.total.currency;
  await tx.query(
    `WITH invoice AS (
       INSERT INTO invoices (id, version, order_id, number, issued_on, total_excl_vat_amount, total_excl_vat_currency,
         total_vat_amount, total_vat_currency, total_incl_vat_amount, total_incl_vat_currency,
         credited_incl_vat_amount, credited_incl_vat_currency, status)
       VALUES (gen_random_uuid(), 1, $1, $2, $3, $4, $5, $6, $5, $7, $5, 0, $5, 'ISSUED') RETURNING id)
     INSERT INTO invoice_lines (invoice_id, invoice_line_id, position, sku, quantity, unit_price_amount,
       unit_price_currency, vat_rate, line_excl_vat_amount, line_excl_vat_currency)
     SELECT invoice.id, gen_random_uuid(), l.position - 1, l.sku, l.quantity, l.amount, $5, $8, l.amount * l.quantity, $5
     FROM invoice, unnest($9::text[], $10::int[], $11::bigint[]) WITH ORDINALITY AS l (sku, quantity, amount, position)`,
    [
      data.orderId,
      `${year}-${String(rows[0].last).padStart(6, '0')}`,
      issuedOn,
      base,
      currency,
      vat,
      base + vat,
      VAT_RATE,
      data.lines.map((l) => l.sku),
      data.lines.map((l) => l.quantity),
      data.lines.map((l) => l.unitPrice.amount),
    ],
  );
  return true;
};
