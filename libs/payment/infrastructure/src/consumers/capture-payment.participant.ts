import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CaptureCommand, PAYMENT_REPOSITORY, PaymentRepository } from '@bascule/payment/application';
import { PaymentNotFound, PaymentStatus } from '@bascule/payment/domain';
import { CapturePaymentRefusedV1, CapturePaymentSucceededV1, CapturePaymentV1 } from '@bascule/payment/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';
import { orderPaymentOf } from './order-payment';

type CapturePaymentEnvelope = EventEnvelope<PayloadOf<typeof CapturePaymentV1>>;

/** The states of a payment captured once already (refunds come after a capture): a capture again is done. */
const CAPTURED: readonly PaymentStatus[] = ['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

/**
 * payment.capture-payment v1, a saga's command to the payment context: captures the amount authorized of the order's
 * payment (ADR 0057) in the transaction of the command's inbox row and answers on saga.replies.v1 in that transaction
 * (ADR 0056). A payment captured already answers done; one that cannot be captured (VOIDED, DECLINED, never made)
 * answers refused with the domain's code.
 */
@Injectable()
export class CapturePaymentParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
  ) {}

  @ConsumesEvent('payment.capture-payment', 1, { answersRepeats: true })
  handle(command: CapturePaymentEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: CapturePaymentEnvelope): Promise<SagaAnswer> {
    try {
      const { id, payment } = await orderPaymentOf(this.payments, command.payload.orderId);
      if (!payment) throw new PaymentNotFound(id);
      if (CAPTURED.includes(payment.snapshot.status))
        return answer(CapturePaymentSucceededV1, { id, version: payment.version });
      const done = await this.commands.execute(
        new CaptureCommand(
          { aggregateId: id, expectedVersion: payment.version, metadata: sagaCommandMetadata(command) },
          { amount: payment.snapshot.authorizedAmount.toJSON() },
        ),
      );
      return answer(CapturePaymentSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(CapturePaymentRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
