import { InvoiceNotFound } from '@bascule/billing/domain';
import { aInvoiceView, InMemoryInvoiceReadModel } from '../../testing/in-memory-invoice.read-model';
import { GetInvoiceHandler } from './get-invoice.handler';
import { GetInvoiceQuery } from './get-invoice.query';

describe('GetInvoiceHandler', () => {
  it('returns the view', async () => {
    const view = aInvoiceView();
    const handler = new GetInvoiceHandler(new InMemoryInvoiceReadModel([view]));
    expect(await handler.execute(new GetInvoiceQuery(view.id))).toEqual(view);
  });

  it('refuses an unknown id with InvoiceNotFound', async () => {
    const handler = new GetInvoiceHandler(new InMemoryInvoiceReadModel());
    await expect(handler.execute(new GetInvoiceQuery('7e9c1d2a-4b3f-4a5e-8c6d-0f1e2d3c4b5a'))).rejects.toBeInstanceOf(
      InvoiceNotFound,
    );
  });
});
