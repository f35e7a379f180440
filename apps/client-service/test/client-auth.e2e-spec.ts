/**
 * @exclusive adds a signing key above the others to the shared realm, removes it after, and removes other runs'
 * rotation-test keys: tokens other suites get meanwhile stop verifying once it is gone.
 */
import { createServer, Server } from 'node:http';
import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { type CryptoKey, decodeProtectedHeader, exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import request from 'supertest';
import { CLIENT_PROTO_PATH } from '@bascule/client/contracts';
import { rotateRealmSigningKey, testIssuer, tokenFor } from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import { freePort, RunningClientService, startClientService } from './client-service.harness';

const REFLECTION_PROTO = join(
  dirname(require.resolve('@grpc/reflection')),
  '../proto/grpc/reflection/v1/reflection.proto',
);

/** The services a server lists through gRPC server reflection (v1), or the error it answers. */
function reflectionList(address: string): Promise<{ error?: ServiceError; services?: string[] }> {
  const proto = loadPackageDefinition(loadSync(REFLECTION_PROTO, { keepCase: true })) as any;
  const client = new proto.grpc.reflection.v1.ServerReflection(address, credentials.createInsecure());
  return new Promise((resolve) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (answer: { list_services_response?: { service: { name: string }[] } }) => {
      resolve({ services: answer.list_services_response?.service.map((one) => one.name) });
      call.end();
    });
    call.on('error', (error: ServiceError) => resolve({ error }));
    call.on('end', () => client.close());
    call.write({ list_services: '' });
  });
}

/** grpc.health.v1.Health/Check without a token. */
function healthCheck(address: string): Promise<{ error?: ServiceError; status?: string }> {
  const proto = loadPackageDefinition(loadSync(healthProtoPath, { keepCase: true, enums: String })) as any;
  const client = new proto.grpc.health.v1.Health(address, credentials.createInsecure());
  return new Promise((resolve) =>
    client.Check({ service: '' }, (error: ServiceError | null, answer: { status: string }) => {
      client.close();
      resolve(error ? { error } : { status: answer.status });
    }),
  );
}

type Call = (
  request: object,
  metadata: Metadata,
  callback: (error: ServiceError | null, response: any) => void,
) => void;
type Key = CryptoKey | Uint8Array;

/**
 * Who may call what, on the real Keycloak. The service reads its keys from a JWKS endpoint of the test that
 * serves the realm's live keys (fetched from Keycloak on every request, so rotation is Keycloak's) plus one key
 * of the test ("trusted"): tokens signed with it reach every claim check, so each crafted case fails only on
 * the claim it breaks (the "crafted and valid" case proves the rest of such a token is accepted).
 */
describe('client-service identity and access (bearer tokens, roles)', () => {
  let service: RunningClientService;
  let jwks: Server;
  let grpc: Record<string, Call> & { close(): void };
  let trusted: { privateKey: Key; publicKey: Key };
  let rogue: { privateKey: Key };
  let realmKid: string;
  let clientId: string;

  const realmKeys = async () =>
    (
      (await (await fetch(`${testIssuer}/protocol/openid-connect/certs`)).json()) as {
        keys: { kid: string; use?: string; alg?: string }[];
      }
    ).keys;
  const claims = (overrides: JWTPayload = {}): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: testIssuer,
      aud: 'client-service',
      sub: 'crafted-user',
      iat: now,
      exp: now + 300,
      realm_access: { roles: ['client:read'] },
      ...overrides,
    };
  };
  const signed = (payload: JWTPayload, key = trusted.privateKey, kid = 'test-trusted', alg = 'RS256') =>
    new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(key);
  const unsigned = (payload: JWTPayload) => `${b64({ alg: 'none', typ: 'JWT', kid: realmKid })}.${b64(payload)}.`;
  const get = (path: string, token?: string) => {
    const call = request(service.app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('authorization', `Bearer ${token}`);
  };
  const grpcCall = (method: string, body: object, token?: string) =>
    new Promise<{ error?: ServiceError; response?: any }>((resolve) => {
      const metadata = new Metadata();
      if (token) metadata.set('authorization', `Bearer ${token}`);
      grpc[method].call(grpc, body, metadata, (error, response) => resolve(error ? { error } : { response }));
    });
  const unauthorized = (detail: string) => ({
    status: 401,
    code: detail === 'A bearer token is required' ? 'AUTH.UNAUTHENTICATED' : 'AUTH.INVALID_TOKEN',
    title: 'Unauthorized',
    detail,
    type: expect.stringMatching(/^https:\/\/bascule\.dev\/problems\/auth-/),
  });
  const invalid = (reason: string) => unauthorized(`The bearer token is not valid: ${reason}`);

  beforeAll(async () => {
    trusted = await generateKeyPair('RS256');
    rogue = await generateKeyPair('RS256');
    realmKid = (await realmKeys()).find((key) => key.use === 'sig' && key.alg === 'RS256')!.kid;
    const trustedJwk = { ...(await exportJWK(trusted.publicKey)), kid: 'test-trusted', alg: 'RS256', use: 'sig' };
    jwks = createServer(async (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [...(await realmKeys()), trustedJwk] })),
    );
    const port = await freePort();
    await new Promise<void>((resolve) => jwks.listen(port, '127.0.0.1', resolve));
    service = await startClientService({
      AUTH_ISSUER: testIssuer,
      AUTH_AUDIENCE: 'client-service',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
    });
    const proto = loadPackageDefinition(
      loadSync(CLIENT_PROTO_PATH, { keepCase: false, longs: Number, defaults: true, oneofs: true }),
    ) as any;
    grpc = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
    clientId = (await service.http().post('/clients').send(aRegistration()).expect(201)).body.id;
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
    jwks?.close();
  });

  describe('REST: 401 with WWW-Authenticate and problem+json', () => {
    const cases: [string, () => Promise<string | undefined>, string, string][] = [
      ['no token', async () => undefined, 'A bearer token is required', 'Bearer'],
      [
        'a malformed token',
        async () => 'not-a.jwt',
        'The bearer token is not valid: malformed',
        'Bearer error="invalid_token"',
      ],
      [
        "a bad signature (own key, the realm's kid)",
        async () => signed(claims(), rogue.privateKey, realmKid),
        'The bearer token is not valid: signature verification failed',
        'Bearer error="invalid_token"',
      ],
      [
        'another issuer',
        async () => signed(claims({ iss: 'http://127.0.0.1:8180/realms/other' })),
        'The bearer token is not valid: unexpected issuer',
        'Bearer error="invalid_token"',
      ],
      [
        'another audience',
        async () => signed(claims({ aud: 'order-service' })),
        'The bearer token is not valid: unexpected audience',
        'Bearer error="invalid_token"',
      ],
      [
        'expired beyond the leeway',
        async () => signed(claims({ exp: Math.floor(Date.now() / 1000) - 60 })),
        'The bearer token is not valid: expired',
        'Bearer error="invalid_token"',
      ],
      [
        'not yet valid (nbf)',
        async () => signed(claims({ nbf: Math.floor(Date.now() / 1000) + 120 })),
        'The bearer token is not valid: not yet valid',
        'Bearer error="invalid_token"',
      ],
      [
        'alg none',
        async () => unsigned(claims()),
        'The bearer token is not valid: algorithm not allowed',
        'Bearer error="invalid_token"',
      ],
      [
        'HS256 signed with a guessable secret',
        async () => signed(claims(), new TextEncoder().encode('client-service'), realmKid, 'HS256'),
        'The bearer token is not valid: algorithm not allowed',
        'Bearer error="invalid_token"',
      ],
      [
        'no exp',
        async () => signed({ ...claims(), exp: undefined }),
        'The bearer token is not valid: claim exp is invalid',
        'Bearer error="invalid_token"',
      ],
    ];
    it.each(cases)('GET /clients with %s → 401', async (_name, token, detail, challenge) => {
      const answer = await get('/clients', await token());
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['www-authenticate']).toMatch(
        new RegExp(`^${challenge.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      expect(answer.body).toEqual({
        ...invalid(''),
        ...unauthorized(detail),
        instance: '/clients',
        correlationId: expect.any(String),
      });
    });

    it('GET /clients with a basic scheme counts as no token → 401 Bearer challenge', async () => {
      const answer = await request(service.app.getHttpServer())
        .get('/clients')
        .set('authorization', 'Basic cmVhZGVyOnJlYWRlcg==');
      expect([answer.status, answer.headers['www-authenticate'], answer.body.code]).toEqual([
        401,
        'Bearer',
        'AUTH.UNAUTHENTICATED',
      ]);
    });
  });

  describe('REST: roles', () => {
    it('a crafted token with the role, within the exp leeway (10 s past), passes every check → 200', async () => {
      expect(
        (await get('/clients?limit=1', await signed(claims({ exp: Math.floor(Date.now() / 1000) - 10 })))).status,
      ).toBe(200);
    });

    it('the realm reader may list and read → 200', async () => {
      const reader = await tokenFor('reader');
      expect((await get('/clients?limit=1', reader)).status).toBe(200);
      expect((await get(`/clients/${clientId}`, reader)).body.id).toBe(clientId);
    });

    it.each([
      ['reader', 'post', '/clients', 'client:write'],
      ['reader', 'post', '/clients/:id/rename', 'client:write'],
      ['writer', 'post', '/clients/:id/erase', 'client:erase'],
      ['legacy-reader', 'get', '/clients', 'client:read'],
      ['reader', 'get', '/legacy/api/clients', 'legacy:read'],
    ] as const)('%s: %s %s → 403 naming %s', async (user, method, path, role) => {
      const answer = await request(service.app.getHttpServer())
        [method](path.replace(':id', clientId))
        .set('authorization', `Bearer ${await tokenFor(user)}`)
        .send(method === 'post' ? aRegistration() : undefined);
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({
        status: 403,
        code: 'AUTH.FORBIDDEN',
        title: 'Forbidden',
        detail: `Missing role: ${role}`,
      });
    });

    it('the writer registers, the eraser erases, the legacy reader reads the legacy contract', async () => {
      const created = await request(service.app.getHttpServer())
        .post('/clients')
        .set('authorization', `Bearer ${await tokenFor('writer')}`)
        .send(aRegistration())
        .expect(201);
      await request(service.app.getHttpServer())
        .post(`/clients/${created.body.id}/erase`)
        .set('authorization', `Bearer ${await tokenFor('eraser')}`)
        .set('if-match', created.headers.etag)
        .expect(200);
      expect((await get('/legacy/api/clients', await tokenFor('legacy-reader'))).status).toBe(200);
    });

    it('health probes and (configured public in tests) metrics, on the management port, answer without a token', async () => {
      expect((await get('/health/live')).status).toBe(200);
      expect((await request(service.metricsUrl).get('/metrics')).status).toBe(200);
    });

    it("the OpenAPI document declares the bearer scheme and each operation's roles", async () => {
      const doc = (await get('/docs-json')).body;
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(doc.paths['/clients'].get).toMatchObject({
        security: [{ bearer: [] }],
        'x-required-roles': ['client:read'],
      });
      expect(doc.paths['/clients/{id}/erase'].post['x-required-roles']).toEqual(['client:erase']);
    });
  });

  describe('gRPC: UNAUTHENTICATED and PERMISSION_DENIED', () => {
    it.each([
      ['no token', async () => undefined, status.UNAUTHENTICATED, 'AUTH.UNAUTHENTICATED: A bearer token is required'],
      [
        'an expired token',
        async () => signed(claims({ exp: Math.floor(Date.now() / 1000) - 60 })),
        status.UNAUTHENTICATED,
        'AUTH.INVALID_TOKEN: The bearer token is not valid: expired',
      ],
      [
        'a bad signature',
        async () => signed(claims(), rogue.privateKey, realmKid),
        status.UNAUTHENTICATED,
        'AUTH.INVALID_TOKEN: The bearer token is not valid: signature verification failed',
      ],
      [
        'alg none',
        async () => unsigned(claims()),
        status.UNAUTHENTICATED,
        'AUTH.INVALID_TOKEN: The bearer token is not valid: algorithm not allowed',
      ],
      [
        'the legacy reader (no client:read)',
        () => tokenFor('legacy-reader'),
        status.PERMISSION_DENIED,
        'AUTH.FORBIDDEN: Missing role: client:read',
      ],
    ])('GetClient with %s', async (_name, token, code, details) => {
      const { error } = await grpcCall('GetClient', { id: clientId }, await token());
      expect([error?.code, error?.details]).toEqual([code, details]);
    });

    it('RegisterClient as the reader → PERMISSION_DENIED naming client:write; EraseClient as the writer → naming client:erase', async () => {
      const reader = await grpcCall(
        'RegisterClient',
        aRegistration({ phone: undefined, companyId: undefined }),
        await tokenFor('reader'),
      );
      expect([reader.error?.code, reader.error?.details]).toEqual([
        status.PERMISSION_DENIED,
        'AUTH.FORBIDDEN: Missing role: client:write',
      ]);
      const writer = await grpcCall('EraseClient', { id: clientId, expectedVersion: 1 }, await tokenFor('writer'));
      expect([writer.error?.code, writer.error?.details]).toEqual([
        status.PERMISSION_DENIED,
        'AUTH.FORBIDDEN: Missing role: client:erase',
      ]);
    });

    it('GetClient as the reader → OK', async () => {
      const { error, response } = await grpcCall('GetClient', { id: clientId }, await tokenFor('reader'));
      expect(error).toBeUndefined();
      expect(response.id).toBe(clientId);
    });
  });

  it('gRPC server reflection and health answer without a token while the docs are public (DOCS_PUBLIC, true outside production)', async () => {
    const { error, services } = await reflectionList(service.grpcAddress);
    expect(error).toBeUndefined();
    expect(services).toContain('bascule.client.v1.ClientService');
    expect(await healthCheck(service.grpcAddress)).toEqual({ status: 'SERVING' });
  });

  it('a new signing key in the realm is picked up without restart (REST and gRPC)', async () => {
    const before = await tokenFor('reader');
    const removeKey = await rotateRealmSigningKey();
    try {
      const after = await tokenFor('reader');
      const kid = decodeProtectedHeader(after).kid;
      expect(kid).not.toBe(decodeProtectedHeader(before).kid);
      expect((await get('/clients?limit=1', after)).status).toBe(200);
      expect((await grpcCall('GetClient', { id: clientId }, after)).error).toBeUndefined();
      expect((await get('/clients?limit=1', before)).status).toBe(200); // the old key stays published, its tokens stay valid
    } finally {
      await removeKey();
    }
  });
});

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('client-service with METRICS_PUBLIC=false and DOCS_PUBLIC=false (production defaults)', () => {
  let service: RunningClientService;
  beforeAll(async () => {
    service = await startClientService({
      AUTH_ISSUER: testIssuer,
      AUTH_JWKS_URL: '',
      METRICS_PUBLIC: 'false',
      DOCS_PUBLIC: 'false',
    });
  });
  afterAll(async () => {
    await service?.close();
    Object.assign(process.env, { METRICS_PUBLIC: '', DOCS_PUBLIC: '' });
  });

  it.each(['/metrics', '/docs-json'])(
    '%s: 401 without a token, 403 without platform:observe, 200 with it; health stays public',
    async (path) => {
      // /metrics is on the management port, the documents on the public one.
      const server = () => (path === '/metrics' ? request(service.metricsUrl) : request(service.app.getHttpServer()));
      const anonymous = await server().get(path);
      expect([anonymous.status, anonymous.headers['www-authenticate'], anonymous.body.code]).toEqual([
        401,
        'Bearer',
        'AUTH.UNAUTHENTICATED',
      ]);
      const reader = await server()
        .get(path)
        .set('authorization', `Bearer ${await tokenFor('reader')}`);
      expect([reader.status, reader.body.detail]).toEqual([403, 'Missing role: platform:observe']);
      expect((await server().get(path).set('authorization', `Bearer ${service.token}`)).status).toBe(200);
      expect((await request(service.app.getHttpServer()).get('/health/live')).status).toBe(200);
    },
  );

  it('gRPC server reflection is not served (UNIMPLEMENTED), like /docs; the gRPC health service stays public for probes', async () => {
    const { error } = await reflectionList(service.grpcAddress);
    expect(error?.code).toBe(status.UNIMPLEMENTED);
    expect(await healthCheck(service.grpcAddress)).toEqual({ status: 'SERVING' });
  });

  // Fastify decodes the path before routing: the rule is decided on the matched route, not on the raw URL.
  it.each([
    '/%64ocs-json',
    '/%64ocs/index.html',
    '/%64ocs',
    '/docs%2Djson',
    '/docs-yaml',
    '/%64ocs-yaml',
    '/docs/',
    '/docs/swagger-ui-init.js',
    '/%64ocs/swagger-ui-init.js',
    '/docs/swagger-ui.css',
  ])(
    '%s (another spelling or part of the docs): 401 without a token, 403 without platform:observe, 200 with it',
    async (path) => {
      const anonymous = await request(service.app.getHttpServer()).get(path);
      expect([anonymous.status, anonymous.headers['www-authenticate'], anonymous.body.code]).toEqual([
        401,
        'Bearer',
        'AUTH.UNAUTHENTICATED',
      ]);
      const reader = await request(service.app.getHttpServer())
        .get(path)
        .set('authorization', `Bearer ${await tokenFor('reader')}`);
      expect([reader.status, reader.body.detail]).toEqual([403, 'Missing role: platform:observe']);
      expect((await service.http().get(path)).status).toBe(200);
    },
  );
});

describe('client-service with METRICS_PUBLIC=true (an in-cluster scrape) and HEALTH_DETAILS_PUBLIC=false (k8s/client-service.yaml)', () => {
  let service: RunningClientService;
  beforeAll(async () => {
    service = await startClientService({
      AUTH_ISSUER: testIssuer,
      AUTH_JWKS_URL: '',
      METRICS_PUBLIC: 'true',
      HEALTH_DETAILS_PUBLIC: 'false',
    });
  });
  afterAll(async () => {
    await service?.close();
    Object.assign(process.env, { METRICS_PUBLIC: '', HEALTH_DETAILS_PUBLIC: '' });
  });

  it('/metrics answers without a token, /health/details does not (401, 403 without platform:observe, 200 with it); probes stay public', async () => {
    expect((await request(service.metricsUrl).get('/metrics')).status).toBe(200);
    const anonymous = await request(service.app.getHttpServer()).get('/health/details');
    expect([anonymous.status, anonymous.headers['www-authenticate'], anonymous.body.code]).toEqual([
      401,
      'Bearer',
      'AUTH.UNAUTHENTICATED',
    ]);
    const reader = await request(service.app.getHttpServer())
      .get('/health/details')
      .set('authorization', `Bearer ${await tokenFor('reader')}`);
    expect([reader.status, reader.body.detail]).toEqual([403, 'Missing role: platform:observe']);
    const observer = await service.http().get('/health/details');
    expect([observer.status, observer.body.status]).toEqual([200, 'ok']);
    expect((await request(service.app.getHttpServer()).get('/health/ready')).status).toBe(200);
  });
});

describe("client-service when the issuer's keys cannot be read", () => {
  let service: RunningClientService;
  let grpc: Record<string, Call> & { close(): void };
  beforeAll(async () => {
    service = await startClientService({
      AUTH_ISSUER: testIssuer,
      AUTH_JWKS_URL: `http://127.0.0.1:${await freePort()}/certs`,
    });
    const proto = loadPackageDefinition(
      loadSync(CLIENT_PROTO_PATH, { keepCase: false, longs: Number, defaults: true, oneofs: true }),
    ) as any;
    grpc = new proto.bascule.client.v1.ClientService(service.grpcAddress, credentials.createInsecure());
  });
  afterAll(async () => {
    grpc?.close();
    await service?.close();
    Object.assign(process.env, { AUTH_JWKS_URL: '' });
  });

  it('answers 503 AUTH.PROVIDER_UNAVAILABLE (REST) and UNAVAILABLE (gRPC), not a 401 that would blame the token', async () => {
    const answer = await service.http().get('/clients');
    expect([answer.status, answer.headers['retry-after'], answer.body.code]).toEqual([
      503,
      '5',
      'AUTH.PROVIDER_UNAVAILABLE',
    ]);
    const error = await new Promise<ServiceError | null>((resolve) =>
      grpc.GetClient.call(grpc, { id: '4d7a3b52-8a7e-4f1b-9c55-2e0b7a1f3c9d' }, service.metadata(), (e) => resolve(e)),
    );
    expect(error?.code).toBe(status.UNAVAILABLE);
    expect(error?.details).toMatch(/^AUTH.PROVIDER_UNAVAILABLE: The token cannot be verified now/);
  });
});
