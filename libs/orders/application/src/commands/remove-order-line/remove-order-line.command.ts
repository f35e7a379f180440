import { AggregateCommand } from '@bascule/shared/application';

/** What remove order line takes, as the edges checked it (an optional field may be absent). */
export interface RemoveOrderLineData {
  orderLineId: string;
}

export class RemoveOrderLineCommand extends AggregateCommand<RemoveOrderLineData> {}
