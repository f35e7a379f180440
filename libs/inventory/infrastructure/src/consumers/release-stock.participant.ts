import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReleaseStockReservationCommand } from '@bascule/inventory/application';
import { StockReservationNotFound } from '@bascule/inventory/domain';
import { ReleaseStockRefusedV1, ReleaseStockSucceededV1, ReleaseStockV1 } from '@bascule/inventory/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type ReleaseStockEnvelope = EventEnvelope<PayloadOf<typeof ReleaseStockV1>>;

/**
 * inventory.release-stock v1, a saga's command to the inventory context: runs release-stock-reservation in the transaction of the command's
 * inbox row and answers on saga.replies.v1 in that transaction (ADR 0056). A refusal (a DomainError) is a reply with
 * its code, for the saga to compensate; a repeated command runs nothing and gets its first reply again.
 */
@Injectable()
export class ReleaseStockParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
  ) {}

  @ConsumesEvent('inventory.release-stock', 1, { answersRepeats: true })
  handle(command: ReleaseStockEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: ReleaseStockEnvelope): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new ReleaseStockReservationCommand({
          aggregateId: command.payload.orderId,
          expectedVersion: undefined,
          metadata: sagaCommandMetadata(command),
        }),
      );
      return answer(ReleaseStockSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      // A compensation for a reservation never made (its command timed out unanswered): nothing to undo (ADR 0055).
      if (error instanceof StockReservationNotFound)
        return answer(ReleaseStockSucceededV1, { id: command.payload.orderId, version: 0 });
      if (isRefusal(error)) return answer(ReleaseStockRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
