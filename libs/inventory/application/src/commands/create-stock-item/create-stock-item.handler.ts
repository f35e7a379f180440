import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StockItem } from '@bascule/inventory/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { StockItemChanges } from '../../stock-item-changes';
import { CreateStockItemCommand } from './create-stock-item.command';

@CommandHandler(CreateStockItemCommand)
export class CreateStockItemHandler implements ICommandHandler<CreateStockItemCommand, AggregateRef> {
  constructor(
    private readonly changes: StockItemChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ data, metadata }: CreateStockItemCommand): Promise<AggregateRef> {
    const stockItem = StockItem.create(
      {
        sku: data.sku,
        label: data.label,
        unitPrice: Money.fromJSON(data.unitPrice),
        vatRate: data.vatRate,
        onHand: data.onHand,
      },
      this.clock,
    );
    return this.changes.save(stockItem, metadata);
  }
}
