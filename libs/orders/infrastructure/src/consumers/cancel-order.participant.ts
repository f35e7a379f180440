import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CompleteOrderCancellationCommand } from '@bascule/orders/application';
import { CancelOrderRefusedV1, CancelOrderSucceededV1, CancelOrderV1 } from '@bascule/orders/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type CancelOrderEnvelope = EventEnvelope<PayloadOf<typeof CancelOrderV1>>;

/**
 * orders.cancel-order v1, the cancellation saga's last command to the orders context: runs complete-order-cancellation
 * (CANCELLING → CANCELLED, not the client's cancel-order: ADR 0059) in the transaction of the command's inbox row and
 * answers on saga.replies.v1 in that transaction (ADR 0056). An order CANCELLED already is done; a refusal (a
 * DomainError: no cancellation was asked) is a reply with its code; a repeated command gets its first reply again.
 * The order keeps the reason its client gave; the command's is the saga's, for its own history.
 */
@Injectable()
export class CancelOrderParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
  ) {}

  @ConsumesEvent('orders.cancel-order', 1, { answersRepeats: true })
  handle(command: CancelOrderEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: CancelOrderEnvelope): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new CompleteOrderCancellationCommand({
          aggregateId: command.payload.orderId,
          expectedVersion: undefined,
          metadata: sagaCommandMetadata(command),
        }),
      );
      return answer(CancelOrderSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      // A lost race with another write of the order is not the saga's business: redone by the engine (no If-Match).
      if (isRefusal(error)) return answer(CancelOrderRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
