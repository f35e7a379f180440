import { randomUUID } from 'node:crypto';

import { InvoiceReadModel, InvoiceView, IssueCreditNoteCommand } from '@bascule/billing/application';

import { fakeCommandBus, recordingSaga, sagaCommand, TestRefusal } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { IssueCreditNoteParticipant } from './issue-credit-note.participant';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** An invoice of 72.62 EUR including VAT, at version 1, `credited` of it credited. */
const anInvoice = (credited = 0): Partial<InvoiceView> => ({
  id: 'the-invoice',
  version: 1,
  totalInclVat: eur(7262),
  creditedInclVat: eur(credited),
});

/** The participant on a use case that answers `execute`, the order's invoice `invoice`; its answers recorded. */
function participantOn(execute: () => Promise<unknown>, invoice?: Partial<InvoiceView>) {
  const { answers, saga, replies } = recordingSaga();
  const { bus, executed } = fakeCommandBus<IssueCreditNoteCommand>(execute);
  const invoices = {
    list: async () => ({ items: invoice ? [invoice] : [], nextCursor: null }),
  } as unknown as InvoiceReadModel;
  return { answers, replies, executed, participant: new IssueCreditNoteParticipant(bus, saga, invoices) };
}

const orderId = randomUUID();
const command = () =>
  sagaCommand('billing.issue-credit-note', { orderId, reason: 'order cancelled' }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('IssueCreditNoteParticipant', () => {
  it("credits the full total of the order's invoice, at the version read, with the saga's reason", async () => {
    const { replies, executed, participant } = participantOn(
      async () => ({ id: 'the-invoice', version: 2 }),
      anInvoice(),
    );
    await participant.handle(command(), tx);
    expect(executed.map((c) => [c.target.aggregateId, c.target.expectedVersion, c.data])).toEqual([
      ['the-invoice', 1, { amount: eur(7262), reason: 'order cancelled' }],
    ]);
    expect(replies()).toEqual([['billing.issue-credit-note-succeeded', { id: 'the-invoice', version: 2 }]]);
  });

  it('credits only what is left of an invoice partly credited before', async () => {
    const { executed, participant } = participantOn(async () => ({ id: 'the-invoice', version: 2 }), anInvoice(262));
    await participant.handle(command(), tx);
    expect(executed.map((c) => c.data.amount)).toEqual([eur(7000)]);
  });

  it('an invoice credited in full (a retried command) answers as it stands and issues no second note', async () => {
    const invoice = { ...anInvoice(7262), version: 2 };
    const { replies, executed, participant } = participantOn(async () => ({ id: 'x', version: 3 }), invoice);
    await participant.handle(command(), tx);
    expect(executed).toEqual([]);
    expect(replies()).toEqual([['billing.issue-credit-note-succeeded', { id: 'the-invoice', version: 2 }]]);
  });

  it('an order with no invoice: nothing to undo, done at version 0', async () => {
    const { replies, executed, participant } = participantOn(async () => ({ id: 'x', version: 1 }));
    await participant.handle(command(), tx);
    expect(executed).toEqual([]);
    expect(replies()).toEqual([['billing.issue-credit-note-succeeded', { id: orderId, version: 0 }]]);
  });

  it("answers billing.issue-credit-note-refused with a domain error's code", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')), anInvoice());
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['billing.issue-credit-note-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it.each([
    ['a lost race (a note issued since the invoice was read)', new ConcurrencyError('invoice', 'x', 1, 2)],
    ['any other error', new Error('connection reset')],
  ])('lets %s through, for the consumer engine to redo', async (_, error) => {
    const { answers, participant } = participantOn(() => Promise.reject(error), anInvoice());
    await expect(participant.handle(command(), tx)).rejects.toBe(error);
    expect(answers).toEqual([]);
  });
});
