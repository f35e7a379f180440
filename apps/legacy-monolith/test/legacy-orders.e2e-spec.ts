import { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { runInvoiceBatch } from '../src/batch/invoice-batch';
import { RunningLegacyApp, startLegacyApp } from './legacy-app.harness';

describe('legacy-monolith: stock, orders with lines, payments and the invoicing batch', () => {
  let legacy: RunningLegacyApp;
  let pool: Pool;
  let app: FastifyInstance;
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const answer = await app.inject({ method, url, payload });
    return { status: answer.statusCode, body: answer.body ? answer.json() : undefined };
  };

  beforeAll(async () => {
    legacy = await startLegacyApp('legacy_orders');
    ({ app, pool } = legacy);
  });
  afterAll(() => legacy?.close());

  it('keeps stock with NUMERIC prices as strings and NULL reserved quantities', async () => {
    const created = await call('POST', '/api/stock', {
      refArticle: 'ART-1',
      libelle: 'Chaise',
      qteDispo: 12,
      prix: '49.90',
    });
    expect(created).toEqual({
      status: 201,
      body: { refArticle: 'ART-1', libelle: 'Chaise', qteDispo: 12, qteReservee: null, prix: '49.90' },
    });
    expect((await call('POST', '/api/stock', { refArticle: 'ART-1' })).body).toEqual({
      codeErreur: 'STK-409',
      libelle: expect.any(String),
    });
    expect(
      (await call('PUT', '/api/stock/ART-1', { libelle: 'Chaise', qteDispo: 10, qteReservee: 2, prix: '45' })).body,
    ).toMatchObject({ qteDispo: 10, qteReservee: 2, prix: '45.00' });
    expect((await call('GET', '/api/stock/NOPE')).body).toEqual({
      codeErreur: 'STK-404',
      libelle: 'Article inexistant',
    });
  });

  it('takes an order with its lines in one go, totals it, pays it and invoices it once when delivered', async () => {
    await call('POST', '/api/stock', { refArticle: 'ART-2', libelle: 'Table', qteDispo: 3, prix: '120.00' });
    const client = (await call('POST', '/api/clients', { nom: 'ACHETEUR', email: 'a@exemple.fr' })).body;
    const order = await call('POST', '/api/commandes', {
      noClient: client.noClient,
      lignes: [
        { refArticle: 'ART-2', quantite: 1, prixUnitaire: '120.00' },
        { refArticle: 'ART-1', quantite: 4, prixUnitaire: '49.90' },
      ],
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      noClient: client.noClient,
      statut: 'E',
      montantTotal: '319.60',
      dateCommande: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/),
    });
    expect(order.body.lignes).toEqual([
      { noLigne: 1, refArticle: 'ART-2', quantite: 1, prixUnitaire: '120.00' },
      { noLigne: 2, refArticle: 'ART-1', quantite: 4, prixUnitaire: '49.90' },
    ]);
    const payment = await call('POST', '/api/paiements', {
      noCommande: order.body.noCommande,
      montant: '319.60',
      mode: 'V',
      iban: 'FR7630006000011234567890189',
    });
    expect(payment.body).toMatchObject({
      noCommande: order.body.noCommande,
      montant: '319.60',
      statut: 'A',
      iban: 'FR7630006000011234567890189',
    });

    expect(await runInvoiceBatch(pool)).toBe(0);
    await call('PUT', `/api/commandes/${order.body.noCommande}`, { statut: 'L' });
    expect(await runInvoiceBatch(pool)).toBe(1);
    expect(await runInvoiceBatch(pool)).toBe(0);
    const [invoice] = (
      await pool.query(
        `SELECT "MONTANT_HT"::text AS ht, "TVA"::text AS tva, "MONTANT_TTC"::text AS ttc FROM "FACTURES" WHERE "NO_COMMANDE" = $1`,
        [order.body.noCommande],
      )
    ).rows;
    expect(invoice).toEqual({ ht: '266.33', tva: '53.27', ttc: '319.60' });
    expect((await call('DELETE', `/api/commandes/${order.body.noCommande}`)).body).toEqual({
      codeErreur: 'CMD-409',
      libelle: expect.any(String),
    });
  });

  it('refuses bad orders with its own codes', async () => {
    expect((await call('POST', '/api/commandes', { noClient: 1, lignes: [] })).body.codeErreur).toBe('CMD-402');
    expect(
      (
        await call('POST', '/api/commandes', {
          noClient: 999999,
          lignes: [{ refArticle: 'ART-1', quantite: 1, prixUnitaire: '1.00' }],
        })
      ).body.codeErreur,
    ).toBe('CMD-404');
    expect((await call('GET', '/api/commandes/42')).body).toEqual({
      codeErreur: 'CMD-404',
      libelle: 'Commande inexistante',
    });
    expect((await call('POST', '/api/paiements', { noCommande: 999999, montant: '1.00' })).body.codeErreur).toBe(
      'PAI-405',
    );
  });
});
