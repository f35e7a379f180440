import { AggregateCommand } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What refund takes, as the edges checked it (an optional field may be absent). */
export interface RefundData {
  amount: MoneyJson;
}

export class RefundCommand extends AggregateCommand<RefundData> {}
