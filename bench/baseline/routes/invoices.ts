import { randomUUID } from 'node:crypto';
import { CreateInvoiceBody } from '../../../libs/billing/interface/src/rest/invoice.schemas';
import { BareRefusal, BareRoute, envelope, moneyOf } from '../bare-route';

/** billing's rate for a sku its catalogue says nothing of (every sku today): 20 %, in basis points. */
const DEFAULT_VAT_RATE = 2000;

interface KeptLine {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
}

const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** VAT per rate as billing states it (ADR 0043): the bases of one rate summed, their VAT rounded once, half up. */
function vatByRate(lines: { vatRate: number; lineExclVat: { amount: number } }[], currency: string) {
  const bases = new Map<number, number>();
  for (const line of lines) bases.set(line.vatRate, (bases.get(line.vatRate) ?? 0) + line.lineExclVat.amount);
  return [...bases]
    .sort(([a], [b]) => b - a)
    .map(([vatRate, base]) => ({
      vatRate,
      base: { amount: base, currency },
      vat: { amount: Math.round((base * vatRate) / 10_000), currency },
    }));
}

/**
 * POST /invoices: the order billing keeps (`known_orders`, from orders.events.v1), CONFIRMED or SHIPPED; then in one
 * transaction the year's next number (the same `number_series` upsert, its row locked until commit: gap-free),
 * invoice row + its lines + billing.invoice-created; read back with its lines and credit notes.
 */
export const invoicesRoute: BareRoute<CreateInvoiceBody> = {
  path: '/invoices',
  role: 'billing:write',
  body: CreateInvoiceBody,
  async handle(body, { transaction, appendOutbox, readOne, readAll, correlationId }) {
    const [order] = await readAll('SELECT status, lines FROM known_orders WHERE id = $1', [body.orderId]);
    const kept = (order?.lines ?? []) as KeptLine[];
    if (!order?.status || kept.length === 0)
      throw new BareRefusal(422, 'INVOICE.ORDER_UNKNOWN', `order ${body.orderId} is not known to billing`);
    if (!['CONFIRMED', 'SHIPPED'].includes(order.status as string))
      throw new BareRefusal(409, 'INVOICE.ORDER_NOT_CONFIRMED', `order ${body.orderId} is ${String(order.status)}`);
    const currency = kept[0].unitPrice.currency;
    const lines = kept.map((line) => ({
      invoiceLineId: line.orderLineId,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      vatRate: DEFAULT_VAT_RATE,
      lineExclVat: { amount: line.unitPrice.amount * line.quantity, currency },
    }));
    const perRate = vatByRate(lines, currency);
    const sum = (amounts: number[]) => ({ amount: amounts.reduce((a, b) => a + b, 0), currency });
    const totalExclVat = sum(perRate.map((r) => r.base.amount));
    const totalVat = sum(perRate.map((r) => r.vat.amount));
    const totalInclVat = sum([totalExclVat.amount, totalVat.amount]);
    const issuedOn = parisDate.format(new Date());
    const id = randomUUID();
    await transaction(async (tx) => {
      const year = Number(issuedOn.slice(0, 4));
      const { rows } = await tx.query<{ last: number }>(
        `INSERT INTO number_series (series, year, last) VALUES ('INVOICE', $1, 1)
         ON CONFLICT (series, year) DO UPDATE SET last = number_series.last + 1
         RETURNING last`,
        [year],
      );
      const number = `${year}-${String(rows[0].last).padStart(6, '0')}`;
      await tx.query(
        `INSERT INTO invoices (id, version, order_id, number, issued_on, total_excl_vat_amount, total_excl_vat_currency,
           total_vat_amount, total_vat_currency, total_incl_vat_amount, total_incl_vat_currency,
           credited_incl_vat_amount, credited_incl_vat_currency, status)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, 'ISSUED')`,
        [
          id,
          body.orderId,
          number,
          issuedOn,
          totalExclVat.amount,
          currency,
          totalVat.amount,
          currency,
          totalInclVat.amount,
          currency,
          currency,
        ],
      );
      await tx.query(
        `INSERT INTO invoice_lines (invoice_id, invoice_line_id, position, sku, quantity, unit_price_amount,
           unit_price_currency, vat_rate, line_excl_vat_amount, line_excl_vat_currency)
         SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::int[],
           $9::bigint[], $10::text[])`,
        [
          id,
          lines.map((line) => line.invoiceLineId),
          lines.map((_, position) => position),
          lines.map((line) => line.sku),
          lines.map((line) => line.quantity),
          lines.map((line) => line.unitPrice.amount),
          lines.map((line) => line.unitPrice.currency),
          lines.map((line) => line.vatRate),
          lines.map((line) => line.lineExclVat.amount),
          lines.map((line) => line.lineExclVat.currency),
        ],
      );
      const payload = {
        invoiceId: id,
        orderId: body.orderId,
        number,
        issuedOn,
        totalExclVat,
        totalVat,
        totalInclVat,
        creditedInclVat: { amount: 0, currency },
        status: 'ISSUED',
        lines,
      };
      await appendOutbox(
        tx,
        envelope(
          { type: 'billing.invoice-created', aggregateType: 'invoice', aggregateId: id, payload },
          correlationId,
        ),
      );
    });
    const row = await readOne('SELECT * FROM invoices WHERE id = $1', id);
    const lineRows = await readAll(
      'SELECT * FROM invoice_lines WHERE invoice_id = ANY($1) ORDER BY invoice_id, position',
      [[id]],
    );
    const creditNotes = await readAll(
      'SELECT * FROM invoice_credit_notes WHERE invoice_id = ANY($1) ORDER BY invoice_id, position',
      [[id]],
    );
    const invoiceLines = lineRows.map((line) => ({
      id: line.invoice_line_id,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: moneyOf(line, 'unit_price'),
      vatRate: Number(line.vat_rate),
      lineExclVat: moneyOf(line, 'line_excl_vat'),
    }));
    return {
      id,
      version: Number(row.version),
      view: {
        id: row.id,
        version: row.version,
        orderId: row.order_id,
        number: row.number,
        issuedOn,
        totalExclVat: moneyOf(row, 'total_excl_vat'),
        totalVat: moneyOf(row, 'total_vat'),
        totalInclVat: moneyOf(row, 'total_incl_vat'),
        creditedInclVat: moneyOf(row, 'credited_incl_vat'),
        status: row.status,
        invoiceLines,
        creditNotes: creditNotes.map((note) => ({
          id: note.credit_note_id,
          number: note.number,
          amount: moneyOf(note, 'amount'),
          reason: note.reason,
          issuedOn: note.issued_on,
        })),
        vatByRate: vatByRate(invoiceLines, String(row.total_incl_vat_currency)),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  },
};
