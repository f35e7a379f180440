import { AggregateCommand } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What add order line takes, as the edges checked it (an optional field may be absent). */
export interface AddOrderLineData {
  orderLineId: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyJson;
  lineTotal: MoneyJson;
}

export class AddOrderLineCommand extends AggregateCommand<AddOrderLineData> {}
