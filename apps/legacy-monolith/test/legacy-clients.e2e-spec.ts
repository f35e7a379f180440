import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { RunningLegacyApp, startLegacyApp } from './legacy-app.harness';

describe('legacy-monolith: the clients contract existing consumers call', () => {
  let legacy: RunningLegacyApp;
  let pool: Pool;
  let app: FastifyInstance;
  const dupont = {
    nom: 'DUPONT',
    prenom: 'Jean',
    email: 'jean.dupont@exemple.fr',
    telephone: '01 23 45 67 89',
    adresse1: '3 rue des Lilas',
    codePostal: '69003',
    ville: 'LYON',
    noSecu: '185057800608436',
    dateNaissance: '05/07/1985',
  };

  beforeAll(async () => {
    legacy = await startLegacyApp('legacy');
    ({ app, pool } = legacy);
  });
  afterAll(() => legacy?.close());

  it('creates, reads, lists, replaces and deletes a client, with French fields and no personal columns', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/clients', payload: dupont });
    expect(created.statusCode).toBe(201);
    const client = created.json();
    expect(client).toEqual({
      noClient: expect.any(Number),
      nom: 'DUPONT',
      prenom: 'Jean',
      email: dupont.email,
      telephone: dupont.telephone,
      adresse1: dupont.adresse1,
      adresse2: null,
      codePostal: '69003',
      ville: 'LYON',
      pays: null,
      statut: 'A',
      dateCreation: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
    });
    const [stored] = (
      await pool.query(`SELECT "NO_SECU", "DATE_NAISSANCE" FROM "CLIENTS" WHERE "NO_CLIENT" = $1`, [client.noClient])
    ).rows;
    expect(stored).toEqual({ NO_SECU: dupont.noSecu, DATE_NAISSANCE: '05/07/1985' });

    expect((await app.inject({ method: 'GET', url: `/api/clients/${client.noClient}` })).json()).toEqual(client);
    expect((await app.inject({ method: 'GET', url: '/api/clients?taille=10' })).json().clients).toContainEqual(client);

    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/clients/${client.noClient}`,
      payload: { ...dupont, ville: 'PARIS', codePostal: '75011', statut: 'I' },
    });
    expect(replaced.json()).toMatchObject({
      noClient: client.noClient,
      ville: 'PARIS',
      statut: 'I',
      dateCreation: client.dateCreation,
    });

    expect((await app.inject({ method: 'DELETE', url: `/api/clients/${client.noClient}` })).statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `/api/clients/${client.noClient}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ codeErreur: 'CLI-404', libelle: 'Client inexistant' });
  });

  it('accepts what the old screens accepted: no email, NULL country', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/clients', payload: { nom: 'SANS MAIL' } });
    expect(created.json()).toMatchObject({ nom: 'SANS MAIL', email: null, pays: null, statut: 'A' });
  });

  it.each([
    ['no name', { prenom: 'X' }, 'CLI-401'],
    ['unknown status', { nom: 'X', statut: 'Z' }, 'CLI-402'],
    ['field too long', { nom: 'X', pays: 'FRA' }, 'CLI-403'],
    ['not an object', [1, 2], 'CLI-400'],
  ])('answers %s with its own error body', async (_name, payload, code) => {
    const answer = await app.inject({ method: 'POST', url: '/api/clients', payload: payload as object });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ codeErreur: code, libelle: expect.any(String) });
  });

  it('answers an unknown or malformed key with CLI-404', async () => {
    for (const key of ['999999999', 'abc'])
      expect((await app.inject({ method: 'GET', url: `/api/clients/${key}` })).json()).toEqual({
        codeErreur: 'CLI-404',
        libelle: 'Client inexistant',
      });
  });
});
