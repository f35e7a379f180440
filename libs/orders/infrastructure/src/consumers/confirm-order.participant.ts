import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ConfirmOrderCommand } from '@bascule/orders/application';
import { ConfirmOrderRefusedV1, ConfirmOrderSucceededV1, ConfirmOrderV1 } from '@bascule/orders/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type ConfirmOrderEnvelope = EventEnvelope<PayloadOf<typeof ConfirmOrderV1>>;

/**
 * orders.confirm-order v1, a saga's command to the orders context: runs confirm-order in the transaction of the command's
 * inbox row and answers on saga.replies.v1 in that transaction (ADR 0056). A refusal (a DomainError) is a reply with
 * its code, for the saga to compensate: an order the client cancelled meanwhile answers ORDER.INVALID_STATE. An
 * order confirmed already is done (the use case changes nothing, ADR 0059); a repeated command runs nothing and gets
 * its first reply again.
 */
@Injectable()
export class ConfirmOrderParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
  ) {}

  @ConsumesEvent('orders.confirm-order', 1, { answersRepeats: true })
  handle(command: ConfirmOrderEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: ConfirmOrderEnvelope): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new ConfirmOrderCommand({
          aggregateId: command.payload.orderId,
          expectedVersion: undefined,
          metadata: sagaCommandMetadata(command),
        }),
      );
      return answer(ConfirmOrderSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      // A lost race with another write of the order is not the saga's business: redone by the engine (no If-Match).
      if (isRefusal(error)) return answer(ConfirmOrderRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
