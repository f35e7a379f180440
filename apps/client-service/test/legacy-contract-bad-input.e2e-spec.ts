import { RunningClientService, startClientService } from './client-service.harness';

type Case = [name: string, path: string, parameter: string];

describe('the legacy clients contract refuses malformed parameters with problem+json naming them, never a 500', () => {
  let service: RunningClientService;

  beforeAll(async () => {
    service = await startClientService();
  });
  afterAll(() => service?.close());

  const get = (path: string) => service.http().get(path);

  const cases: Case[] = [
    ['page far beyond any number of rows', '/legacy/api/clients?page=1e300', 'page'],
    ['page past the last allowed', '/legacy/api/clients?page=1000001', 'page'],
    ['negative page', '/legacy/api/clients?page=-1', 'page'],
    ['page zero', '/legacy/api/clients?page=0', 'page'],
    ['fractional page', '/legacy/api/clients?page=1.5', 'page'],
    ['page made of words', '/legacy/api/clients?page=deux', 'page'],
    ['empty page', '/legacy/api/clients?page=', 'page'],
    ['page given twice', '/legacy/api/clients?page=1&page=2', 'page'],
    ['size above the legacy maximum', '/legacy/api/clients?taille=501', 'taille'],
    ['huge size', '/legacy/api/clients?taille=100000000000000000000', 'taille'],
    ['size zero', '/legacy/api/clients?taille=0', 'taille'],
    ['negative size', '/legacy/api/clients?taille=-50', 'taille'],
    ['fractional size', '/legacy/api/clients?taille=2.5', 'taille'],
    ['unknown parameter (refused, as on the rest of the service)', '/legacy/api/clients?tri=nom', 'tri'],
    ['noClient made of words', '/legacy/api/clients/abc', 'noClient'],
    ['negative noClient', '/legacy/api/clients/-1', 'noClient'],
    ['noClient zero', '/legacy/api/clients/0', 'noClient'],
    ['noClient in exponent form', '/legacy/api/clients/1e3', 'noClient'],
    ['fractional noClient', '/legacy/api/clients/1.5', 'noClient'],
    ['noClient longer than the legacy sequence', '/legacy/api/clients/10000000000', 'noClient'],
    ['SQL in the noClient', "/legacy/api/clients/1'%20OR%201=1", 'noClient'],
  ];

  it.each(cases)('%s: GET %s → 400 naming %s', async (_name, path, parameter) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      type: expect.any(String),
      title: expect.any(String),
      correlationId: expect.any(String),
    });
    expect(answer.body.errors.map((e: { parameter?: string }) => e.parameter)).toContain(parameter);
  });

  it('still answers valid requests as the monolith does: defaults, the largest page, and CLI-404', async () => {
    expect((await get('/legacy/api/clients').expect(200)).body).toEqual({ page: 1, taille: 50, clients: [] });
    expect((await get('/legacy/api/clients?page=1000000&taille=500').expect(200)).body).toEqual({
      page: 1_000_000,
      taille: 500,
      clients: [],
    });
    expect((await get('/legacy/api/clients/999999999').expect(404)).body).toEqual({
      codeErreur: 'CLI-404',
      libelle: 'Client inexistant',
    });
  });
});
