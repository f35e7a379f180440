import { databaseCredentials } from './database-credentials';

describe("a process's database credentials", () => {
  const local = (env: NodeJS.ProcessEnv) => ({ NODE_ENV: 'test', ...env });

  it.each([
    ['CLIENT', 'bascule_client_service'],
    ['ORDERS', 'bascule_orders_service'],
    ['LEGACY', 'bascule_legacy_monolith'],
  ])('locally, %s takes the role setup made for it (%s) and its generated password', (prefix, role) => {
    expect(databaseCredentials('svc', prefix, local({ [`${prefix}_DB_PASSWORD`]: 'generated' }))).toEqual({
      user: role,
      password: 'generated',
    });
  });

  it('takes PGUSER and PGPASSWORD first, and <PREFIX>_DB_USER over the default role', () => {
    expect(databaseCredentials('svc', 'CLIENT', local({ PGUSER: 'u', PGPASSWORD: 'p', CLIENT_DB_USER: 'x' }))).toEqual({
      user: 'u',
      password: 'p',
    });
    expect(databaseCredentials('svc', 'CLIENT', local({ CLIENT_DB_USER: 'x', CLIENT_DB_PASSWORD: 'p' })).user).toBe(
      'x',
    );
  });

  it('refuses to start without a password, and outside development and tests without PGUSER', () => {
    expect(() => databaseCredentials('orders-service', 'ORDERS', local({}))).toThrow(
      /orders-service: .*ORDERS_DB_PASSWORD/,
    );
    expect(() => databaseCredentials('svc', 'CLIENT', { NODE_ENV: 'production', CLIENT_DB_PASSWORD: 'p' })).toThrow(
      /PGUSER and PGPASSWORD must be set/,
    );
  });
});
