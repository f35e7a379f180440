import { AggregateRoot, Clock, DEFAULT_VAT_RATE, InvalidValueError, Money } from '@bascule/shared/ddd';
import { StockItemId } from './stock-item-id';
import { StockItemEvent } from './stock-item.events';
import { StockItemRules } from './stock-item.rules';

export interface StockItemState {
  sku: string;
  label: string;
  unitPrice: Money;
  /** The sku's French VAT rate in basis points (2000 = 20 %), what billing taxes its invoice lines at. */
  vatRate: number;
  onHand: number;
  reserved: number;
}

/** What a new stock item is given: nothing is reserved yet; without a VAT rate, the standard 20 % (ADR 0054). */
export type NewStockItem = Omit<StockItemState, 'reserved' | 'vatRate'> & { vatRate?: number };

/**
 * The stock of one sku: its label and unit price (the catalogue other contexts keep from its events), the units
 * on hand and those reserved for orders. available = on hand − reserved is never negative. Commands that would
 * change nothing record nothing.
 */
export class StockItem extends AggregateRoot<StockItemId, StockItemEvent> {
  private constructor(
    id: StockItemId,
    version: number,
    private state: StockItemState,
    private readonly clock: Clock,
  ) {
    super(id, version);
  }

  static create(state: NewStockItem, clock: Clock): StockItem {
    StockItemRules.countsUnits('onHand', state.onHand);
    const vatRate = state.vatRate ?? DEFAULT_VAT_RATE;
    StockItemRules.taxedAtAFrenchRate(vatRate);
    const stockItem = new StockItem(StockItemId.forSku(state.sku), 0, { ...state, vatRate, reserved: 0 }, clock);
    stockItem.recordEvent({ type: 'StockItemCreated', ...stockItem.state }, clock.now());
    return stockItem;
  }

  static reconstitute(id: StockItemId, version: number, state: StockItemState, clock: Clock): StockItem {
    return new StockItem(id, version, state, clock);
  }

  get snapshot(): Readonly<StockItemState> {
    return this.state;
  }

  get available(): number {
    return this.state.onHand - this.state.reserved;
  }

  /** change stock item price: records StockItemPriceChanged (with the sku and label a catalogue keeps) when it changes the state. */
  changeStockItemPrice(change: { unitPrice: Money }): void {
    const next: StockItemState = { ...this.state, unitPrice: change.unitPrice };
    if (next.unitPrice.equals(this.state.unitPrice)) return;
    this.state = next;
    this.recordEvent(
      { type: 'StockItemPriceChanged', sku: next.sku, label: next.label, unitPrice: next.unitPrice },
      this.clock.now(),
    );
  }

  /** Units received: on hand grows by `quantity` (at least 1). */
  restock({ quantity }: { quantity: number }): void {
    StockItemRules.movesUnits('quantity', quantity);
    this.move({ onHand: this.state.onHand + quantity });
    this.recordEvent({ type: 'StockItemRestocked', quantity }, this.clock.now());
  }

  /** An inventory count's correction: on hand moves by `delta`, never below what is reserved. */
  adjust({ delta, reason }: { delta: number; reason: string }): void {
    if (!Number.isSafeInteger(delta) || delta === 0)
      throw new InvalidValueError('delta', 'delta must be a non-zero whole number');
    if (delta < 0) StockItemRules.availableNeverNegative(this.state.sku, this.available, -delta);
    this.move({ onHand: this.state.onHand + delta });
    this.recordEvent({ type: 'StockItemAdjusted', delta, reason }, this.clock.now());
  }

  /** Sets `quantity` units aside for an order; refused beyond what is available. */
  reserve({ orderId, quantity }: { orderId: string; quantity: number }): void {
    StockItemRules.movesUnits('quantity', quantity);
    StockItemRules.availableNeverNegative(this.state.sku, this.available, quantity);
    this.move({ reserved: this.state.reserved + quantity });
    this.recordEvent({ type: 'StockItemReserved', orderId, quantity }, this.clock.now());
  }

  /** Gives back units an order had reserved. */
  release({ orderId, quantity }: { orderId: string; quantity: number }): void {
    StockItemRules.movesUnits('quantity', quantity);
    StockItemRules.releasesOnlyReserved(this.state.sku, this.state.reserved, quantity);
    this.move({ reserved: this.state.reserved - quantity });
    this.recordEvent({ type: 'StockItemReleased', orderId, quantity }, this.clock.now());
  }

  /** Reserved units leave with an order's shipment: on hand and reserved both go down. */
  ship({ orderId, quantity }: { orderId: string; quantity: number }): void {
    StockItemRules.movesUnits('quantity', quantity);
    StockItemRules.releasesOnlyReserved(this.state.sku, this.state.reserved, quantity);
    this.move({ onHand: this.state.onHand - quantity, reserved: this.state.reserved - quantity });
    this.recordEvent({ type: 'StockItemShipped', orderId, quantity }, this.clock.now());
  }

  private move(counts: Partial<Pick<StockItemState, 'onHand' | 'reserved'>>): void {
    const next = { ...this.state, ...counts };
    StockItemRules.countsUnits('onHand', next.onHand);
    StockItemRules.countsUnits('reserved', next.reserved);
    StockItemRules.availableNeverNegative(next.sku, next.onHand - next.reserved, 0);
    this.state = next;
  }

  /** sync from legacy: records StockItemSyncedFromLegacy when it changes the state. */
  syncFromLegacy(change: { sku: string; label: string; unitPrice: Money; onHand: number; reserved: number }): void {
    // By hand: legacy's counts obey the stock item's invariants too (the ACL quarantines rows that break them).
    StockItemRules.countsUnits('onHand', change.onHand);
    StockItemRules.countsUnits('reserved', change.reserved);
    StockItemRules.availableNeverNegative(change.sku, change.onHand - change.reserved, 0);
    const next: StockItemState = {
      ...this.state,
      sku: change.sku,
      label: change.label,
      unitPrice: change.unitPrice,
      onHand: change.onHand,
      reserved: change.reserved,
    };
    if (
      next.sku === this.state.sku &&
      next.label === this.state.label &&
      next.unitPrice.equals(this.state.unitPrice) &&
      next.onHand === this.state.onHand &&
      next.reserved === this.state.reserved
    )
      return;
    this.state = next;
    this.recordEvent(
      {
        type: 'StockItemSyncedFromLegacy',
        sku: next.sku,
        label: next.label,
        unitPrice: next.unitPrice,
        onHand: next.onHand,
        reserved: next.reserved,
      },
      this.clock.now(),
    );
  }

  /** The sku's VAT rate changes: records StockItemVatRateChanged (with the sku a catalogue keeps) when it changes. */
  changeStockItemVatRate(change: { vatRate: number }): void {
    StockItemRules.taxedAtAFrenchRate(change.vatRate);
    const next: StockItemState = { ...this.state, vatRate: change.vatRate };
    if (next.vatRate === this.state.vatRate) return;
    this.state = next;
    this.recordEvent({ type: 'StockItemVatRateChanged', sku: next.sku, vatRate: next.vatRate }, this.clock.now());
  }
}
