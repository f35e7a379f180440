import { restBadInputTable } from '@bascule/shared/testing';
import { aRegistration } from './client-fixtures';
import { clientBadInputWorld, ClientBadInputWorld as World } from './client-service.harness';

describe('client-service refuses bad input with problem+json naming the field, never a 500', () => {
  const table = restBadInputTable<World>({
    ...clientBadInputWorld,
    cases: ({ id, valid: { address } }) => [
      ['missing givenName', 'post', '/clients', { ...aRegistration(), givenName: undefined }, 400, '#/givenName'],
      ['empty familyName', 'post', '/clients', aRegistration({ familyName: '' }), 400, '#/familyName'],
      ['givenName as a number', 'post', '/clients', aRegistration({ givenName: 42 }), 400, '#/givenName'],
      ['givenName too long', 'post', '/clients', aRegistration({ givenName: 'x'.repeat(101) }), 400, '#/givenName'],
      ['blank givenName', 'post', '/clients', aRegistration({ givenName: '   ' }), 400, '#/givenName'],
      ['email without @', 'post', '/clients', aRegistration({ email: 'ada.example.com' }), 400, '#/email'],
      ['email as an array', 'post', '/clients', aRegistration({ email: ['a@b.co'] }), 400, '#/email'],
      ['missing address', 'post', '/clients', { ...aRegistration(), address: undefined }, 400, '#/address'],
      ['address as a string', 'post', '/clients', aRegistration({ address: '1 rue X' }), 400, '#/address'],
      [
        'unknown country code',
        'post',
        '/clients',
        aRegistration({ address: { ...address, country: 'XX' } }),
        400,
        '#/address/country',
      ],
      [
        'three-letter country',
        'post',
        '/clients',
        aRegistration({ address: { ...address, country: 'FRA' } }),
        400,
        '#/address/country',
      ],
      [
        'missing city',
        'post',
        '/clients',
        aRegistration({ address: { ...address, city: undefined } }),
        400,
        '#/address/city',
      ],
      [
        'unknown field in address',
        'post',
        '/clients',
        aRegistration({ address: { ...address, floor: 3 } }),
        400,
        '#/address/floor',
      ],
      [
        'NUL in familyName (PostgreSQL cannot store it)',
        'post',
        '/clients',
        aRegistration({ familyName: 'Love\u0000lace' }),
        400,
        '#/familyName',
      ],
      [
        'NUL in an address line',
        'post',
        '/clients',
        aRegistration({ address: { ...address, line1: '12\u0000 St James' } }),
        400,
        '#/address/line1',
      ],
      ['NUL in the text filter', 'get', '/clients?text=a%00b', undefined, 400, 'text'],
      ['unknown top-level field', 'post', '/clients', aRegistration({ admin: true }), 400, '#/admin'],
      ['phone made of words', 'post', '/clients', aRegistration({ phone: 'call me maybe' }), 400, '#/phone'],
      ['companyId as an object', 'post', '/clients', aRegistration({ companyId: { id: 1 } }), 400, '#/companyId'],
      ['body is an array', 'post', '/clients', [aRegistration()], 400, '#/'],
      ['body is a string', 'post', '/clients', '"hello"', 400, '#/'],
      ['malformed JSON', 'post', '/clients', '{"givenName": "Ada",', 400, '#/'],
      // 64 KB of nesting overflowed the stack of the recursive steps after parsing: a 500, before JSON_MAX_DEPTH.
      ['arrays nested 32 000 deep', 'post', '/clients', `${'['.repeat(32_000)}${']'.repeat(32_000)}`, 400, '#/'],
      [
        'objects nested 10 000 deep inside address',
        'post',
        '/clients',
        JSON.stringify(aRegistration()).replace(
          '"line1":',
          `"extra":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"line1":`,
        ),
        400,
        '#/',
      ],
      ['oversized body', 'post', '/clients', aRegistration({ givenName: 'x'.repeat(70 * 1024) }), 413, ''],
      ['id that is not a UUID', 'get', '/clients/123', undefined, 400, 'id'],
      ['SQL in the id', 'get', "/clients/1'%20OR%201=1", undefined, 400, 'id'],
      ['limit out of range', 'get', '/clients?limit=1000', undefined, 400, 'limit'],
      ['limit not a number', 'get', '/clients?limit=ten', undefined, 400, 'limit'],
      ['unknown status filter', 'get', '/clients?status=DELETED', undefined, 400, 'status'],
      ['cursor that is not a UUID', 'get', '/clients?cursor=abc', undefined, 400, 'cursor'],
      ['unknown query parameter', 'get', '/clients?sort=name', undefined, 400, 'sort'],
      [
        'rename without If-Match',
        'post',
        `/clients/${id}/rename`,
        { givenName: 'A', familyName: 'B' },
        428,
        'If-Match',
      ],
      [
        'rename with a garbage If-Match',
        'post',
        `/clients/${id}/rename`,
        { givenName: 'A', familyName: 'B' },
        412,
        'If-Match',
        { 'If-Match': 'yesterday' },
      ],
      [
        'rename missing familyName',
        'post',
        `/clients/${id}/rename`,
        { givenName: 'A' },
        400,
        '#/familyName',
        { 'If-Match': '"1"' },
      ],
      ['deactivate without reason', 'post', `/clients/${id}/deactivate`, {}, 400, '#/reason', { 'If-Match': '"1"' }],
      [
        'deactivate with a blank reason',
        'post',
        `/clients/${id}/deactivate`,
        { reason: '  ' },
        400,
        '#/reason',
        { 'If-Match': '"1"' },
      ],
      [
        'change-email to a non-email',
        'post',
        `/clients/${id}/change-email`,
        { email: 'nope' },
        400,
        '#/email',
        { 'If-Match': '"1"' },
      ],
      [
        'change-address with an empty line1',
        'post',
        `/clients/${id}/change-address`,
        { address: { ...address, line1: ' ' } },
        400,
        '#/address/line1',
        { 'If-Match': '"1"' },
      ],
      [
        'Idempotency-Key too long',
        'post',
        '/clients',
        aRegistration(),
        400,
        'Idempotency-Key',
        { 'Idempotency-Key': 'k'.repeat(300) },
      ],
    ],
    unchanged: async ({ service, id }) => {
      expect((await service.http().get(`/clients/${id}`).expect(200)).body).toMatchObject({ id, version: 1 });
    },
  });

  it('answers an email taken by another client with 409 and the domain code', async () => {
    const answer = await table.world.service
      .http()
      .post('/clients')
      .send(aRegistration({ email: table.world.valid.email.toUpperCase() }))
      .expect(409);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('CLIENT.EMAIL_TAKEN');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const answer = await table.world.service.http().get('/nowhere').expect(404);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
