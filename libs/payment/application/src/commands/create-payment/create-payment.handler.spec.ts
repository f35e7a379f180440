import { Payment } from '@bascule/payment/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { PaymentChanges } from '../../payment-changes';
import { CreatePaymentCommand, CreatePaymentData } from './create-payment.command';
import { CreatePaymentHandler } from './create-payment.handler';

describe('CreatePaymentHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<Payment>();
    return { repository, handler: new CreatePaymentHandler(new PaymentChanges(repository), new FixedClock()) };
  };
  const data: CreatePaymentData = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    authorizedAmount: { amount: 1250, currency: 'EUR' },
    status: 'AUTHORIZED',
    declineReason: 'First declineReason',
    cardLast4: 'First cardLast4',
    cardType: 'First cardType',
    capturedAmount: { amount: 1250, currency: 'EUR' },
    refundedAmount: { amount: 1250, currency: 'EUR' },
    providerReference: 'First providerReference',
  };

  it('creates at version 1 and saves the creation event, its fields in the domain’s types, with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new CreatePaymentCommand(data, cloudRequest('corr-1')));
    expect(ref.version).toBe(1);
    expect(repository.saved).toEqual([
      {
        events: [
          expect.objectContaining({
            type: 'PaymentCreated',
            aggregateId: ref.id,
            orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
            authorizedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            status: 'AUTHORIZED',
            declineReason: 'First declineReason',
            cardLast4: 'First cardLast4',
            cardType: 'First cardType',
            capturedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            refundedAmount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            providerReference: 'First providerReference',
          }),
        ],
        metadata: cloudRequest('corr-1'),
      },
    ]);
  });

  it('stores an optional field left out as null', async () => {
    const { repository, handler } = setup();
    const required: CreatePaymentData = {
      orderId: data.orderId,
      authorizedAmount: data.authorizedAmount,
      status: data.status,
      cardLast4: data.cardLast4,
      cardType: data.cardType,
    };
    await handler.execute(new CreatePaymentCommand(required, cloudRequest()));
    expect(repository.saved[0].events[0]).toMatchObject({
      declineReason: null,
      capturedAmount: null,
      refundedAmount: null,
      providerReference: null,
    });
  });
});
