import { AggregateCommand } from '@bascule/shared/application';

/** What an adjustment takes, as the edges checked it. */
export interface AdjustStockItemData {
  delta: number;
  reason: string;
}

export class AdjustStockItemCommand extends AggregateCommand<AdjustStockItemData> {}
