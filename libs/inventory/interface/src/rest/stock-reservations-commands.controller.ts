import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  GetStockReservationQuery,
  StockReservationView,
  AddStockReservationLineCommand,
  RemoveStockReservationLineCommand,
  ReleaseStockReservationCommand,
  CommitStockReservationCommand,
} from '@bascule/inventory/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import {
  StockReservationSchema,
  AddStockReservationLineBody,
  RemoveStockReservationLineBody,
} from './stock-reservation.schemas';

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
  @ChangeOperation('add-stock-reservation-line', {
    summary: 'Add stock reservation line',
    answer,
    body: AddStockReservationLineBody,
  })
  addStockReservationLine(
    @ChangeRequest(AddStockReservationLineBody) { target, body }: ChangeRequest<AddStockReservationLineBody>,
  ) {
    return this.run(new AddStockReservationLineCommand(target, body));
  }

  @Roles('inventory:write')
  @ChangeOperation('remove-stock-reservation-line', {
    summary: 'Remove stock reservation line',
    answer,
    body: RemoveStockReservationLineBody,
  })
  removeStockReservationLine(
    @ChangeRequest(RemoveStockReservationLineBody) { target, body }: ChangeRequest<RemoveStockReservationLineBody>,
  ) {
    return this.run(new RemoveStockReservationLineCommand(target, body));
  }

  @Roles('inventory:write')
  @ChangeOperation('release-stock-reservation', { summary: 'Release stock reservation', answer })
  releaseStockReservation(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new ReleaseStockReservationCommand(target));
  }

  @Roles('inventory:write')
  @ChangeOperation('commit-stock-reservation', { summary: 'Commit stock reservation', answer })
  commitStockReservation(@ChangeRequest() { target }: ChangeRequest) {
    return this.run(new CommitStockReservationCommand(target));
  }

  private async run(command: AggregateCommand<unknown>): Promise<StockReservationView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetStockReservationQuery(id));
  }
}
