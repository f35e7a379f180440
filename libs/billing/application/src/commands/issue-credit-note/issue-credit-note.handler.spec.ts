import { Invoice, InvoiceId } from '@bascule/billing/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { InMemoryNumbering } from '../../testing/in-memory-billing';
import { IssueCreditNoteCommand } from './issue-credit-note.command';
import { IssueCreditNoteHandler } from './issue-credit-note.handler';

describe('IssueCreditNoteHandler', () => {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const setup = async () => {
    const repository = new InMemoryAggregateRepository<Invoice>();
    const changes = new InvoiceChanges(repository);
    const invoice = Invoice.issue(
      InvoiceId.generate(),
      {
        orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
        number: '2026-000001',
        issuedOn: '2026-03-01',
        lines: [
          {
            invoiceLineId: '00000000-0000-4000-8000-000000000001',
            sku: 'A',
            quantity: 1,
            unitPrice: Money.of(1000, 'EUR'),
            vatRate: 2000,
          },
        ],
      },
      clock,
    );
    const { id } = await changes.save(invoice, cloudRequest());
    repository.forgetSaved();
    const numbering = new InMemoryNumbering();
    const handler = new IssueCreditNoteHandler(changes, numbering, clock);
    const run = (amount: number, expectedVersion: number) =>
      handler.execute(
        new IssueCreditNoteCommand(
          { aggregateId: id, expectedVersion, metadata: cloudRequest('corr-2') },
          { amount: { amount, currency: 'EUR' }, reason: 'refund' },
        ),
      );
    return { repository, numbering, run };
  };

  it('numbers credit notes in their own series, and credits up to the total including VAT', async () => {
    const { repository, run } = await setup();
    await run(200, 1);
    await run(1000, 2);
    expect(repository.events).toEqual([
      expect.objectContaining({ type: 'InvoiceCreditNoteIssued', number: '2026-000001', status: 'PARTIALLY_CREDITED' }),
      expect.objectContaining({ type: 'InvoiceCreditNoteIssued', number: '2026-000002', status: 'CREDITED' }),
    ]);
  });

  it('a refused credit note (above what is left) gives its number back', async () => {
    const { numbering, run } = await setup();
    await expect(run(1201, 1)).rejects.toMatchObject({ code: 'INVOICE.CREDIT_EXCEEDS_REMAINING' });
    expect(numbering.last.size).toBe(0);
  });
});
