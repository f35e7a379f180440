import { MoneyJson } from '@bascule/shared/contracts';

/** What the payment context holds of a payment, as the legacy contract needs it (its view). */
export interface CloudPayment {
  authorizedAmount: MoneyJson;
  status: 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED' | 'PARTIALLY_REFUNDED';
  method: 'CARD' | 'TRANSFER' | 'DIRECT_DEBIT' | null;
  maskedIban: string | null;
  paidOn: string | null;
}

/** What the key map keeps of a `PAIEMENTS` row as legacy wrote it: the legacy order it pays. */
export interface LegacyPaiementKept {
  NO_COMMANDE: number;
}

/** The legacy API's payment, field for field (apps/legacy-monolith, PAIEMENTS); the IBAN only masked. */
export interface LegacyPaiementJson {
  noPaiement: number;
  noCommande: number;
  montant: string;
  mode: 'C' | 'V' | 'P' | null;
  iban: string | null;
  statut: 'A' | 'C' | 'R' | 'E';
  datePaiement: string | null;
}

/** The legacy API's answer for a payment it does not have, body for body. */
export const LEGACY_PAIEMENT_NOT_FOUND = { codeErreur: 'PAI-404', libelle: 'Paiement inexistant' } as const;

const MODE = { CARD: 'C', TRANSFER: 'V', DIRECT_DEBIT: 'P' } as const;
/** Legacy knows four statuses: a partial refund is a refund there, a voided authorization a failure. */
const STATUT = {
  AUTHORIZED: 'A',
  CAPTURED: 'C',
  REFUNDED: 'R',
  PARTIALLY_REFUNDED: 'R',
  DECLINED: 'E',
  VOIDED: 'E',
} as const;

/** `1299` cents → `'12.99'`, as PostgreSQL shows a `numeric(12, 2)`. */
const decimal = ({ amount }: MoneyJson) =>
  `${amount < 0 ? '-' : ''}${Math.floor(Math.abs(amount) / 100)}.${String(Math.abs(amount) % 100).padStart(2, '0')}`;

/** Payment view → the legacy contract's payment, fields in the legacy API's order. */
export function renderLegacyPaiement(
  noPaiement: number,
  cloud: CloudPayment,
  kept: LegacyPaiementKept,
): LegacyPaiementJson {
  return {
    noPaiement,
    noCommande: kept.NO_COMMANDE,
    montant: decimal(cloud.authorizedAmount),
    mode: cloud.method === null ? null : MODE[cloud.method],
    iban: cloud.maskedIban,
    statut: STATUT[cloud.status],
    datePaiement: cloud.paidOn,
  };
}

/** The legacy payments contract served from the payment context (what the strangler gateway calls). */
export interface LegacyPaiementContract {
  get(noPaiement: number): Promise<LegacyPaiementJson | undefined>;
}

export const LEGACY_PAIEMENT_CONTRACT = Symbol('LegacyPaiementContract');
