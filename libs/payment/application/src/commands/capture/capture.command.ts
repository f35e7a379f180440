import { AggregateCommand } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What capture takes, as the edges checked it (an optional field may be absent). */
export interface CaptureData {
  amount: MoneyJson;
}

export class CaptureCommand extends AggregateCommand<CaptureData> {}
