import { connect } from 'node:http2';
import { credentials, loadPackageDefinition, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import { grpcBadInputTable, protobufBytes, wireField } from '@bascule/shared/testing';
import { Pool } from 'pg';
import { aRegistration } from './client-fixtures';
import { clientBadInputWorld, ClientBadInputWorld as World } from './client-service.harness';

const SERVICE = '/bascule.client.v1.ClientService';

describe('client-service gRPC refuses bad input with the exact status naming the field, never INTERNAL', () => {
  const address = aRegistration().address;
  const registration = (overrides: Record<string, unknown> = {}) => ({ ...aRegistration(), ...overrides });
  const long = (n: number) => 'x'.repeat(n);

  const table = grpcBadInputTable<World>({
    protoPath: CLIENT_PROTO_PATH,
    ...clientBadInputWorld,
    cases: ({ id }) => [
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
        { id, expectedVersion: -1, givenName: 'A', familyName: 'B' },
      ],
      [
        'expected_version missing (0)',
        'RenameClient',
        'INVALID_ARGUMENT',
        'expectedVersion',
        { id, givenName: 'A', familyName: 'B' },
      ],
      [
        'expected_version far ahead (stale, not malformed)',
        'RenameClient',
        'ABORTED',
        'version',
        { id, expectedVersion: 2_147_483_647, givenName: 'A', familyName: 'B' },
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
        { id, expectedVersion: 1, email: 'nope' },
      ],
      [
        'change-address without an address',
        'ChangeClientAddress',
        'INVALID_ARGUMENT',
        'address',
        { id, expectedVersion: 1 },
      ],
      ['deactivate without a reason', 'DeactivateClient', 'INVALID_ARGUMENT', 'reason', { id, expectedVersion: 1 }],
      [
        'deactivate with an oversized reason',
        'DeactivateClient',
        'INVALID_ARGUMENT',
        'reason',
        { id, expectedVersion: 1, reason: long(501) },
      ],
      [
        'erase with a negative expected_version',
        'EraseClient',
        'INVALID_ARGUMENT',
        'expectedVersion',
        { id, expectedVersion: -5 },
      ],
      [
        'correlation id of 1,000 characters',
        'GetClient',
        'INVALID_ARGUMENT',
        'x-correlation-id',
        { id },
        { metadata: { 'x-correlation-id': long(1_000) } },
      ],
      [
        'correlation id with spaces and quotes',
        'GetClient',
        'INVALID_ARGUMENT',
        'x-correlation-id',
        { id },
        { metadata: { 'x-correlation-id': 'a" , "injected": "b' } },
      ],
      [
        'empty correlation id',
        'GetClient',
        'INVALID_ARGUMENT',
        'x-correlation-id',
        { id },
        { metadata: { 'x-correlation-id': '' } },
      ],
      [
        'bytes that are not protobuf (invalid wire type)',
        'RegisterClient',
        'INVALID_ARGUMENT',
        'request',
        protobufBytes(Buffer.from([0x0f, 0xff, 0xff])),
      ],
      [
        'truncated message (the decoder keeps what it could read)',
        'GetClient',
        'INVALID_ARGUMENT',
        'id',
        protobufBytes(Buffer.from([0x0a, 0x24, 0x61])),
      ],
      ['id sent as a number (wrong wire type)', 'GetClient', 'INVALID_ARGUMENT', 'id', protobufBytes(wireField(1, 42))],
      [
        'expected_version sent as a string (wrong wire type)',
        'EraseClient',
        'INVALID_ARGUMENT',
        'request',
        protobufBytes(wireField(1, '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d'), wireField(2, 'three')),
      ],
      [
        'a name that is not UTF-8',
        'RenameClient',
        'INVALID_ARGUMENT',
        'givenName',
        protobufBytes(
          wireField(1, '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d'),
          wireField(2, 1),
          wireField(3, Buffer.from([0xff, 0xfe, 0x41])),
          wireField(4, 'B'),
        ),
      ],
      [
        'a message over GRPC_MAX_RECEIVE_BYTES (256 KiB)',
        'RegisterClient',
        'RESOURCE_EXHAUSTED',
        '',
        registration({ givenName: long(300 * 1024) }),
      ],
      [
        'a message over 256 KiB without a token (refused before authentication)',
        'RegisterClient',
        'RESOURCE_EXHAUSTED',
        '',
        registration({ givenName: long(300 * 1024) }),
        { as: 'anonymous' },
      ],
      [
        'registered without a token',
        'RegisterClient',
        'UNAUTHENTICATED',
        'AUTH.UNAUTHENTICATED',
        registration(),
        { as: 'anonymous' },
      ],
      [
        'registered by a reader',
        'RegisterClient',
        'PERMISSION_DENIED',
        'client:write',
        registration(),
        { as: 'reader' },
      ],
      [
        'reactivate an id that is not a uuid',
        'ReactivateClient',
        'INVALID_ARGUMENT',
        'id',
        { id: 'nope', expectedVersion: 1 },
      ],
      [
        'reactivate at a stale version',
        'ReactivateClient',
        'ABORTED',
        'CONCURRENCY.VERSION_MISMATCH',
        { id, expectedVersion: 3 },
      ],
      [
        'reactivate an unknown client',
        'ReactivateClient',
        'NOT_FOUND',
        'CLIENT.NOT_FOUND',
        { id: '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d', expectedVersion: 1 },
      ],
      [
        'an unknown client',
        'GetClient',
        'NOT_FOUND',
        'CLIENT.NOT_FOUND',
        { id: '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d' },
      ],
    ],
    unchanged: async ({ service, id }) => {
      expect((await service.http().get(`/clients/${id}`).expect(200)).body).toMatchObject({ id, version: 1 });
    },
  });

  it('stores a sane correlation id as given, and never one made of bytes outside ASCII (a client that is not grpc-js can send them)', async () => {
    const { service } = table.world;
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
    const proto = loadPackageDefinition(loadSync(CLIENT_PROTO_PATH, PROTO_LOADER_OPTIONS)) as any;
    const client = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
    const metadata = service.metadata();
    metadata.set('x-correlation-id', 'trace-42:ok');
    const registered = await new Promise<ServiceError | null>((resolve) =>
      client.RegisterClient(sane, metadata, (error: ServiceError | null) => resolve(error)),
    );
    client.close();
    expect(registered).toBeNull();
    expect(await correlationOf(sane.email)).toEqual(['trace-42:ok']);

    const latin1 = registration();
    const a = latin1.address;
    const message = Buffer.concat([
      wireField(1, latin1.givenName),
      wireField(2, latin1.familyName),
      wireField(3, latin1.email),
      wireField(
        5,
        Buffer.concat([
          wireField(1, a.line1),
          wireField(3, a.postalCode),
          wireField(4, a.city),
          wireField(5, a.country),
        ]),
      ),
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
