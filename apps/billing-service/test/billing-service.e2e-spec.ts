import { randomUUID } from 'node:crypto';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import request from 'supertest';
import { BILLING_EVENTS_TOPIC, BILLING_PROTO_PATH } from '@bascule/billing/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { readUntil, testKafka, tokenFor, topicEnd } from '@bascule/shared/testing';
import { BillingWorld, startBillingWorld } from './billing-service.harness';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const year = new Date().getFullYear();
const NUMBER = new RegExp(`^${year}-\\d{6}$`);

describe('billing-service over REST and gRPC, with real Keycloak tokens, learning from the real orders and inventory services', () => {
  jest.setTimeout(300_000);
  let world: BillingWorld;
  let grpc: Record<string, Call> & { close(): void };
  let eventsBefore: Record<number, string>;
  const call = (method: string, body: object, metadata = world.billing.metadata()) =>
    new Promise<any>((resolve, reject) =>
      grpc[method].call(grpc, body, metadata, (error, response) => (error ? reject(error) : resolve(response))),
    );

  beforeAll(async () => {
    world = await startBillingWorld();
    eventsBefore = await topicEnd(testKafka(), BILLING_EVENTS_TOPIC);
    const proto = loadPackageDefinition(loadSync(BILLING_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    grpc = new proto.bascule.billing.v1.InvoiceService(world.billing.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await world?.close();
  });

  it('invoices an order placed and confirmed with orders-service, at the VAT rates inventory-service states per sku: VAT per rate and totals exact', async () => {
    const sku = { food: world.aSku('FOOD'), mid: world.aSku('MID'), press: world.aSku('PRESS') };
    await world.stock([
      { sku: sku.food, cents: 145, vatRate: 550 },
      { sku: sku.mid, cents: 333 },
      { sku: sku.press, cents: 250, vatRate: 210 },
    ]);
    // Created at 20 % (no rate given), then changed: billing learns the change from inventory.events.v1.
    await world.changeVatRate(sku.mid, 1, 1000);
    const orderId = await world.order('CONFIRMED', [
      { sku: world.sku.A, quantity: 2 },
      { sku: sku.mid, quantity: 3 },
      { sku: sku.food, quantity: 7 },
      { sku: sku.press, quantity: 1 },
    ]);
    const invoice = (await world.billing.http().post('/invoices').send({ orderId }).expect(201)).body;
    expect(
      invoice.invoiceLines.map((l: { sku: string; vatRate: number; lineExclVat: object }) => [
        l.sku,
        l.vatRate,
        l.lineExclVat,
      ]),
    ).toEqual([
      [world.sku.A, 2000, eur(3998)],
      [sku.mid, 1000, eur(999)],
      [sku.food, 550, eur(1015)],
      [sku.press, 210, eur(250)],
    ]);
    // Each rate's VAT is rounded once, half up, on the sum of its bases (ADR 0043).
    expect(invoice.vatByRate).toEqual([
      { vatRate: 2000, base: eur(3998), vat: eur(800) }, // 799.6 cents
      { vatRate: 1000, base: eur(999), vat: eur(100) }, // 99.9
      { vatRate: 550, base: eur(1015), vat: eur(56) }, // 55.825
      { vatRate: 210, base: eur(250), vat: eur(5) }, // 5.25
    ]);
    expect(invoice).toMatchObject({ totalExclVat: eur(6262), totalVat: eur(961), totalInclVat: eur(7223) });
    expect((await world.billing.http().get(`/invoices/${invoice.id}`).expect(200)).body).toEqual(invoice);
  });

  it('issues the invoice of an order confirmed on the broker: 201, its number, VAT per rate, and InvoiceCreated v1 on billing.events.v1', async () => {
    const orderId = await world.order();
    const created = await world.billing.http().post('/invoices').send({ orderId }).expect(201);
    const { id } = created.body;
    expect(created.headers.location).toBe(`/invoices/${id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      id,
      version: 1,
      orderId,
      status: 'ISSUED',
      totalExclVat: eur(6060),
      totalVat: eur(1212),
      totalInclVat: eur(7272),
      creditedInclVat: eur(0),
      invoiceLines: [
        { sku: world.sku.A, quantity: 3, unitPrice: eur(1999), vatRate: 2000, lineExclVat: eur(5997) },
        { sku: world.sku.B, quantity: 1, unitPrice: eur(63), vatRate: 2000, lineExclVat: eur(63) },
      ],
      // A at 20 % because inventory created it without a rate, B because it was given 20 %.
      vatByRate: [{ vatRate: 2000, base: eur(6060), vat: eur(1212) }],
      creditNotes: [],
    });
    expect(created.body.number).toMatch(NUMBER);
    expect((await world.billing.http().get(`/invoices/${id}`).expect(200)).body).toEqual(created.body);
    const page = await world.billing.http().get(`/invoices?orderId=${orderId}`).expect(200);
    expect(page.body).toEqual({ items: [created.body], nextCursor: null });

    const events = await readUntil(
      testKafka(),
      BILLING_EVENTS_TOPIC,
      (m) => m.some((x) => x.key === id),
      60_000,
      eventsBefore,
    );
    const event = events.find((m) => m.key === id)!;
    expect(event.headers).toMatchObject({ event_type: 'billing.invoice-created', event_version: '1' });
    expect(JSON.parse(event.value!).payload).toMatchObject({ invoiceId: id, orderId, number: created.body.number });
  });

  it('one invoice per order (409); an order billing does not know is 422, one not confirmed 409; a shipped one is invoiced', async () => {
    const orderId = await world.order();
    await world.billing.http().post('/invoices').send({ orderId }).expect(201);
    const again = await world.billing.http().post('/invoices').send({ orderId }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('INVOICE.ORDER_ALREADY_INVOICED');
    const unknown = await world.billing.http().post('/invoices').send({ orderId: randomUUID() }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'INVOICE.ORDER_UNKNOWN' });
    expect(JSON.stringify(unknown.body)).toContain('orderId');
    const pending = await world.order('PENDING');
    expect((await world.billing.http().post('/invoices').send({ orderId: pending }).expect(409)).body.code).toBe(
      'INVOICE.ORDER_NOT_CONFIRMED',
    );
    await world.billing
      .http()
      .post('/invoices')
      .send({ orderId: await world.order('SHIPPED') })
      .expect(201);
  });

  it('an Idempotency-Key replays the first answer with the same number; another body under it is 422', async () => {
    const orderId = await world.order();
    const key = randomUUID();
    const first = await world.billing
      .http()
      .post('/invoices')
      .set('idempotency-key', key)
      .send({ orderId })
      .expect(201);
    const replay = await world.billing
      .http()
      .post('/invoices')
      .set('idempotency-key', key)
      .send({ orderId })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const other = await world.billing
      .http()
      .post('/invoices')
      .set('idempotency-key', key)
      .send({ orderId: await world.order() })
      .expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
  });

  it('credit notes with If-Match: their own series, never above what is left, then CREDITED; a stale version is 412', async () => {
    const orderId = await world.order();
    const invoice = (await world.billing.http().post('/invoices').send({ orderId }).expect(201)).body;
    const credit = (version: number, amount: number) =>
      world.billing
        .http()
        .post(`/invoices/${invoice.id}/credit-notes`)
        .set('if-match', `"${version}"`)
        .send({ amount: eur(amount), reason: 'refund of a damaged item' });
    const partly = await credit(1, 7000).expect(200);
    expect(partly.headers.etag).toBe('"2"');
    expect(partly.body).toMatchObject({ status: 'PARTIALLY_CREDITED', creditedInclVat: eur(7000) });
    expect(partly.body.creditNotes).toEqual([
      expect.objectContaining({
        amount: eur(7000),
        reason: 'refund of a damaged item',
        number: expect.stringMatching(NUMBER),
      }),
    ]);
    expect(partly.body.creditNotes[0].number).not.toBe(invoice.number);
    expect((await credit(1, 1).expect(412)).body.status).toBe(412);
    const tooMuch = await credit(2, 273).expect(422);
    expect(tooMuch.body.code).toBe('INVOICE.CREDIT_EXCEEDS_REMAINING');
    expect(JSON.stringify(tooMuch.body)).toContain('amount');
    const rest = await credit(2, 272).expect(200);
    expect(rest.body).toMatchObject({ status: 'CREDITED', creditedInclVat: eur(7272), totalInclVat: eur(7272) });
    const [first, second] = rest.body.creditNotes.map((c: { number: string }) => Number(c.number.slice(5)));
    expect(second).toBe(first + 1);
    expect((await credit(3, 1).expect(409)).body.code).toBe('INVOICE.INVALID_STATE');
  });

  it('issues, reads, lists by order and credits over gRPC; refusals are gRPC statuses', async () => {
    const orderId = await world.order();
    const ref = await call('CreateInvoice', { orderId });
    expect(ref.version).toBe(1);
    const invoice = await call('GetInvoice', { id: ref.id });
    expect(invoice).toMatchObject({
      id: ref.id,
      orderId,
      totalInclVat: eur(7272),
      vatByRate: [{ vatRate: 2000, base: eur(6060), vat: eur(1212) }],
    });
    expect(invoice.number).toMatch(NUMBER);
    expect((await call('ListInvoices', { orderId, limit: 10 })).items.map((i: { id: string }) => i.id)).toEqual([
      ref.id,
    ]);
    const credited = await call('IssueCreditNote', {
      id: ref.id,
      expectedVersion: 1,
      amount: eur(100),
      reason: 'goodwill',
    });
    expect(credited.version).toBe(2);
    await expect(call('CreateInvoice', { orderId })).rejects.toMatchObject({ code: status.FAILED_PRECONDITION });
    await expect(call('CreateInvoice', { orderId: randomUUID() })).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
    });
    await expect(
      call('IssueCreditNote', { id: ref.id, expectedVersion: 1, amount: eur(100), reason: 'stale' }),
    ).rejects.toMatchObject({ code: status.ABORTED });
  });

  it('a reader may read but not issue (403); no token is 401', async () => {
    const reader = `Bearer ${await tokenFor('reader')}`;
    const orderId = await world.order();
    await request(world.billing.app.getHttpServer())
      .post('/invoices')
      .set('authorization', reader)
      .send({ orderId })
      .expect(403);
    await request(world.billing.app.getHttpServer()).get('/invoices').set('authorization', reader).expect(200);
    await request(world.billing.app.getHttpServer()).get('/invoices').expect(401);
  });
});
