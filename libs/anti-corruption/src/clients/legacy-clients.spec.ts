import { clientIdOfLegacy } from './legacy-client-key';
import { LegacyClientRow, snapshotOf } from './legacy-client-row';
import { CloudClient, renderLegacyClient } from './render-legacy-client';
import { translateLegacyClient } from './translate-legacy-client';

const dupont: LegacyClientRow = {
  NO_CLIENT: 1042,
  NOM: 'DUPONT ',
  PRENOM: 'Jean',
  EMAIL: 'Jean.Dupont@Exemple.FR',
  TELEPHONE: '01 23 45 67 89',
  ADRESSE1: '3 rue des Lilas',
  ADRESSE2: null,
  CODE_POSTAL: '69003',
  VILLE: 'LYON',
  PAYS: null,
  STATUT: 'A',
  DATE_CREATION: '14/03/2009',
  NO_SECU: 'hashed-by-the-connector',
  DATE_NAISSANCE: '05/07/1985',
};

/** What the client context holds after applying an image (its domain lower-cases emails, trims names). */
function cloudOf(row: LegacyClientRow, overrides: Partial<CloudClient> = {}): CloudClient {
  const { image } = translateLegacyClient(row);
  if (!image) throw new Error('expected an image');
  return { ...image, email: image.email?.toLowerCase() ?? null, createdAt: '2026-01-01T00:00:00Z', ...overrides };
}

describe('translating legacy CLIENTS rows', () => {
  it('turns a row into a client image: trimmed names, NULL country means France, unknown columns ignored', () => {
    expect(translateLegacyClient({ ...dupont, NEW_COLUMN_2026: 'x' })).toEqual({
      image: {
        familyName: 'DUPONT',
        givenName: 'Jean',
        email: 'Jean.Dupont@Exemple.FR',
        phone: '01 23 45 67 89',
        address: { line1: '3 rue des Lilas', line2: null, postalCode: '69003', city: 'LYON', country: 'FR' },
        status: 'ACTIVE',
      },
    });
  });

  it('maps the one-letter statuses', () => {
    expect(translateLegacyClient({ ...dupont, STATUT: 'I' }).image?.status).toBe('INACTIVE');
    expect(translateLegacyClient({ NO_CLIENT: 7, STATUT: 'X' }).image?.status).toBe('ERASED');
  });

  it('quarantines rows the new model cannot take, saying why', () => {
    expect(translateLegacyClient({ ...dupont, PRENOM: null, VILLE: '  ' }).quarantine).toEqual([
      'PRENOM is empty',
      'VILLE is empty',
    ]);
    expect(translateLegacyClient({ ...dupont, NOM: ' ', CODE_POSTAL: null, ADRESSE1: null }).quarantine).toEqual([
      'NOM is empty',
      'ADRESSE1 is empty',
      'CODE_POSTAL is empty',
    ]);
    expect(translateLegacyClient({ ...dupont, STATUT: 'Z' }).quarantine).toEqual(['STATUT "Z" is not A, I or X']);
  });

  it('takes a client without email: its contact details are incomplete', () => {
    expect(translateLegacyClient({ ...dupont, EMAIL: null }).image?.email).toBeNull();
    expect(translateLegacyClient({ ...dupont, EMAIL: '   ' }).image?.email).toBeNull();
  });

  it('derives one stable client id per legacy key', () => {
    expect(clientIdOfLegacy(1042)).toBe(clientIdOfLegacy(1042));
    expect(clientIdOfLegacy(1042)).not.toBe(clientIdOfLegacy(1043));
  });
});

describe('rendering the legacy contract from the client context', () => {
  const legacyJson = {
    noClient: 1042,
    nom: 'DUPONT ',
    prenom: 'Jean',
    email: 'Jean.Dupont@Exemple.FR',
    telephone: '01 23 45 67 89',
    adresse1: '3 rue des Lilas',
    adresse2: null,
    codePostal: '69003',
    ville: 'LYON',
    pays: null,
    statut: 'A',
    dateCreation: '14/03/2009',
  };

  it('gives back exactly what the legacy system shows for an unchanged client', () => {
    expect(renderLegacyClient(1042, cloudOf(dupont), snapshotOf(dupont))).toEqual(legacyJson);
  });

  it('shows what changed in the cloud, and keeps the rest as written', () => {
    const moved = cloudOf(dupont, {
      address: { line1: '1 quai Saint-Antoine', line2: null, postalCode: '69002', city: 'LYON', country: 'FR' },
      status: 'INACTIVE',
    });
    expect(renderLegacyClient(1042, moved, snapshotOf(dupont))).toEqual({
      ...legacyJson,
      adresse1: '1 quai Saint-Antoine',
      codePostal: '69002',
      statut: 'I',
    });
  });

  it('shows no personal data for an erased client', () => {
    const rendered = renderLegacyClient(1042, cloudOf(dupont, { status: 'ERASED' }), snapshotOf(dupont));
    expect(rendered).toMatchObject({
      nom: null,
      prenom: null,
      email: null,
      telephone: null,
      adresse1: null,
      statut: 'X',
    });
  });

  it('gives back exactly what the legacy system shows for a client without email, NULL or blank', () => {
    for (const EMAIL of [null, '  ']) {
      const row = { ...dupont, EMAIL };
      expect(renderLegacyClient(1042, cloudOf(row), snapshotOf(row))).toEqual({ ...legacyJson, email: EMAIL });
    }
  });

  it('shows an email the client got or lost in the cloud', () => {
    const withoutEmail = { ...dupont, EMAIL: null };
    expect(
      renderLegacyClient(1042, cloudOf(withoutEmail, { email: 'jean@new.fr' }), snapshotOf(withoutEmail)),
    ).toMatchObject({
      email: 'jean@new.fr',
    });
    expect(renderLegacyClient(1042, cloudOf(dupont, { email: null }), snapshotOf(dupont)).email).toBeNull();
  });

  it('renders a client the legacy system never saw in its conventions', () => {
    const rendered = renderLegacyClient(5, cloudOf(dupont, { createdAt: '2026-11-25T10:00:00Z' }), null);
    expect(rendered).toMatchObject({
      nom: 'DUPONT',
      email: 'jean.dupont@exemple.fr',
      pays: null,
      dateCreation: '25/11/2026',
    });
  });

  it('never keeps the personal columns no service needs', () => {
    expect(Object.keys(snapshotOf(dupont))).not.toEqual(expect.arrayContaining(['NO_SECU']));
    expect(Object.keys(snapshotOf(dupont))).not.toContain('DATE_NAISSANCE');
  });
});
