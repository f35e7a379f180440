import { AggregateCommand } from '@bascule/shared/application';

/** What reject order takes, as the edges checked it (an optional field may be absent). */
export interface RejectOrderData {
  reason: string;
}

export class RejectOrderCommand extends AggregateCommand<RejectOrderData> {}
