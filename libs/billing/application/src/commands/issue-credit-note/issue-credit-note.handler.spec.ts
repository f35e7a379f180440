import { Invoice, InvoiceId, InvoiceInvalidState } from '@bascule/billing/domain';
import { cloudRequest } from '@bascule/shared/application';
import { InMemoryAggregateRepository } from '@bascule/shared/application/testing';
import { FixedClock, Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { aInvoiceState } from '../../testing/invoice.fixtures';
import { IssueCreditNoteCommand, IssueCreditNoteData } from './issue-credit-note.command';
import { IssueCreditNoteHandler } from './issue-credit-note.handler';

describe('IssueCreditNoteHandler', () => {
  const data: IssueCreditNoteData = { amount: { amount: 1251, currency: 'EUR' }, reason: 'Some reason text' };
  const setup = async (state = aInvoiceState({ status: 'ISSUED' })) => {
    const repository = new InMemoryAggregateRepository<Invoice>();
    const changes = new InvoiceChanges(repository);
    const { id } = await changes.save(Invoice.create(InvoiceId.generate(), state, new FixedClock()), cloudRequest());
    repository.forgetSaved();
    const target = { aggregateId: id, expectedVersion: 1, metadata: cloudRequest('corr-2') };
    const run = () => new IssueCreditNoteHandler(changes).execute(new IssueCreditNoteCommand(target, data));
    return { id, repository, run };
  };

  it('records InvoiceCreditNoteIssued with what changed, and returns the next version', async () => {
    const { id, repository, run } = await setup();
    expect(await run()).toEqual({ id, version: 2 });
    expect(repository.events).toEqual([
      expect.objectContaining({
        type: 'InvoiceCreditNoteIssued',
        aggregateId: id,
        status: 'PARTIALLY_CREDITED',
        amount: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
        reason: 'Some reason text',
      }),
    ]);
  });

  it('is refused outside ISSUED, PARTIALLY_CREDITED (INVOICE.INVALID_STATE), and saves nothing', async () => {
    const { repository, run } = await setup(aInvoiceState({ status: 'CREDITED' }));
    await expect(run()).rejects.toBeInstanceOf(InvoiceInvalidState);
    await expect(run()).rejects.toMatchObject({ code: 'INVOICE.INVALID_STATE' });
    expect(repository.saved).toEqual([]);
  });

  it('records nothing when it would change nothing', async () => {
    const { repository, run } = await setup(aInvoiceState({ status: 'PARTIALLY_CREDITED' }));
    await run();
    expect(repository.events).toEqual([]);
  });
});
