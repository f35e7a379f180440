import { AggregateCommand } from '@bascule/shared/application';

/** What remove stock reservation line takes, as the edges checked it (an optional field may be absent). */
export interface RemoveStockReservationLineData {
  stockReservationLineId: string;
}

export class RemoveStockReservationLineCommand extends AggregateCommand<RemoveStockReservationLineData> {}
