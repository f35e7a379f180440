import { redactUrl, safeError } from './log-redaction';

describe('log redaction', () => {
  it('redacts the values of query parameters that may be personal and keeps their names', () => {
    expect(redactUrl('/clients?email=ada%40example.com&text=Lovelace&limit=5&status=ACTIVE')).toBe('/clients?email=[redacted]&text=[redacted]&limit=5&status=ACTIVE');
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactUrl('/clients/7b0c6d2e-1111-4a4a-8888-123456789abc')).toBe('/clients/7b0c6d2e-1111-4a4a-8888-123456789abc');
  });

  it("drops the driver's detail, where a unique violation echoes the value", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "clients_email_unique"'), { detail: 'Key (email)=(ada@example.com) already exists.', code: '23505' });
    const logged = JSON.stringify(safeError(error));
    expect(logged).not.toContain('ada@example.com');
    expect(logged).toContain('23505');
  });
});
