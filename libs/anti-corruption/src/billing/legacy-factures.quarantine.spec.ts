import { BillingLegacyFacturesFields } from './legacy-factures.capture';
import { quarantineOfLegacyInvoice } from './legacy-factures.quarantine';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const invoice = (excl: number, vat: number, incl: number): BillingLegacyFacturesFields => ({
  orderId: 'order-1',
  number: '17',
  issuedOn: '2024-03-01',
  totalExclVat: eur(excl),
  totalVat: eur(vat),
  totalInclVat: eur(incl),
});

describe('a legacy invoice billing cannot take', () => {
  it('takes the batch’s invoices, a free order, and a VAT at another rate than 20 % as stated', () => {
    expect(quarantineOfLegacyInvoice(invoice(26633, 5327, 31960))).toEqual([]);
    expect(quarantineOfLegacyInvoice(invoice(0, 0, 0))).toEqual([]);
    expect(quarantineOfLegacyInvoice(invoice(1000, 55, 1055))).toEqual([]);
  });

  it('quarantines negative totals and totals that do not add up, with every reason', () => {
    expect(quarantineOfLegacyInvoice(invoice(-1000, -200, -1200))).toEqual([
      'MONTANT_HT is negative',
      'TVA is negative',
      'MONTANT_TTC is negative',
    ]);
    expect(quarantineOfLegacyInvoice(invoice(1000, 200, 1201))).toEqual(['MONTANT_HT + TVA is not MONTANT_TTC']);
    expect(quarantineOfLegacyInvoice(invoice(1000, -200, 800))).toEqual(['TVA is negative']);
  });
});
