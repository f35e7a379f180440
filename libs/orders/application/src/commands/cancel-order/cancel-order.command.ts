import { AggregateCommand } from '@bascule/shared/application';

/** What cancel order takes, as the edges checked it (an optional field may be absent). */
export interface CancelOrderData {
  reason: string;
}

export class CancelOrderCommand extends AggregateCommand<CancelOrderData> {}
