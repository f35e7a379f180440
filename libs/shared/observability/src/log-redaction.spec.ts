import { DatabaseError } from 'pg';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { QueryFailedError } from 'typeorm';
import { ConcurrencyError, DomainError, InvalidValueError } from '@bascule/shared/ddd';
import { describeError } from '@bascule/shared/application';
import { redactUrl, safeError } from './log-redaction';
import { pinoOptions } from './logging.module';

/** As node-postgres builds it from the server's ErrorResponse. */
function postgresError(message: string, fields: Partial<DatabaseError>): DatabaseError {
  return Object.assign(new DatabaseError(message, 100, 'error'), { severity: 'ERROR', ...fields });
}

class EmailTaken extends DomainError {
  readonly code = 'CLIENT.EMAIL_TAKEN';
  constructor(email: string) {
    super(`${email} is taken`, { field: 'email', email });
  }
}

const VALUE = 'ada.lovelace@example.com';

describe('log redaction', () => {
  it('redacts the values of query parameters that may be personal and keeps their names', () => {
    expect(redactUrl('/clients?email=ada%40example.com&text=Lovelace&limit=5&status=ACTIVE')).toBe(
      '/clients?email=[redacted]&text=[redacted]&limit=5&status=ACTIVE',
    );
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactUrl('/clients/7b0c6d2e-1111-4a4a-8888-123456789abc')).toBe(
      '/clients/7b0c6d2e-1111-4a4a-8888-123456789abc',
    );
  });

  describe('describeError: a description of any error that quotes no value', () => {
    it.each<[string, unknown, string]>([
      [
        'a domain refusal: its code and field, not its message or details',
        new EmailTaken(VALUE),
        'CLIENT.EMAIL_TAKEN (field email)',
      ],
      [
        'an invalid value: its code and field',
        new InvalidValueError('id', `"${VALUE}" is not a UUID`),
        'VALUE.INVALID (field id)',
      ],
      [
        'a domain refusal naming no field: its code',
        new ConcurrencyError('Client', 'c-1', 1, 2),
        'CONCURRENCY.VERSION_MISMATCH',
      ],
      [
        'a PostgreSQL error quoting the value: its SQLSTATE',
        postgresError(`invalid input syntax for type uuid: "${VALUE}"`, {
          code: '22P02',
          where: `unnamed portal parameter $1 = '${VALUE}'`,
        }),
        'PostgreSQL 22P02',
      ],
      [
        'a PostgreSQL unique violation: SQLSTATE, constraint and table, never the detail',
        postgresError('duplicate key value violates unique constraint "clients_email_key"', {
          code: '23505',
          detail: `Key (email)=(${VALUE}) already exists.`,
          constraint: 'clients_email_key',
          table: 'clients',
          schema: 'public',
        }),
        'PostgreSQL 23505 (constraint clients_email_key, table clients, schema public)',
      ],
      [
        'a not-null violation: its column',
        postgresError('null value in column "email" of relation "clients" violates not-null constraint', {
          code: '23502',
          column: 'email',
          table: 'clients',
          detail: `Failing row contains (${VALUE}).`,
        }),
        'PostgreSQL 23502 (table clients, column email)',
      ],
      [
        "TypeORM's QueryFailedError (its query and parameters hold values)",
        new QueryFailedError(
          'INSERT INTO clients (email) VALUES ($1)',
          [VALUE],
          postgresError(`value too long for type character varying(5): "${VALUE}"`, { code: '22001' }),
        ),
        'PostgreSQL 22001',
      ],
      [
        'an error wrapping a PostgreSQL error as its cause',
        new Error(`cannot save ${VALUE}`, {
          cause: postgresError(`"${VALUE}"`, { code: '23514', constraint: 'clients_phone_check', table: 'clients' }),
        }),
        'PostgreSQL 23514 (constraint clients_phone_check, table clients)',
      ],
      [
        'a JSON parse error: where only',
        jsonError(`{"email": "${VALUE}", oops}`),
        'SyntaxError: not JSON at position 38',
      ],
      ['a JSON parse error quoting the text', jsonError(`${VALUE}`), 'SyntaxError: not JSON'],
      ['any other error: its name', new Error(`no client with email ${VALUE}`), 'Error'],
      ['a TypeError', new TypeError(`Cannot read properties of undefined (reading '${VALUE}')`), 'TypeError'],
      [
        'a system error: its name and code',
        Object.assign(new Error(`connect ECONNREFUSED ${VALUE}`), { code: 'ECONNREFUSED' }),
        'Error (ECONNREFUSED)',
      ],
      ['a code that is not a code', Object.assign(new Error('x'), { code: `bad ${VALUE}` }), 'Error'],
      [
        'an error declaring its message safe',
        Object.assign(new Error('/payload/email must match format "email"'), { safeMessage: true }),
        '/payload/email must match format "email"',
      ],
      ['a thrown string', VALUE, 'thrown string'],
    ])('%s', (_case, error, description) => {
      expect(describeError(error)).toBe(description);
      expect(describeError(error)).not.toContain(VALUE);
    });
  });

  it('serialises an error for pino with its name, description, code and stack frames, and nothing it carries', () => {
    const error = new QueryFailedError(
      'SELECT $1::uuid',
      [VALUE],
      postgresError(`invalid input syntax for type uuid: "${VALUE}"`, { code: '22P02', where: VALUE, hint: VALUE }),
    );
    const logged = safeError(error) as Record<string, string>;
    expect(logged).toMatchObject({ type: 'QueryFailedError', message: 'PostgreSQL 22P02', code: '22P02' });
    expect(logged.stack).toMatch(/^QueryFailedError: PostgreSQL 22P02\n\s+at /);
    expect(JSON.stringify(logged)).not.toContain(VALUE);
    expect(JSON.stringify(safeError(new EmailTaken(VALUE)))).not.toContain(VALUE);
  });

  it("is the services' pino serialiser for `err`: what the 500 log and the consumers' warnings write", () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((written += chunk.toString()), done()) });
    const logger = pinoHttp(pinoOptions('client-service', { LOG_LEVEL: 'info', LOG_FORMAT: 'json' }), sink).logger;
    logger.error(
      { err: postgresError(`invalid input syntax for type uuid: "${VALUE}"`, { code: '22P02' }), correlationId: 'c-1' },
      'request failed',
    );
    logger.warn({ err: new EmailTaken(VALUE) }, 'legacy change set aside');
    const [failed, setAside] = written
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(failed.err).toMatchObject({ type: 'DatabaseError', message: 'PostgreSQL 22P02', code: '22P02' });
    expect(setAside.err).toMatchObject({
      type: 'EmailTaken',
      message: 'CLIENT.EMAIL_TAKEN (field email)',
      code: 'CLIENT.EMAIL_TAKEN',
    });
    expect(written).not.toContain(VALUE);
  });

  it("drops the driver's detail, where a unique violation echoes the value", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "clients_email_unique"'), {
      detail: 'Key (email)=(ada@example.com) already exists.',
      code: '23505',
    });
    const logged = JSON.stringify(safeError(error));
    expect(logged).not.toContain('ada@example.com');
    expect(logged).toContain('23505');
  });
});

function jsonError(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return error;
  }
}
