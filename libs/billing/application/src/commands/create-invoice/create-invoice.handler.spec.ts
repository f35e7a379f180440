import { Invoice } from '@bascule/billing/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { CreateInvoiceCommand, CreateInvoiceData } from './create-invoice.command';
import { CreateInvoiceHandler } from './create-invoice.handler';

describe('CreateInvoiceHandler', () => {
  const setup = () => {
    const repository = new InMemoryAggregateRepository<Invoice>();
    return { repository, handler: new CreateInvoiceHandler(new InvoiceChanges(repository), new FixedClock()) };
  };
  const data: CreateInvoiceData = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    number: 'First number',
    issuedOn: '2026-03-01',
    totalExclVat: { amount: 1250, currency: 'EUR' },
    totalVat: { amount: 1250, currency: 'EUR' },
    totalInclVat: { amount: 1250, currency: 'EUR' },
    creditedInclVat: { amount: 1250, currency: 'EUR' },
    status: 'ISSUED',
  };

  it('creates at version 1 and saves the creation event, its fields in the domain’s types, with the request metadata', async () => {
    const { repository, handler } = setup();
    const ref = await handler.execute(new CreateInvoiceCommand(data, cloudRequest('corr-1')));
    expect(ref.version).toBe(1);
    expect(repository.saved).toEqual([
      {
        events: [
          expect.objectContaining({
            type: 'InvoiceCreated',
            aggregateId: ref.id,
            orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
            number: 'First number',
            issuedOn: '2026-03-01',
            totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
            status: 'ISSUED',
          }),
        ],
        metadata: cloudRequest('corr-1'),
      },
    ]);
  });
});
