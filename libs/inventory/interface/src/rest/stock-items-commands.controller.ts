import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetStockItemQuery, StockItemView, ChangeStockItemPriceCommand } from '@bascule/inventory/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { StockItemSchema, ChangeStockItemPriceBody } from './stock-item.schemas';

const answer = StockItemSchema;

/** Changes of one stock item: each requires If-Match and answers with it and its new ETag. */
@ApiTags('stock-items')
@Controller('stock-items/:id')
@UseInterceptors(EtagInterceptor)
export class StockItemsCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('inventory:write')
  @ChangeOperation('change-stock-item-price', {
    summary: 'Change stock item price',
    answer,
    body: ChangeStockItemPriceBody,
  })
  changeStockItemPrice(
    @ChangeRequest(ChangeStockItemPriceBody) { target, body }: ChangeRequest<ChangeStockItemPriceBody>,
  ) {
    return this.run(new ChangeStockItemPriceCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<StockItemView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetStockItemQuery(id));
  }
}
