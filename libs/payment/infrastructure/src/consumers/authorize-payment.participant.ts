import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CreatePaymentCommand, PAYMENT_REPOSITORY, PaymentRepository } from '@bascule/payment/application';
import { PAYMENT_DECLINED, PaymentId } from '@bascule/payment/domain';
import { AuthorizePaymentRefusedV1, AuthorizePaymentSucceededV1, AuthorizePaymentV1 } from '@bascule/payment/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type AuthorizePaymentEnvelope = EventEnvelope<PayloadOf<typeof AuthorizePaymentV1>>;

/**
 * payment.authorize-payment v1, a saga's command to the payment context: runs create-payment for the order's payment
 * (ADR 0057) in the transaction of the command's inbox row and answers on saga.replies.v1 in that transaction
 * (ADR 0056). A retried command finds the payment made and answers from it; a decline is a refusal; a provider that
 * gives no answer is a transient failure, retried by the engine under the same idempotency key.
 */
@Injectable()
export class AuthorizePaymentParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
  ) {}

  @ConsumesEvent('payment.authorize-payment', 1, { answersRepeats: true })
  handle(command: AuthorizePaymentEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: AuthorizePaymentEnvelope): Promise<SagaAnswer> {
    const { orderId, amount, currency, token } = command.payload;
    try {
      const done = await this.commands.execute(
        new CreatePaymentCommand(
          { orderId, amount: { amount, currency }, method: { type: 'card', token } },
          sagaCommandMetadata(command),
          undefined,
          PaymentId.forOrder(orderId).value,
        ),
      );
      // A decline is the payment DECLINED, not an error: answered as a refusal, for the saga to compensate. Read
      // through the repository: the read model does not see a save of this unit of work before its commit.
      const payment = await this.payments.findById(done.id);
      if (payment?.snapshot.status === 'DECLINED')
        return answer(AuthorizePaymentRefusedV1, {
          reason: PAYMENT_DECLINED,
          detail: `order ${orderId}: the payment was declined (${payment.snapshot.declineReason ?? 'no reason given'})`,
        });
      return answer(AuthorizePaymentSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(AuthorizePaymentRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}
