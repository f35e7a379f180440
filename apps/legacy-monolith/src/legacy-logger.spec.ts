import { Writable } from 'node:stream';
import { legacyDatabase } from './legacy-database';
import { legacyLogger, poolWarnings } from './legacy-logger';

describe('the legacy monolith’s pool', () => {
  it('logs a lost connection as one line with the service name, without the stack', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = legacyLogger({ LOG_LEVEL: 'info' }, sink);
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    poolWarnings(logger).warn({ pool: 'legacy-monolith', err: lost }, 'database connection lost; it will be replaced');
    expect(lines).toHaveLength(1);
    expect(lines[0].trimEnd()).not.toContain('\n');
    expect(lines[0]).not.toContain('at ');
    expect(JSON.parse(lines[0])).toMatchObject({
      name: 'legacy-monolith',
      level: 40,
      pool: 'legacy-monolith',
      code: '57P01',
      error: lost.message,
      msg: 'database connection lost; it will be replaced',
    });
  });

  it('has the same timeouts as client-service', () => {
    expect(legacyDatabase({ DB_STATEMENT_TIMEOUT_MS: '1234', PGUSER: 'u', PGPASSWORD: 'p' })).toMatchObject({
      statement_timeout: 1234,
      connectionTimeoutMillis: 5_000,
      idle_in_transaction_session_timeout: 60_000,
    });
  });
});
