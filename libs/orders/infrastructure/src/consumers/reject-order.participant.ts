import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RejectOrderCommand } from '@bascule/orders/application';
import { RejectOrderRefusedV1, RejectOrderSucceededV1, RejectOrderV1 } from '@bascule/orders/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { OrderNotFound } from '@bascule/orders/domain';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type RejectOrderEnvelope = EventEnvelope<PayloadOf<typeof RejectOrderV1>>;

/**
 * orders.reject-order v1, a saga's compensation to the orders context: runs reject-order in the transaction of the
 * command's inbox row and answers on saga.replies.v1 in that transaction (ADR 0056). An order off already (REJECTED,
 * CANCELLED) or unknown is done: nothing to undo (ADR 0055, 0059). A refusal (a DomainError: a SHIPPED order) is a
 * reply with its code; a repeated command runs nothing and gets its first reply again.
 */
@Injectable()
export class RejectOrderParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
  ) {}

  @ConsumesEvent('orders.reject-order', 1, { answersRepeats: true })
  handle(command: RejectOrderEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: RejectOrderEnvelope): Promise<SagaAnswer> {
    try {
      const done = await this.commands.execute(
        new RejectOrderCommand(
          { aggregateId: command.payload.orderId, expectedVersion: undefined, metadata: sagaCommandMetadata(command) },
          { reason: command.payload.reason },
        ),
      );
      return answer(RejectOrderSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      // A compensation for an order never placed here (its OrderPlaced came from elsewhere, or was never stored).
      if (error instanceof OrderNotFound)
        return answer(RejectOrderSucceededV1, { id: command.payload.orderId, version: 0 });
      // A lost race with another write of the order is not the saga's business: redone by the engine (no If-Match).
      if (isRefusal(error)) return answer(RejectOrderRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
