import { randomUUID } from 'node:crypto';
import { Money, vatRateOrDefault, vatTotals } from '../../../libs/shared/ddd/src';
import { PlaceOrderBody } from '../../../libs/orders/interface/src/rest/order.schemas';
import { BareRefusal, BareRoute, envelope, moneyOf } from '../bare-route';

const CURRENCY = 'EUR';

/**
 * POST /orders: the client's status in `known_clients` (what orders keeps of client.events.v1; the bench's clients
 * are all there, so neither side calls client-service), the lines' prices and VAT rates from `known_stock_items` and
 * the total VAT included, then order row + its lines + orders.order-placed in one transaction, read back with its
 * lines. (The service also counts its backlog, once per 250 ms: not per order, left out.)
 */
export const ordersRoute: BareRoute<PlaceOrderBody> = {
  path: '/orders',
  role: 'orders:write',
  body: PlaceOrderBody,
  async handle(body, { transaction, appendOutbox, readOne, readAll, correlationId }) {
    const [client] = await readAll('SELECT status FROM known_clients WHERE id = $1', [body.clientId]);
    if (!client?.status) throw new BareRefusal(422, 'ORDER.CLIENT_UNKNOWN', `client ${body.clientId} is not known`);
    if (client.status !== 'ACTIVE')
      throw new BareRefusal(409, 'ORDER.CLIENT_INACTIVE', `client ${body.clientId} is not active`);
    if (new Set(body.lines.map((line) => line.sku)).size !== body.lines.length)
      throw new BareRefusal(422, 'ORDER.INVALID', 'one line per sku');
    const priced = await readAll(
      'SELECT sku, unit_price, vat_rate FROM known_stock_items WHERE sku = ANY($1) AND unit_price IS NOT NULL',
      [body.lines.map((line) => line.sku)],
    );
    const prices = new Map(
      priced.map((row) => [row.sku as string, row.unit_price as { amount: number; currency: string }]),
    );
    const rates = new Map(priced.map((row) => [row.sku as string, row.vat_rate]));
    const lines = body.lines.map((line, index) => {
      const unitPrice = prices.get(line.sku);
      if (!unitPrice)
        throw new BareRefusal(422, 'ORDER.SKU_UNKNOWN', `lines/${index}/sku: ${line.sku} is not in the catalogue`);
      if (unitPrice.currency !== CURRENCY)
        throw new BareRefusal(422, 'ORDER.CURRENCY_MISMATCH', `lines/${index}/sku: priced in ${unitPrice.currency}`);
      const lineTotal = { amount: unitPrice.amount * line.quantity, currency: CURRENCY };
      const vatRate = vatRateOrDefault(rates.get(line.sku));
      return { orderLineId: randomUUID(), sku: line.sku, quantity: line.quantity, unitPrice, lineTotal, vatRate };
    });
    const total = { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency: CURRENCY };
    const totalInclVat = vatTotals(
      lines.map((line) => ({ vatRate: line.vatRate, lineExclVat: Money.of(line.lineTotal.amount, CURRENCY) })),
      CURRENCY,
    ).totalInclVat.toJSON();
    const id = randomUUID();
    await transaction(async (tx) => {
      await tx.query(
        `INSERT INTO orders (id, version, client_id, total_amount, total_currency, total_incl_vat_amount,
           total_incl_vat_currency, status, reason)
         VALUES ($1, 1, $2, $3, $4, $5, $4, 'PENDING', NULL)`,
        [id, body.clientId, total.amount, total.currency, totalInclVat.amount],
      );
      await tx.query(
        `INSERT INTO order_lines (order_id, order_line_id, position, sku, quantity, unit_price_amount, unit_price_currency,
           line_total_amount, line_total_currency, vat_rate)
         SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::bigint[], $9::text[], $10::int[])`,
        [
          id,
          lines.map((line) => line.orderLineId),
          lines.map((_, position) => position),
          lines.map((line) => line.sku),
          lines.map((line) => line.quantity),
          lines.map((line) => line.unitPrice.amount),
          lines.map((line) => line.unitPrice.currency),
          lines.map((line) => line.lineTotal.amount),
          lines.map((line) => line.lineTotal.currency),
          lines.map((line) => line.vatRate),
        ],
      );
      const payload = {
        orderId: id,
        clientId: body.clientId,
        total,
        totalInclVat,
        status: 'PENDING',
        reason: null,
        lines,
      };
      await appendOutbox(
        tx,
        envelope(
          {
            type: 'orders.order-placed',
            aggregateType: 'order',
            aggregateId: id,
            payload: { ...payload, payment: body.payment },
          },
          correlationId,
        ),
      );
    });
    const row = await readOne('SELECT * FROM orders WHERE id = $1', id);
    const lineRows = await readAll('SELECT * FROM order_lines WHERE order_id = ANY($1) ORDER BY order_id, position', [
      [id],
    ]);
    return {
      id,
      version: Number(row.version),
      view: {
        id: row.id,
        version: row.version,
        clientId: row.client_id,
        total: moneyOf(row, 'total'),
        totalInclVat: moneyOf(row, 'total_incl_vat'),
        status: row.status,
        reason: row.reason,
        orderLines: lineRows.map((line) => ({
          id: line.order_line_id,
          sku: line.sku,
          quantity: line.quantity,
          unitPrice: moneyOf(line, 'unit_price'),
          lineTotal: moneyOf(line, 'line_total'),
          vatRate: line.vat_rate,
        })),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  },
};
