import { CloudPayment, renderLegacyPaiement } from './render-legacy-paiement';
import { PaymentLegacyPaiementsRow, translatePaymentLegacyPaiements } from './legacy-paiements.capture';

const row: PaymentLegacyPaiementsRow = {
  NO_PAIEMENT: 77,
  NO_COMMANDE: 500_123,
  MONTANT: '129.90',
  MODE: 'V',
  IBAN: 'FR*********************3333',
  STATUT: 'C',
  DATE_PAIEMENT: '05/07/2019',
};

/** What the payment context holds after applying the row (its statuses, its methods). */
const cloudOf = (r: PaymentLegacyPaiementsRow, overrides: Partial<CloudPayment> = {}): CloudPayment => ({
  ...translatePaymentLegacyPaiements(r),
  ...overrides,
});

describe('rendering the legacy payments contract from the payment context', () => {
  it('gives back what the legacy system shows, the IBAN masked', () => {
    expect(renderLegacyPaiement(77, cloudOf(row), { NO_COMMANDE: 500_123 })).toEqual({
      noPaiement: 77,
      noCommande: 500_123,
      montant: '129.90',
      mode: 'V',
      iban: 'FR*********************3333',
      statut: 'C',
      datePaiement: '05/07/2019',
    });
  });

  it('shows each method and status in legacy codes, a method legacy did not record as null', () => {
    for (const [MODE, STATUT] of [
      ['C', 'A'],
      ['P', 'R'],
      [null, 'E'],
    ] as const)
      expect(renderLegacyPaiement(1, cloudOf({ ...row, MODE, STATUT }), { NO_COMMANDE: 1 })).toMatchObject({
        mode: MODE,
        statut: STATUT,
      });
  });

  it('shows amounts as PostgreSQL shows a numeric(12, 2), and cloud-only statuses in the nearest legacy code', () => {
    const rendered = (montant: string, status?: CloudPayment['status']) =>
      renderLegacyPaiement(1, cloudOf({ ...row, MONTANT: montant }, status ? { status } : {}), { NO_COMMANDE: 1 });
    expect(rendered('0.05').montant).toBe('0.05');
    expect(rendered('7').montant).toBe('7.00');
    expect(rendered('1234567.8').montant).toBe('1234567.80');
    expect(rendered('10', 'PARTIALLY_REFUNDED').statut).toBe('R');
    expect(rendered('10', 'VOIDED').statut).toBe('E');
  });
});
