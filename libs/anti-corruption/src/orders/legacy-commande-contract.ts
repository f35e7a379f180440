import { MoneyJson } from '@bascule/shared/contracts';
import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import { OrdersLegacyCommandesRow } from './legacy-commandes.capture';

/** The legacy API's order line, field for field (apps/legacy-monolith/src/resources/commandes.routes.ts). */
export interface LegacyLigneJson {
  noLigne: number;
  refArticle: string;
  quantite: number;
  prixUnitaire: string;
}

/** The legacy API's order with its lines, field for field. */
export interface LegacyCommandeJson {
  noCommande: number;
  noClient: number;
  dateCommande: string | null;
  statut: string;
  montantTotal: string | null;
  lignes: LegacyLigneJson[];
}

/**
 * What orders keeps of a `COMMANDES` row beside the order (in its key map, as client keeps its legacy rows): the
 * columns its model does not hold (the legacy client number, the date as legacy wrote it) and whether the total
 * was NULL.
 */
export interface LegacyCommandeKept {
  NO_CLIENT: number;
  DATE_COMMANDE: string | null;
  MONTANT_TOTAL: string | null;
}

export const keptOfLegacyCommande = (row: OrdersLegacyCommandesRow): LegacyCommandeKept => ({
  NO_CLIENT: row.NO_CLIENT,
  DATE_COMMANDE: row.DATE_COMMANDE,
  MONTANT_TOTAL: row.MONTANT_TOTAL,
});

/** What the orders context holds of an order, as the legacy contract needs it. */
export interface CloudOrder {
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'SHIPPED' | 'CANCELLING' | 'CANCELLED';
  total: MoneyJson;
  lines: { orderLineId: string; sku: string; quantity: number; unitPrice: MoneyJson }[];
}

/** The id a `LIGNES_COMMANDE` row's line has in its order (the sync derives it from the row's key). */
export const orderLineIdOfLegacy = (legacyKey: string): string => aggregateIdOfLegacy('LIGNES_COMMANDE', legacyKey);

/** A `LIGNES_COMMANDE` key as the key map holds it (`{"NO_COMMANDE":500001,"NO_LIGNE":2}`) → its line number. */
export const noLigneOfLegacyKey = (legacyKey: string): number | undefined => {
  const key = JSON.parse(legacyKey) as { NO_LIGNE?: unknown };
  return Number.isSafeInteger(key.NO_LIGNE) ? (key.NO_LIGNE as number) : undefined;
};

const STATUT: Record<CloudOrder['status'], string> = {
  PENDING: 'E',
  CONFIRMED: 'V',
  SHIPPED: 'L',
  // Legacy has no cancellation under way: still validated until the refund is done.
  CANCELLING: 'V',
  CANCELLED: 'A',
  REJECTED: 'A',
};

/** Minor units as the legacy `numeric(…, 2)` prints them (`1250` → `'12.50'`). */
export function legacyDecimal({ amount }: MoneyJson): string {
  const digits = String(Math.abs(amount)).padStart(3, '0');
  return `${amount < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Order → legacy contract: the status as its legacy code, amounts as legacy prints them, the lines in legacy order
 * (`noLigne` from each line's legacy key: `lineNumbers`, by order line id; lines placed here come after, numbered
 * on). A total NULL in legacy stays null while it still means what the order holds (nothing).
 */
export function renderLegacyCommande(
  noCommande: number,
  order: CloudOrder,
  kept: LegacyCommandeKept,
  lineNumbers: ReadonlyMap<string, number>,
): LegacyCommandeJson {
  const numbered = order.lines.map((line) => ({ line, no: lineNumbers.get(line.orderLineId) }));
  let next = Math.max(0, ...numbered.map(({ no }) => no ?? 0));
  const lignes = numbered
    .map(({ line, no }) => ({ line, no: no ?? ++next }))
    .sort((a, b) => a.no - b.no)
    .map(({ line, no }) => ({
      noLigne: no,
      refArticle: line.sku,
      quantite: line.quantity,
      prixUnitaire: legacyDecimal(line.unitPrice),
    }));
  const nullTotal = kept.MONTANT_TOTAL === null && order.total.amount === 0;
  return {
    noCommande,
    noClient: kept.NO_CLIENT,
    dateCommande: kept.DATE_COMMANDE,
    statut: STATUT[order.status],
    montantTotal: nullTotal ? null : legacyDecimal(order.total),
    lignes,
  };
}

/** The legacy orders contract served from the orders context (what the strangler gateway calls). */
export interface LegacyCommandeContract {
  get(noCommande: number): Promise<LegacyCommandeJson | undefined>;
}

export const LEGACY_COMMANDE_CONTRACT = Symbol('LegacyCommandeContract');

/** The legacy API's answer for an order it does not have, body for body. */
export const LEGACY_COMMANDE_NOT_FOUND = { codeErreur: 'CMD-404', libelle: 'Commande inexistante' } as const;
