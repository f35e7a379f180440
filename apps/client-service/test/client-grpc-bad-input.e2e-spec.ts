import { connect } from 'node:http2';
import { Client, credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { Pool } from 'pg';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;
const options = { keepCase: false, longs: Number, defaults: true, oneofs: true };
const SERVICE = '/bascule.client.v1.ClientService';

/** Protobuf bytes written by hand, to send what no generated client would (wrong wire types, garbage). */
const varint = (n: number) => {
  const bytes: number[] = [];
  for (; n > 0x7f; n = Math.floor(n / 128)) bytes.push((n % 128) | 0x80);
  return Buffer.from([...bytes, n]);
};
const field = (number: number, value: number | string | Buffer) =>
  typeof value === 'number'
    ? Buffer.concat([varint(number * 8), varint(value)])
    : Buffer.concat([varint(number * 8 + 2), varint(Buffer.byteLength(value)), Buffer.from(value)]);
class Raw {
  constructor(readonly bytes: Buffer) {}
}
const raw = (...fields: Buffer[]) => new Raw(Buffer.concat(fields));

type Code = 'INVALID_ARGUMENT' | 'ABORTED';
type Case = [
  name: string,
  method: string,
  code: Code,
  field: string,
  request: object | Raw | ((id: string) => object),
  metadata?: Record<string, string>,
];

describe('client-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  let service: RunningClientService;
  let client: Record<string, Call> & { close(): void };
  let bytesClient: Client;
  let id: string;
  const address = aRegistration().address;
  const registration = (overrides: Record<string, unknown> = {}) => ({ ...aRegistration(), ...overrides });

  const send = (method: string, request: object | Raw, headers: Record<string, string> = {}) =>
    new Promise<{ error: ServiceError | null; response: any }>((resolve) => {
      const metadata = service.metadata();
      for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
      const done = (error: ServiceError | null, response: any) => resolve({ error, response });
      const deadline = { deadline: Date.now() + 5_000 };
      if (request instanceof Raw)
        bytesClient.makeUnaryRequest(
          `${SERVICE}/${method}`,
          (b: Buffer) => b,
          (b: Buffer) => b,
          request.bytes,
          metadata,
          deadline,
          done,
        );
      else (client[method] as any).call(client, request, metadata, deadline, done);
    });

  beforeAll(async () => {
    service = await startClientService();
    const proto = loadPackageDefinition(loadSync(CLIENT_PROTO_PATH, options)) as any;
    client = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
    bytesClient = new Client(service.grpcAddress, credentials.createInsecure());
    const first = await send('RegisterClient', registration());
    id = first.response.id;
  });
  afterAll(async () => {
    client?.close();
    bytesClient?.close();
    await service?.close();
  });

  const long = (n: number) => 'x'.repeat(n);
  const cases: Case[] = [
    ['missing givenName', 'RegisterClient', 'INVALID_ARGUMENT', 'givenName', registration({ givenName: undefined })],
    ['blank familyName', 'RegisterClient', 'INVALID_ARGUMENT', 'familyName', registration({ familyName: '   ' })],
    [
      'oversized givenName (10,000 characters)',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'givenName',
      registration({ givenName: long(10_000) }),
    ],
    [
      'NUL character in familyName',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'familyName',
      registration({ familyName: 'Love\u0000lace' }),
    ],
    ['email without @', 'RegisterClient', 'INVALID_ARGUMENT', 'email', registration({ email: 'ada.example.com' })],
    [
      'oversized email',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'email',
      registration({ email: `${long(300)}@example.com` }),
    ],
    ['missing address', 'RegisterClient', 'INVALID_ARGUMENT', 'address', registration({ address: undefined })],
    [
      'unknown country',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'address/country',
      registration({ address: { ...address, country: 'XX' } }),
    ],
    [
      'three-letter country',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'address/country',
      registration({ address: { ...address, country: 'FRA' } }),
    ],
    [
      'empty postal code',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'address/postalCode',
      registration({ address: { ...address, postalCode: '' } }),
    ],
    [
      'oversized city',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'address/city',
      registration({ address: { ...address, city: long(5_000) } }),
    ],
    ['phone made of words', 'RegisterClient', 'INVALID_ARGUMENT', 'phone', registration({ phone: 'call me maybe' })],
    ['empty companyId', 'RegisterClient', 'INVALID_ARGUMENT', 'companyId', registration({ companyId: '' })],
    ['oversized companyId', 'RegisterClient', 'INVALID_ARGUMENT', 'companyId', registration({ companyId: long(65) })],
    [
      'companyId with a newline',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'companyId',
      registration({ companyId: 'ACME\nDROP' }),
    ],
    ['id that is not a UUID', 'GetClient', 'INVALID_ARGUMENT', 'id', { id: 'not-a-uuid' }],
    ['empty id', 'GetClient', 'INVALID_ARGUMENT', 'id', { id: '' }],
    ['SQL in the id', 'GetClient', 'INVALID_ARGUMENT', 'id', { id: "1' OR '1'='1" }],
    ['unknown status filter', 'ListClients', 'INVALID_ARGUMENT', 'status', { status: 'DELETED' }],
    ['lower-case status filter', 'ListClients', 'INVALID_ARGUMENT', 'status', { status: 'active' }],
    ['cursor that is not a UUID', 'ListClients', 'INVALID_ARGUMENT', 'cursor', { cursor: 'abc' }],
    ['negative limit', 'ListClients', 'INVALID_ARGUMENT', 'limit', { limit: -1 }],
    ['limit out of range', 'ListClients', 'INVALID_ARGUMENT', 'limit', { limit: 1000 }],
    ['oversized text filter', 'ListClients', 'INVALID_ARGUMENT', 'text', { text: long(1_000) }],
    ['oversized email filter', 'ListClients', 'INVALID_ARGUMENT', 'email', { email: long(1_000) }],
    [
      'negative expected_version',
      'RenameClient',
      'INVALID_ARGUMENT',
      'expectedVersion',
      (id) => ({ id, expectedVersion: -1, givenName: 'A', familyName: 'B' }),
    ],
    [
      'expected_version missing (0)',
      'RenameClient',
      'INVALID_ARGUMENT',
      'expectedVersion',
      (id) => ({ id, givenName: 'A', familyName: 'B' }),
    ],
    [
      'expected_version far ahead (stale, not malformed)',
      'RenameClient',
      'ABORTED',
      'version',
      (id) => ({ id, expectedVersion: 2_147_483_647, givenName: 'A', familyName: 'B' }),
    ],
    [
      'rename with a bad id',
      'RenameClient',
      'INVALID_ARGUMENT',
      'id',
      { id: 'nope', expectedVersion: 1, givenName: 'A', familyName: 'B' },
    ],
    [
      'change-email to a non-email',
      'ChangeClientEmail',
      'INVALID_ARGUMENT',
      'email',
      (id) => ({ id, expectedVersion: 1, email: 'nope' }),
    ],
    [
      'change-address without an address',
      'ChangeClientAddress',
      'INVALID_ARGUMENT',
      'address',
      (id) => ({ id, expectedVersion: 1 }),
    ],
    [
      'deactivate without a reason',
      'DeactivateClient',
      'INVALID_ARGUMENT',
      'reason',
      (id) => ({ id, expectedVersion: 1 }),
    ],
    [
      'deactivate with an oversized reason',
      'DeactivateClient',
      'INVALID_ARGUMENT',
      'reason',
      (id) => ({ id, expectedVersion: 1, reason: long(501) }),
    ],
    [
      'erase with a negative expected_version',
      'EraseClient',
      'INVALID_ARGUMENT',
      'expectedVersion',
      (id) => ({ id, expectedVersion: -5 }),
    ],
    [
      'correlation id of 1,000 characters',
      'GetClient',
      'INVALID_ARGUMENT',
      'x-correlation-id',
      (id) => ({ id }),
      { 'x-correlation-id': long(1_000) },
    ],
    [
      'correlation id with spaces and quotes',
      'GetClient',
      'INVALID_ARGUMENT',
      'x-correlation-id',
      (id) => ({ id }),
      { 'x-correlation-id': 'a" , "injected": "b' },
    ],
    [
      'empty correlation id',
      'GetClient',
      'INVALID_ARGUMENT',
      'x-correlation-id',
      (id) => ({ id }),
      { 'x-correlation-id': '' },
    ],
    [
      'bytes that are not protobuf (invalid wire type)',
      'RegisterClient',
      'INVALID_ARGUMENT',
      'request',
      raw(Buffer.from([0x0f, 0xff, 0xff])),
    ],
    [
      'truncated message (the decoder keeps what it could read)',
      'GetClient',
      'INVALID_ARGUMENT',
      'id',
      raw(Buffer.from([0x0a, 0x24, 0x61])),
    ],
    ['id sent as a number (wrong wire type)', 'GetClient', 'INVALID_ARGUMENT', 'id', raw(field(1, 42))],
    [
      'expected_version sent as a string (wrong wire type)',
      'EraseClient',
      'INVALID_ARGUMENT',
      'request',
      raw(field(1, '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d'), field(2, 'three')),
    ],
    [
      'a name that is not UTF-8',
      'RenameClient',
      'INVALID_ARGUMENT',
      'givenName',
      raw(
        field(1, '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d'),
        field(2, 1),
        field(3, Buffer.from([0xff, 0xfe, 0x41])),
        field(4, 'B'),
      ),
    ],
  ];

  it.each(cases)('%s: %s → %s naming %s', async (_name, method, code, name, request, metadata = {}) => {
    const { error } = await send(method, typeof request === 'function' ? request(id) : request, metadata);
    expect({ code: error?.code, details: error?.details }).toEqual({
      code: status[code],
      details: expect.stringContaining(name),
    });
  });

  it('refuses a message over GRPC_MAX_RECEIVE_BYTES (256 KiB) with RESOURCE_EXHAUSTED, before authentication', async () => {
    const large = registration({ givenName: 'x'.repeat(300 * 1024) });
    const anonymous = await new Promise<ServiceError | null>((resolve) =>
      client.RegisterClient(large, new Metadata(), resolve),
    );
    expect(anonymous?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect((await send('RegisterClient', large)).error?.code).toBe(status.RESOURCE_EXHAUSTED);
  });

  it('answers every case and is still serving afterwards', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect((await send('GetClient', { id })).response).toMatchObject({ id, version: 1 });
  });

  it('stores a sane correlation id as given, and never one made of bytes outside ASCII (a client that is not grpc-js can send them)', async () => {
    const correlationOf = async (email: string) => {
      const pool = new Pool({ ...service.db.settings, max: 1 });
      const { rows } = await pool.query(
        // The events' emails are sealed (ADR 0033): found through the client's row.
        `SELECT o.headers->>'correlation_id' AS correlation FROM outbox_all o JOIN clients c ON c.id::text = o.aggregateid
          WHERE lower(c.email) = lower($1)`,
        [email],
      );
      await pool.end();
      return rows.map((r: { correlation: string }) => r.correlation);
    };
    const sane = registration();
    expect((await send('RegisterClient', sane, { 'x-correlation-id': 'trace-42:ok' })).error).toBeNull();
    expect(await correlationOf(sane.email)).toEqual(['trace-42:ok']);

    const latin1 = registration();
    const a = latin1.address;
    const message = Buffer.concat([
      field(1, latin1.givenName),
      field(2, latin1.familyName),
      field(3, latin1.email),
      field(5, Buffer.concat([field(1, a.line1), field(3, a.postalCode), field(4, a.city), field(5, a.country)])),
    ]);
    const frame = Buffer.concat([
      Buffer.from([0]),
      Buffer.from(Uint32Array.of(message.length).buffer).reverse(),
      message,
    ]);
    const session = connect(`http://${service.grpcAddress}`);
    const grpcStatus = await new Promise<string>((resolve, reject) => {
      const carried = Object.fromEntries(
        Object.entries(service.metadata().getMap()).map(([key, value]) => [key, String(value)]),
      );
      const stream = session.request({
        ...carried,
        ':method': 'POST',
        ':path': `${SERVICE}/RegisterClient`,
        'content-type': 'application/grpc',
        te: 'trailers',
        'x-correlation-id': 'caf\u00e9\u00ff\u0085',
      });
      stream.on('trailers', (trailers) => resolve(String(trailers['grpc-status'])));
      stream.on('error', reject);
      stream.on('data', () => undefined);
      stream.end(frame);
    });
    session.close();
    expect(grpcStatus).toBe(String(status.OK));
    expect(await correlationOf(latin1.email)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
  });
});
