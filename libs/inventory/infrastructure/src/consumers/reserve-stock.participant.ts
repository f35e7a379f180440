import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CreateStockReservationCommand } from '@bascule/inventory/application';
import { ReserveStockRefusedV1, ReserveStockSucceededV1, ReserveStockV1 } from '@bascule/inventory/contracts';
import { answer, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type ReserveStockCommand = EventEnvelope<PayloadOf<typeof ReserveStockV1>>;

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
  ) {}

  @ConsumesEvent('inventory.reserve-stock', 1, { answersRepeats: true })
  handle(command: ReserveStockCommand, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: ReserveStockCommand): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new CreateStockReservationCommand(command.payload, sagaCommandMetadata(command)),
      );
      return answer(ReserveStockSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (error instanceof DomainError)
        return answer(ReserveStockRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
