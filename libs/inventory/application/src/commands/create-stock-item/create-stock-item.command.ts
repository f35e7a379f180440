import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { MoneyJson } from '@bascule/shared/contracts';

/** What creating a stock item takes, as the edges checked it (nothing is reserved at first). */
export interface CreateStockItemData {
  sku: string;
  label: string;
  unitPrice: MoneyJson;
  /** In basis points; absent: 20 %. */
  vatRate?: number;
  onHand: number;
}

export class CreateStockItemCommand extends Command<AggregateRef> {
  constructor(
    readonly data: CreateStockItemData,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
