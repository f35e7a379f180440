// The nightly invoicing batch, the old way: every delivered order without an invoice gets one, VAT at
// 20% taken out of the order total. Idempotent (run it twice, nothing doubles). `npm run legacy:invoices`.
import { Pool } from 'pg';
import { legacyDatabase } from '../legacy-database';

export async function runInvoiceBatch(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(`
    INSERT INTO "FACTURES" ("NO_COMMANDE", "MONTANT_HT", "TVA", "MONTANT_TTC", "DATE_FACTURE")
    SELECT c."NO_COMMANDE", round(c."MONTANT_TOTAL" / 1.2, 2), c."MONTANT_TOTAL" - round(c."MONTANT_TOTAL" / 1.2, 2), c."MONTANT_TOTAL", to_char(now(), 'DD/MM/YYYY')
      FROM "COMMANDES" c
     WHERE c."STATUT" = 'L' AND c."MONTANT_TOTAL" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "FACTURES" f WHERE f."NO_COMMANDE" = c."NO_COMMANDE")`);
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
