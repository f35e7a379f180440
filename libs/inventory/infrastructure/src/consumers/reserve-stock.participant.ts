import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  CreateStockReservationCommand,
  GetStockReservationQuery,
  STOCK_ITEM_READ_MODEL,
  StockItemReadModel,
} from '@bascule/inventory/application';
import { INSUFFICIENT_STOCK, RequestedLine, ShortLine, StockItemId } from '@bascule/inventory/domain';
import { ReserveStockRefusedV1, ReserveStockSucceededV1, ReserveStockV1 } from '@bascule/inventory/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type ReserveStockEnvelope = EventEnvelope<PayloadOf<typeof ReserveStockV1>>;

/**
 * inventory.reserve-stock v1, a saga's command to the inventory context: runs create-stock-reservation in the transaction of the command's
 * inbox row and answers on saga.replies.v1 in that transaction (ADR 0056). A refusal (a DomainError) is a reply with
 * its code, for the saga to compensate; a repeated command runs nothing and gets its first reply again.
 */
@Injectable()
export class ReserveStockParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    private readonly queries: QueryBus,
    @Inject(STOCK_ITEM_READ_MODEL) private readonly stock: StockItemReadModel,
  ) {}

  @ConsumesEvent('inventory.reserve-stock', 1, { answersRepeats: true })
  handle(command: ReserveStockEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: ReserveStockEnvelope): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new CreateStockReservationCommand(command.payload, sagaCommandMetadata(command)),
      );
      // A refusal the saga compensates is the reservation REJECTED, not an error: answered with the lines short.
      const reservation = await this.queries.execute(new GetStockReservationQuery(done.id));
      if (reservation.status === 'REJECTED')
        return answer(ReserveStockRefusedV1, {
          reason: INSUFFICIENT_STOCK,
          detail: `order ${command.payload.orderId}: not every line can be reserved`,
          shortLines: await this.shortLines(command.payload.lines),
        });
      return answer(ReserveStockSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(ReserveStockRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }

  /** The lines the stock cannot cover, read in the command's transaction (the stock items' rows are locked in it). */
  private async shortLines(lines: readonly RequestedLine[]): Promise<ShortLine[]> {
    const available: number[] = [];
    // One after the other: they share the transaction's connection.
    for (const { sku } of lines) available.push((await this.stock.get(StockItemId.forSku(sku).value))?.available ?? 0);
    return lines
      .map(({ sku, quantity }, i) => ({ sku, requested: quantity, available: available[i] }))
      .filter(({ requested, available }) => requested > available);
  }
}
