import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  AdjustStockItemCommand,
  ChangeStockItemPriceCommand,
  GetStockItemQuery,
  RestockStockItemCommand,
  StockItemView,
  ChangeStockItemVatRateCommand,
} from '@bascule/inventory/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import {
  AdjustStockItemBody,
  ChangeStockItemPriceBody,
  RestockStockItemBody,
  SKU_KEY,
  StockItemSchema,
  ChangeStockItemVatRateBody,
} from './stock-item.schemas';

const answer = StockItemSchema;

/** Changes of one stock item: each requires If-Match and answers with it and its new ETag. */
@ApiTags('stock-items')
@Controller('stock-items/:sku')
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
    key: SKU_KEY,
  })
  changeStockItemPrice(
    @ChangeRequest(ChangeStockItemPriceBody, SKU_KEY) { target, body }: ChangeRequest<ChangeStockItemPriceBody>,
  ) {
    return this.run(new ChangeStockItemPriceCommand(target, body));
  }

  @Roles('inventory:write')
  @ChangeOperation('restock', {
    summary: 'Units received: on hand grows',
    answer,
    body: RestockStockItemBody,
    key: SKU_KEY,
  })
  restock(@ChangeRequest(RestockStockItemBody, SKU_KEY) { target, body }: ChangeRequest<RestockStockItemBody>) {
    return this.run(new RestockStockItemCommand(target, body));
  }

  @Roles('inventory:write')
  @ChangeOperation('adjust', {
    summary: 'Correct on hand after a count (never below what is reserved)',
    answer,
    body: AdjustStockItemBody,
    key: SKU_KEY,
  })
  adjust(@ChangeRequest(AdjustStockItemBody, SKU_KEY) { target, body }: ChangeRequest<AdjustStockItemBody>) {
    return this.run(new AdjustStockItemCommand(target, body));
  }

  @Roles('inventory:write')
  @ChangeOperation('change-stock-item-vat-rate', {
    summary: "Change the stock item's French VAT rate (basis points), what billing taxes its lines at",
    answer,
    body: ChangeStockItemVatRateBody,
    key: SKU_KEY,
  })
  changeStockItemVatRate(
    @ChangeRequest(ChangeStockItemVatRateBody, SKU_KEY) { target, body }: ChangeRequest<ChangeStockItemVatRateBody>,
  ) {
    return this.run(new ChangeStockItemVatRateCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<StockItemView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetStockItemQuery(id));
  }
}
