import { InventoryLegacyStockRow, translateInventoryLegacyStock } from './legacy-stock.capture';
import { keptOfLegacyStock, legacyStockDefects, renderLegacyStock } from './legacy-stock.contract';

const row = (overrides: Partial<InventoryLegacyStockRow> = {}): InventoryLegacyStockRow => ({
  REF_ARTICLE: 'ART-000001',
  LIBELLE: 'Vis inox',
  QTE_DISPO: 120,
  QTE_RESERVEE: 30,
  PRIX: '12.50',
  ...overrides,
});
/** A row as inventory holds it, then as it serves it back. */
const roundTrip = (legacy: InventoryLegacyStockRow) =>
  renderLegacyStock(translateInventoryLegacyStock(legacy), keptOfLegacyStock(legacy));

describe('the legacy STOCK contract served by inventory', () => {
  it('gives back what legacy wrote: what is free, what is reserved, the price as a decimal', () => {
    expect(roundTrip(row())).toEqual({
      refArticle: 'ART-000001',
      libelle: 'Vis inox',
      qteDispo: 120,
      qteReservee: 30,
      prix: '12.50',
    });
    expect(roundTrip(row({ PRIX: '0.05', QTE_DISPO: 0 }))).toMatchObject({ prix: '0.05', qteDispo: 0 });
    expect(roundTrip(row({ PRIX: '1234.00' }))).toMatchObject({ prix: '1234.00' });
  });

  it('shows NULL where legacy wrote NULL, while the stock item still holds what it means', () => {
    const nulls = row({ LIBELLE: null, QTE_RESERVEE: null, PRIX: null });
    expect(roundTrip(nulls)).toEqual({
      refArticle: 'ART-000001',
      libelle: null,
      qteDispo: 120,
      qteReservee: null,
      prix: null,
    });
    const changed = {
      sku: 'ART-000001',
      label: 'Vis',
      unitPrice: { amount: 990, currency: 'EUR' },
      onHand: 125,
      reserved: 5,
    };
    expect(renderLegacyStock(changed, keptOfLegacyStock(nulls))).toEqual({
      refArticle: 'ART-000001',
      libelle: 'Vis',
      qteDispo: 120,
      qteReservee: 5,
      prix: '9.90',
    });
  });

  it('finds no defect in a state legacy holds: NULLs, zeros, more reserved than free', () => {
    expect(legacyStockDefects(row({ LIBELLE: null, QTE_RESERVEE: null, PRIX: null, QTE_DISPO: 0 }))).toEqual([]);
    expect(legacyStockDefects(row({ QTE_DISPO: 2, QTE_RESERVEE: 15 }))).toEqual([]);
  });

  it('names each defect no reading can take: negative quantities and prices', () => {
    expect(legacyStockDefects(row({ QTE_DISPO: -3, QTE_RESERVEE: -1, PRIX: '-0.10' }))).toEqual([
      'QTE_DISPO is negative',
      'QTE_RESERVEE is negative',
      'PRIX is negative',
    ]);
    expect(legacyStockDefects(row({ PRIX: '1.234' }))).toEqual(['PRIX is not an amount of EUR (2 decimals at most)']);
  });
});
