import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PAYMENT_REPOSITORY, PaymentRepository, VoidCommand } from '@bascule/payment/application';
import { PaymentStatus } from '@bascule/payment/domain';
import { VoidPaymentRefusedV1, VoidPaymentSucceededV1, VoidPaymentV1 } from '@bascule/payment/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';
import { nothingToUndo, orderPaymentOf } from './order-payment';

type VoidPaymentEnvelope = EventEnvelope<PayloadOf<typeof VoidPaymentV1>>;

/** No authorization held: voided already, or declined by the provider. A void of it has nothing to undo. */
const NOTHING_HELD: readonly PaymentStatus[] = ['VOIDED', 'DECLINED'];

/**
 * payment.void-payment v1, a saga's compensation to the payment context: voids the authorization of the order's
 * payment (ADR 0057) in the transaction of the command's inbox row and answers on saga.replies.v1 in that transaction
 * (ADR 0056). No payment (its authorization timed out unanswered), a declined or a voided one: done, nothing to undo.
 * A captured payment is refused with the domain's code: money taken is refunded, never voided.
 */
@Injectable()
export class VoidPaymentParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
  ) {}

  @ConsumesEvent('payment.void-payment', 1, { answersRepeats: true })
  handle(command: VoidPaymentEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: VoidPaymentEnvelope): Promise<SagaAnswer> {
    try {
      const { id, payment } = await orderPaymentOf(this.payments, command.payload.orderId);
      if (!payment) return answer(VoidPaymentSucceededV1, nothingToUndo(id));
      if (NOTHING_HELD.includes(payment.snapshot.status))
        return answer(VoidPaymentSucceededV1, { id, version: payment.version });
      const done = await this.commands.execute(
        new VoidCommand({ aggregateId: id, expectedVersion: payment.version, metadata: sagaCommandMetadata(command) }),
      );
      return answer(VoidPaymentSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(VoidPaymentRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
