import { PaymentNotFound } from '@bascule/payment/domain';
import { aPaymentView, InMemoryPaymentReadModel } from '../../testing/in-memory-payment.read-model';
import { GetPaymentHandler } from './get-payment.handler';
import { GetPaymentQuery } from './get-payment.query';

describe('GetPaymentHandler', () => {
  it('returns the view', async () => {
    const view = aPaymentView();
    const handler = new GetPaymentHandler(new InMemoryPaymentReadModel([view]));
    expect(await handler.execute(new GetPaymentQuery(view.id))).toEqual(view);
  });

  it('refuses an unknown id with PaymentNotFound', async () => {
    const handler = new GetPaymentHandler(new InMemoryPaymentReadModel());
    await expect(handler.execute(new GetPaymentQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a'))).rejects.toBeInstanceOf(
      PaymentNotFound,
    );
  });
});
