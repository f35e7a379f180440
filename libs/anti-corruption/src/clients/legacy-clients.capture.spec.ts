import { CapturedChange } from '@bascule/shared/contracts';
import { translateLegacyClientChange } from './legacy-clients.capture';
import { LegacyClientRow } from './legacy-client-row';

const row: LegacyClientRow = {
  NO_CLIENT: 9,
  NOM: 'DUPONT ',
  PRENOM: 'Jean',
  EMAIL: 'jean@exemple.fr',
  ADRESSE1: '3 rue des Lilas',
  CODE_POSTAL: '69003',
  VILLE: 'LYON',
  STATUT: 'A',
  DATE_CREATION: '14/03/2009',
  NO_SECU: 'hashed',
};
const change = (overrides: Partial<LegacyClientRow>, deleted = false): CapturedChange<LegacyClientRow> => ({
  deleted,
  key: 9,
  row: { ...row, ...overrides },
  lsn: 1,
  txId: 1,
  committedAtMs: 0,
});

describe('a captured CLIENTS change for the client context', () => {
  it('is the client image, and the key map keeps the contract columns as legacy wrote them (never NO_SECU)', () => {
    const translated = translateLegacyClientChange(change({}));
    expect(translated.value).toMatchObject({ familyName: 'DUPONT', status: 'ACTIVE' });
    expect(translated.quarantine).toBeUndefined();
    expect(translated.value && (translated as { kept: object }).kept).toMatchObject({
      NOM: 'DUPONT ',
      EMAIL: 'jean@exemple.fr',
    });
    expect(JSON.stringify(translated)).not.toContain('hashed');
  });

  it('is a deletion without translation, keeping the row last seen', () => {
    expect(translateLegacyClientChange(change({ NOM: null }, true))).toEqual({ value: null, kept: null });
  });

  it('keeps nothing personal of an erased row: its status and creation date', () => {
    expect(translateLegacyClientChange(change({ STATUT: 'X' }))).toMatchObject({
      value: { status: 'ERASED' },
      kept: { STATUT: 'X', DATE_CREATION: '14/03/2009' },
    });
  });

  it('passes on the reasons a row is quarantined', () => {
    expect(translateLegacyClientChange(change({ STATUT: 'Z' }))).toEqual({
      quarantine: ['STATUT "Z" is not A, I or X'],
    });
  });
});
