import { Invoice, InvoiceId, InvoiceState, CreditNoteState } from '@bascule/billing/domain';
import { billingEventContracts } from '@bascule/billing/contracts';
import { cloudRequest } from '@bascule/shared/application';
import { ContractRegistry } from '@bascule/shared/contracts';
import { ConcurrencyError, FixedClock, Money } from '@bascule/shared/ddd';
import { databaseOptions, OutboxWriter, PgAggregateStore, poolOf } from '@bascule/shared/persistence';
import { createTestDatabase, serviceRole, TestDatabase } from '@bascule/shared/testing';
import { DataSource } from 'typeorm';
import { billingDatabase } from '../billing-database';
import { invoiceTable } from './invoice.table';
import { PgInvoiceReadModel } from './pg-invoice.read-model';

describe('credit notes stored with their invoice (ADR 0025: one transaction, under its version)', () => {
  const clock = new FixedClock();
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PgAggregateStore<Invoice, any, any>;
  let readModel: PgInvoiceReadModel;
  const root: InvoiceState = {
    orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
    number: 'First number',
    issuedOn: '2026-03-01',
    totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
    status: 'ISSUED',
  };
  const states: CreditNoteState[] = [
    {
      number: 'First number',
      amount: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
      reason: 'Some reason text',
      issuedOn: '2026-03-01',
    },
    {
      number: 'Second number',
      amount: Money.fromJSON({ amount: 1251, currency: 'EUR' }),
      reason: 'Some reason text',
      issuedOn: '2026-03-02',
    },
  ];
  const [first, second, third] = [
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a1',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a2',
    '5b0f5e4e-8c1d-4a3b-9e2f-0000000000a3',
  ];
  const held = (invoice?: Invoice) =>
    invoice?.creditNotes.map((creditNote) => [creditNote.id.value, creditNote.snapshot]);
  const saved = async () => {
    const invoice = Invoice.create(InvoiceId.generate(), root, clock);
    invoice.addCreditNote({ creditNoteId: first, ...states[0] });
    invoice.addCreditNote({ creditNoteId: second, ...states[1] });
    await store.save(invoice, cloudRequest());
    return invoice.id.value;
  };

  beforeAll(async () => {
    db = await createTestDatabase('billing_credit_note_id', serviceRole('BILLING'));
    dataSource = await new DataSource(
      databaseOptions(billingDatabase, { ...process.env, BILLING_DATABASE: db.name }),
    ).initialize();
    const outbox = new OutboxWriter(new ContractRegistry(billingEventContracts));
    store = new PgAggregateStore(poolOf(dataSource), invoiceTable(clock), outbox);
    readModel = new PgInvoiceReadModel(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('saves the credit notes with the invoice, loads them back in order, and answers them in its view', async () => {
    const id = await saved();
    expect(held(await store.findById(id))).toEqual([
      [first, states[0]],
      [second, states[1]],
    ]);
    expect((await readModel.get(id))?.creditNotes.map((view) => view.id)).toEqual([first, second]);
    expect((await readModel.list({ limit: 100 })).items.find((view) => view.id === id)?.creditNotes).toHaveLength(2);
  });

  it('deletes the row of one removed, and refuses a save on a stale version before writing any child row', async () => {
    const id = await saved();
    const stale = await store.findById(id);
    const current = await store.findById(id);
    current!.removeCreditNote({ creditNoteId: first });
    await store.save(current!, cloudRequest());
    stale!.addCreditNote({ creditNoteId: third, ...states[0] });
    await expect(store.save(stale!, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect(held(await store.findById(id))).toEqual([[second, states[1]]]);
    const rows = await dataSource.query('SELECT credit_note_id FROM invoice_credit_notes WHERE invoice_id = $1', [id]);
    expect(rows).toEqual([{ credit_note_id: second }]);
  });
});
