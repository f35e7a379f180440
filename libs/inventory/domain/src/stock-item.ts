import { AggregateRoot, Clock, Money } from '@bascule/shared/ddd';
import { StockItemId } from './stock-item-id';
import { StockItemEvent } from './stock-item.events';

export interface StockItemState {
  sku: string;
  label: string;
  unitPrice: Money;
  onHand: number;
  reserved: number;
}

/** The inventory context's stock item. Commands that would change nothing record nothing. */
export class StockItem extends AggregateRoot<StockItemId, StockItemEvent> {
  private constructor(
    id: StockItemId,
    version: number,
    private state: StockItemState,
    private readonly clock: Clock,
  ) {
    super(id, version);
  }

  static create(id: StockItemId, state: StockItemState, clock: Clock): StockItem {
    const stockItem = new StockItem(id, 0, { ...state }, clock);
    stockItem.recordEvent({ type: 'StockItemCreated', ...state }, clock.now());
    return stockItem;
  }

  static reconstitute(id: StockItemId, version: number, state: StockItemState, clock: Clock): StockItem {
    return new StockItem(id, version, state, clock);
  }

  get snapshot(): Readonly<StockItemState> {
    return this.state;
  }

  /** change stock item price: records StockItemPriceChanged when it changes the state. */
  changeStockItemPrice(change: { unitPrice: Money }): void {
    const next: StockItemState = { ...this.state, unitPrice: change.unitPrice };
    if (next.unitPrice.equals(this.state.unitPrice)) return;
    this.state = next;
    this.recordEvent({ type: 'StockItemPriceChanged', unitPrice: next.unitPrice }, this.clock.now());
  }
}
