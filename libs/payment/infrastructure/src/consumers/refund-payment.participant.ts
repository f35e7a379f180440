import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PAYMENT_REPOSITORY, PaymentRepository, RefundCommand } from '@bascule/payment/application';
import { Payment, PaymentStatus } from '@bascule/payment/domain';
import { RefundPaymentRefusedV1, RefundPaymentSucceededV1, RefundPaymentV1 } from '@bascule/payment/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, MoneyJson, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';
import { nothingToUndo, orderPaymentOf } from './order-payment';

type RefundPaymentEnvelope = EventEnvelope<PayloadOf<typeof RefundPaymentV1>>;

/** No money held: refunded already, voided, or declined by the provider. A refund of it has nothing to undo. */
const NOTHING_HELD: readonly PaymentStatus[] = ['REFUNDED', 'VOIDED', 'DECLINED'];

/**
 * payment.refund-payment v1, a saga's compensation to the payment context: refunds what is left of the capture of the
 * order's payment (ADR 0057; all of it, unless a part was refunded over the API) in the transaction of the command's
 * inbox row and answers on saga.replies.v1 in that transaction (ADR 0056). No payment, a declined, voided or refunded
 * one: done, nothing to undo. One authorized but not captured is refused with the domain's code.
 */
@Injectable()
export class RefundPaymentParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
  ) {}

  @ConsumesEvent('payment.refund-payment', 1, { answersRepeats: true })
  handle(command: RefundPaymentEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: RefundPaymentEnvelope): Promise<SagaAnswer> {
    try {
      const { id, payment } = await orderPaymentOf(this.payments, command.payload.orderId);
      if (!payment) return answer(RefundPaymentSucceededV1, nothingToUndo(id));
      if (NOTHING_HELD.includes(payment.snapshot.status))
        return answer(RefundPaymentSucceededV1, { id, version: payment.version });
      const done = await this.commands.execute(
        new RefundCommand(
          { aggregateId: id, expectedVersion: payment.version, metadata: sagaCommandMetadata(command) },
          { amount: leftToRefund(payment) },
        ),
      );
      return answer(RefundPaymentSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(RefundPaymentRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}

/** The capture less what was refunded of it; an authorized payment has no capture: the domain refuses its refund. */
function leftToRefund({ snapshot }: Payment): MoneyJson {
  const captured = snapshot.capturedAmount ?? snapshot.authorizedAmount;
  return (snapshot.refundedAmount ? captured.subtract(snapshot.refundedAmount) : captured).toJSON();
}
