import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  GetStockReservationQuery,
  StockReservationView,
  ReleaseStockReservationCommand,
  CommitStockReservationCommand,
} from '@bascule/inventory/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { StockReservationSchema } from './stock-reservation.schemas';

const answer = StockReservationSchema;

/** Changes of one stock reservation: each requires If-Match and answers with it and its new ETag. */
@ApiTags('stock-reservations')
@Controller('stock-reservations/:id')
@UseInterceptors(EtagInterceptor)
export class StockReservationsCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('inventory:write')
  @ChangeOperation('release-stock-reservation', {
    summary: "Release an order's reserved units (again: nothing changes)",
    answer,
  })
  releaseStockReservation(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ReleaseStockReservationCommand(target));
  }

  @Roles('inventory:write')
  @ChangeOperation('commit-stock-reservation', {
    summary: "Ship an order's reserved units: they leave the stock (again: nothing changes)",
    answer,
  })
  commitStockReservation(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new CommitStockReservationCommand(target));
  }

  private async run(command: AggregateCommand<unknown>): Promise<StockReservationView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetStockReservationQuery(id));
  }
}
