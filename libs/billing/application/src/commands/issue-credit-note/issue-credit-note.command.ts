import { AggregateCommand } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What issue credit note takes, as the edges checked it (an optional field may be absent). */
export interface IssueCreditNoteData {
  amount: MoneyJson;
  reason: string;
}

export class IssueCreditNoteCommand extends AggregateCommand<IssueCreditNoteData> {}
