import { AggregateCommand } from '@bascule/shared/application';

/** What change stock item vat rate takes, as the edges checked it (an optional field may be absent). */
export interface ChangeStockItemVatRateData {
  vatRate: number;
}

export class ChangeStockItemVatRateCommand extends AggregateCommand<ChangeStockItemVatRateData> {}
