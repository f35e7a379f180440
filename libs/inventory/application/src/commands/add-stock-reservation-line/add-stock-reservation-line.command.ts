import { AggregateCommand } from '@bascule/shared/application';

/** What add stock reservation line takes, as the edges checked it (an optional field may be absent). */
export interface AddStockReservationLineData {
  stockReservationLineId: string;
  sku: string;
  quantity: number;
}

export class AddStockReservationLineCommand extends AggregateCommand<AddStockReservationLineData> {}
