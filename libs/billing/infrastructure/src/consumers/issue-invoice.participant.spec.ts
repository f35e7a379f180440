import { randomUUID } from 'node:crypto';
import { InvoiceReadModel, InvoiceView, KnownOrder, KnownOrders } from '@bascule/billing/application';
import { fakeCommandBus, recordingSaga, sagaCommand, TestRefusal } from '@bascule/saga/testing';
import { EventEnvelope } from '@bascule/shared/contracts';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { SqlRows } from '@bascule/shared/persistence';
import { IssueInvoiceParticipant } from './issue-invoice.participant';

const confirmed: KnownOrder = { status: 'CONFIRMED', lines: [] };

/**
 * The participant on a use case that answers `execute`, billing knowing `order` and the invoices `issued` (read at
 * each call); its answers recorded instead of written to the outbox, a repeat's answer as 'repeated'.
 */
function participantOn(
  execute: () => Promise<unknown>,
  known: { order?: KnownOrder | undefined; issued?: Partial<InvoiceView>[] } = { order: confirmed },
) {
  const { answers, waiting, saga, replies } = recordingSaga();
  const { bus, executed } = fakeCommandBus(execute);
  const invoices = {
    list: async () => ({ items: known.issued ?? [], nextCursor: null }),
  } as unknown as InvoiceReadModel;
  const orders: KnownOrders = { get: async () => known.order };
  return { answers, waiting, replies, executed, participant: new IssueInvoiceParticipant(bus, saga, invoices, orders) };
}

const command = () => sagaCommand('billing.issue-invoice', { orderId: randomUUID() }) as EventEnvelope<never>;
const tx = {} as SqlRows;

describe('IssueInvoiceParticipant', () => {
  it('issues the invoice of an order billing knows confirmed and answers with it', async () => {
    const { replies, executed, participant } = participantOn(async () => ({ id: 'the-id', version: 1 }));
    await participant.handle(command(), tx);
    expect(executed).toHaveLength(1);
    expect(replies()).toEqual([['billing.issue-invoice-succeeded', { id: 'the-id', version: 1 }]]);
  });

  it('a retried command (a new id) for an order invoiced already answers with that invoice and issues none', async () => {
    const { replies, executed, participant } = participantOn(async () => ({ id: 'a-second', version: 1 }), {
      order: confirmed,
      issued: [{ id: 'the-first', version: 2 }],
    });
    await participant.handle(command(), tx);
    expect(executed).toEqual([]);
    expect(replies()).toEqual([['billing.issue-invoice-succeeded', { id: 'the-first', version: 2 }]]);
  });

  it.each([
    ['unknown to billing', undefined],
    ['known as PENDING (its confirmation not consumed yet)', { status: 'PENDING', lines: [] }],
  ])('an order %s gets no answer and no invoice yet: the command waits for its confirmation', async (_, order) => {
    const { answers, waiting, executed, participant } = participantOn(async () => ({ id: 'the-id', version: 1 }), {
      order: order as KnownOrder,
    });
    const issue = command();
    await participant.handle(issue, tx);
    expect(executed).toEqual([]);
    expect(answers).toEqual([]);
    expect(waiting).toEqual([`order-confirmed:${(issue.payload as { orderId: string }).orderId}`]);
  });

  it('a repeated delivery runs nothing and is answered again from what was stored', async () => {
    const { replies, executed, participant } = participantOn(async () => ({ id: 'the-id', version: 1 }));
    const issue = command();
    await participant.handle(issue, tx);
    await participant.handle(issue, tx, { repeated: true });
    expect(executed).toHaveLength(1);
    expect(replies()).toEqual([['billing.issue-invoice-succeeded', { id: 'the-id', version: 1 }], 'repeated']);
  });

  it('a command not answered while its order was unknown runs again when the saga sends it again (same id)', async () => {
    const known: { order?: KnownOrder } = {};
    const { replies, executed, participant } = participantOn(async () => ({ id: 'the-id', version: 1 }), known);
    const issue = command();
    await participant.handle(issue, tx);
    expect(replies()).toEqual([]);
    known.order = confirmed; // its confirmation consumed meanwhile
    await participant.handle(issue, tx, { repeated: true });
    expect(executed).toHaveLength(1);
    expect(replies()).toEqual([['billing.issue-invoice-succeeded', { id: 'the-id', version: 1 }]]);
  });

  it("answers billing.issue-invoice-refused with a domain error's code (an order rejected or cancelled)", async () => {
    const { replies, participant } = participantOn(() => Promise.reject(new TestRefusal('not now')));
    await participant.handle(command(), tx);
    expect(replies()).toEqual([['billing.issue-invoice-refused', { reason: 'TEST.REFUSED', detail: 'not now' }]]);
  });

  it.each([
    ['a lost race', new ConcurrencyError('invoice', 'x', 1, 2)],
    ['any other error', new Error('connection reset')],
  ])('lets %s through, for the consumer engine to redo, answering nothing', async (_, error) => {
    const { answers, participant } = participantOn(() => Promise.reject(error));
    await expect(participant.handle(command(), tx)).rejects.toBe(error);
    expect(answers).toEqual([]);
  });
});
