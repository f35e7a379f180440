import { aggregateIdOfLegacy } from '../clients/legacy-client-key';
import {
  CloudOrder,
  keptOfLegacyCommande,
  legacyDecimal,
  noLigneOfLegacyKey,
  orderLineIdOfLegacy,
  renderLegacyCommande,
} from './legacy-commande-contract';

describe('the legacy orders contract rendered from an order', () => {
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const kept = keptOfLegacyCommande({
    NO_COMMANDE: 500_001,
    NO_CLIENT: 1042,
    DATE_COMMANDE: '07/03/2019',
    STATUT: 'L',
    MONTANT_TOTAL: '27.40',
  });
  const line = (orderLineId: string, sku: string, quantity: number, unitPrice: number) => ({
    orderLineId,
    sku,
    quantity,
    unitPrice: eur(unitPrice),
  });
  const order: CloudOrder = {
    status: 'SHIPPED',
    total: eur(2740),
    lines: [line('b', 'ART-000002', 1, 5), line('a', 'ART-000001', 3, 911)],
  };

  it('prints amounts as legacy numeric(…, 2) does', () => {
    expect([0, 5, 99, 100, 1250, -1, -1250].map((amount) => legacyDecimal(eur(amount)))).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '1.00',
      '12.50',
      '-0.01',
      '-12.50',
    ]);
  });

  it('answers as the monolith: its number, legacy client and date, the status code, lines in legacy order', () => {
    const numbers = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    expect(renderLegacyCommande(500_001, order, kept, numbers)).toEqual({
      noCommande: 500_001,
      noClient: 1042,
      dateCommande: '07/03/2019',
      statut: 'L',
      montantTotal: '27.40',
      lignes: [
        { noLigne: 1, refArticle: 'ART-000001', quantite: 3, prixUnitaire: '9.11' },
        { noLigne: 2, refArticle: 'ART-000002', quantite: 1, prixUnitaire: '0.05' },
      ],
    });
  });

  it('keeps a NULL total null while the order holds nothing, and numbers lines legacy never saw after its own', () => {
    const empty = { ...order, total: eur(0), lines: [] };
    expect(renderLegacyCommande(1, empty, { ...kept, MONTANT_TOTAL: null }, new Map()).montantTotal).toBeNull();
    expect(renderLegacyCommande(1, empty, kept, new Map()).montantTotal).toBe('0.00');
    const lignes = renderLegacyCommande(1, order, kept, new Map([['b', 4]])).lignes;
    expect(lignes.map((l) => [l.noLigne, l.refArticle])).toEqual([
      [4, 'ART-000002'],
      [5, 'ART-000001'],
    ]);
  });

  it('finds a line by the id the sync derived from its legacy key', () => {
    const key = JSON.stringify({ NO_COMMANDE: 500_001, NO_LIGNE: 2 });
    expect(orderLineIdOfLegacy(key)).toBe(aggregateIdOfLegacy('LIGNES_COMMANDE', key));
    expect(noLigneOfLegacyKey(key)).toBe(2);
    expect(noLigneOfLegacyKey('500001')).toBeUndefined();
  });
});
