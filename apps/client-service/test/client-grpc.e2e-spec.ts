import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { decodeJwt } from 'jose';
import { Pool } from 'pg';
import { aRegistration } from './client-fixtures';
import { RunningClientService, startClientService } from './client-service.harness';

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;
const options = { keepCase: false, longs: Number, defaults: true, oneofs: true };

describe('client-service gRPC (bascule.client.v1.ClientService)', () => {
  let service: RunningClientService;
  let client: Record<string, Call> & { close(): void };
  const call = (method: string, request: object) =>
    new Promise<any>((resolve, reject) =>
      client[method].call(client, request, service.metadata(), (error, response) =>
        error ? reject(error) : resolve(response),
      ),
    );
  const failure = (method: string, request: object) =>
    call(method, request).then(
      () => Promise.reject(new Error('expected a gRPC error')),
      (error: ServiceError) => error,
    );

  beforeAll(async () => {
    service = await startClientService();
    const proto = loadPackageDefinition(loadSync(CLIENT_PROTO_PATH, options)) as any;
    client = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await service?.close();
  });

  it('registers, reads, renames, lists and erases through the same use cases as REST', async () => {
    const { email } = aRegistration();
    const ref = await call('RegisterClient', {
      givenName: 'Alan',
      familyName: 'Turing',
      email,
      address: { line1: '2 Bletchley Park', postalCode: 'MK3 6EB', city: 'Milton Keynes', country: 'GB' },
    });
    expect(ref.version).toBe(1);
    const got = await call('GetClient', { id: ref.id });
    expect(got).toMatchObject({ id: ref.id, givenName: 'Alan', email, status: 'ACTIVE', address: { country: 'GB' } });
    expect(
      await call('RenameClient', { id: ref.id, expectedVersion: 1, givenName: 'Alan M.', familyName: 'Turing' }),
    ).toEqual({ id: ref.id, version: 2 });
    const page = await call('ListClients', { email, limit: 10 });
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([ref.id]);
    await call('EraseClient', { id: ref.id, expectedVersion: 2 });
    expect(await call('GetClient', { id: ref.id })).toMatchObject({ status: 'ERASED', givenName: 'Erased' });
  });

  it('records the caller of a change (token subject and client) with its events', async () => {
    const ref = await call('RegisterClient', { ...aRegistration(), phone: undefined, companyId: undefined });
    await call('RenameClient', { id: ref.id, expectedVersion: 1, givenName: 'Ada B.', familyName: 'Lovelace' });
    const { sub, azp } = decodeJwt(service.token);
    const sql = new Pool({ ...service.db.settings, max: 1 });
    try {
      const { rows } = await sql.query(`SELECT payload, headers FROM outbox_all WHERE aggregateid = $1 ORDER BY seq`, [
        ref.id,
      ]);
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.payload.actor).toEqual({ subject: sub, client: azp });
        expect(row.headers).toMatchObject({ actor_subject: sub, actor_client: azp });
      }
    } finally {
      await sql.end();
    }
  });

  it('maps refusals to status codes', async () => {
    const ref = await call('RegisterClient', { ...aRegistration(), phone: undefined, companyId: undefined });
    expect((await failure('GetClient', { id: 'not-a-uuid' })).code).toBe(status.INVALID_ARGUMENT);
    expect(
      (await failure('RegisterClient', { ...aRegistration(), email: 'nope', phone: undefined, companyId: undefined }))
        .code,
    ).toBe(status.INVALID_ARGUMENT);
    expect(
      (await failure('RegisterClient', { givenName: 'No', familyName: 'Address', email: 'no.address@example.com' }))
        .details,
    ).toMatch(/address/);
    expect((await failure('GetClient', { id: '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d' })).code).toBe(status.NOT_FOUND);
    expect(
      (await failure('RenameClient', { id: ref.id, expectedVersion: 9, givenName: 'A', familyName: 'B' })).code,
    ).toBe(status.ABORTED);
    await call('EraseClient', { id: ref.id, expectedVersion: 1 });
    const refused = await failure('RenameClient', { id: ref.id, expectedVersion: 2, givenName: 'A', familyName: 'B' });
    expect(refused.code).toBe(status.FAILED_PRECONDITION);
    expect(refused.details).toMatch(/^CLIENT.ALREADY_ERASED/);
  });

  it('serves the standard health service', async () => {
    const health = loadPackageDefinition(loadSync(healthProtoPath, { ...options, enums: String })) as any;
    const checker = new health.grpc.health.v1.Health(service.grpcAddress, credentials.createInsecure());
    const answer = await new Promise<any>((resolve, reject) =>
      checker.check({ service: 'bascule.client.v1.ClientService' }, (e: Error | null, r: unknown) =>
        e ? reject(e) : resolve(r),
      ),
    );
    checker.close();
    expect(answer.status).toBe('SERVING');
  });
});
