import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  capturedColumnType,
  capturedDate,
  capturedInstant,
  columnHandling,
  ConnectorConfig,
} from './captured-column-type';

/** The legacy connector as it is registered (placeholders left as they are: the column lists are literal). */
const legacyConnector = (
  JSON.parse(readFileSync(join(__dirname, '../../../../tools/infra/connect/legacy-connector.json'), 'utf8')) as {
    config: ConnectorConfig;
  }
).config;

const arriving = (column: string, sqlType: string) =>
  capturedColumnType(sqlType, columnHandling(legacyConnector, column), legacyConnector).tsType;

describe('a legacy column as the connector sends it', () => {
  it('types the hashed, masked and excluded columns of the legacy connector as what arrives', () => {
    expect(columnHandling(legacyConnector, 'public.CLIENTS.NO_SECU')).toBe('hashed');
    expect(columnHandling(legacyConnector, 'public.PAIEMENTS.IBAN')).toBe('partly-masked');
    expect(arriving('public.PAIEMENTS.IBAN', 'varchar(34)')).toBe('string');
    expect(columnHandling(legacyConnector, 'public.CLIENTS.DATE_NAISSANCE')).toBe('excluded');
    expect(columnHandling(legacyConnector, 'public.CLIENTS.NOM')).toBe('as-is');
    expect(arriving('public.CLIENTS.NO_SECU', 'varchar(15)')).toBe('string');
    expect(arriving('public.CLIENTS.DATE_NAISSANCE', 'varchar(10)')).toBe('absent');
  });

  it('types a hashed column as a text whatever its SQL type', () => {
    const config = { converters: 'h', 'h.type': 'io.bascule.connect.SaltedHashConverter', 'h.columns': 'public.T.N' };
    expect(capturedColumnType('integer', columnHandling(config, 'public.T.N'))).toEqual({
      tsType: 'string',
      arrives: expect.stringContaining('hex digest'),
    });
    expect(columnHandling({ 'column.mask.hash.SHA-256.with.salt.x': 'public\\.T\\..*' }, 'public.T.N')).toBe('hashed');
  });

  it('types timestamptz as an ISO text in either time precision mode, timestamp and date as numbers', () => {
    for (const mode of ['connect', 'adaptive']) {
      const config = { 'time.precision.mode': mode };
      expect(capturedColumnType('timestamptz', 'as-is', config).tsType).toBe('string');
      expect(capturedColumnType('timestamp(3) with time zone', 'as-is', config).tsType).toBe('string');
      expect(capturedColumnType('timestamp without time zone', 'as-is', config).tsType).toBe('number');
      expect(capturedColumnType('date', 'as-is', config).tsType).toBe('number');
    }
    expect(arriving('public.COMMANDES.MISE_A_JOUR', 'timestamptz')).toBe('string');
  });

  it("types numeric after the connector's decimal handling", () => {
    expect(arriving('public.COMMANDES.MONTANT_TOTAL', 'numeric(12, 2)')).toBe('string');
    expect(capturedColumnType('numeric(12, 2)', 'as-is', { 'decimal.handling.mode': 'double' }).tsType).toBe('number');
    expect(capturedColumnType('numeric', 'as-is').arrives).toContain('base64');
    expect(capturedColumnType('integer', 'as-is').tsType).toBe('number');
    expect(capturedColumnType('boolean', 'as-is').tsType).toBe('boolean');
    expect(capturedColumnType('char(1)', 'as-is').tsType).toBe('string');
  });

  it('reads a captured instant and date, and nothing from what is not one', () => {
    expect(capturedInstant('2026-12-06T19:48:31.123456Z')?.toISOString()).toBe('2026-12-06T19:48:31.123Z');
    expect(capturedInstant('2026-12-06T21:48:31+02:00')?.toISOString()).toBe('2026-12-06T19:48:31.000Z');
    expect(capturedInstant(1765050511000)).toBeUndefined();
    expect(capturedInstant('06/12/2026')).toBeUndefined();
    expect(capturedInstant('2026-13-45T00:00:00Z')).toBeUndefined();
    expect(capturedDate(20428)).toBe('2025-12-06');
    expect(capturedDate('20428')).toBeUndefined();
  });
});
