import { BillingLegacyFacturesFields } from './legacy-factures.capture';

/**
 * What no reading of a `FACTURES` row can take, each a reason (an empty list: billing takes it). An invoice states
 * what it bills: a negative total is no invoice (legacy has no credit-note rows in FACTURES, and such a row names no
 * invoice to credit), and totals that do not add up (excluding VAT + VAT ≠ including VAT) leave no amount to
 * believe. A VAT that is not 20 % of the base is a state legacy may hold (its batch takes 20 % out of the total,
 * rounded), so it is taken as stated.
 */
export function quarantineOfLegacyInvoice(fields: BillingLegacyFacturesFields): string[] {
  const { totalExclVat, totalVat, totalInclVat } = fields;
  const negative = [
    ['MONTANT_HT', totalExclVat],
    ['TVA', totalVat],
    ['MONTANT_TTC', totalInclVat],
  ]
    .filter(([, money]) => (money as { amount: number }).amount < 0)
    .map(([column]) => `${column} is negative`);
  const addsUp = totalExclVat.amount + totalVat.amount === totalInclVat.amount;
  return [...negative, ...(addsUp ? [] : ['MONTANT_HT + TVA is not MONTANT_TTC'])];
}
