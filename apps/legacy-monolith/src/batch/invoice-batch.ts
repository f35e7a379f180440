// The nightly invoicing batch, the old way: every delivered order without an invoice gets one, VAT at
// 20% taken out of the order total. Idempotent (run it twice, nothing doubles). `npm run legacy:invoices`.
import { ClientBase, Pool } from 'pg';
import { legacyDatabase } from '../legacy-database';

/**
 * Which orders a run invoices and the date it writes: by default every order, dated today (the nightly run);
 * the data generator gives its chunk of orders and dates each invoice on its order's day, so that the same seed
 * gives the same rows whatever the day it runs.
 */
export interface InvoiceBatchScope {
  orders?: { from: number; to: number };
  dated?: 'today' | 'order-day';
}

export async function runInvoiceBatch(db: Pool | ClientBase, scope: InvoiceBatchScope = {}): Promise<number> {
  const date = scope.dated === 'order-day' ? `c."DATE_COMMANDE"` : `to_char(now(), 'DD/MM/YYYY')`;
  const range = scope.orders ? `AND c."NO_COMMANDE" BETWEEN $1::int AND $2::int` : '';
  // Numbered from SEQ_FACTURES in the orders' order: one run, one unbroken range of invoice numbers.
  const { rowCount } = await db.query(
    `
    INSERT INTO "FACTURES" ("NO_COMMANDE", "MONTANT_HT", "TVA", "MONTANT_TTC", "DATE_FACTURE")
    SELECT c."NO_COMMANDE", round(c."MONTANT_TOTAL" / 1.2, 2), c."MONTANT_TOTAL" - round(c."MONTANT_TOTAL" / 1.2, 2), c."MONTANT_TOTAL", ${date}
      FROM "COMMANDES" c
     WHERE c."STATUT" = 'L' AND c."MONTANT_TOTAL" IS NOT NULL ${range}
       AND NOT EXISTS (SELECT 1 FROM "FACTURES" f WHERE f."NO_COMMANDE" = c."NO_COMMANDE")
     ORDER BY c."NO_COMMANDE"`,
    scope.orders ? [scope.orders.from, scope.orders.to] : [],
  );
  return rowCount ?? 0;
}

if (require.main === module) {
  const pool = new Pool(legacyDatabase(process.env, 1));
  runInvoiceBatch(pool)
    .then((count) => console.log(`invoice batch: ${count} invoices created`))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => pool.end());
}
