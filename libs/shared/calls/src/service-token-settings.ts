import { numberSetting } from './call-settings';
import { ServiceTokenSettings } from './service-token-source';

/** The local Keycloak realm of `npm start`, as shared/auth reads it; AUTH_ISSUER is required in production. */
const LOCAL_ISSUER = 'http://127.0.0.1:8180/realms/bascule';

/**
 * The token settings of a service from the environment: its client `<service>` in the realm (`<PREFIX>_CLIENT_ID`
 * to change it), its secret `<PREFIX>_CLIENT_SECRET` (required in production; locally the realm file's
 * `<service>-local-secret`), the issuer AUTH_ISSUER, SERVICE_TOKEN_RENEW_AT (0.8).
 */
export function serviceTokenSettings(
  service: string,
  envPrefix: string,
  env: NodeJS.ProcessEnv = process.env,
): ServiceTokenSettings {
  const production = env.NODE_ENV === 'production';
  const issuer = env.AUTH_ISSUER ?? (production ? undefined : LOCAL_ISSUER);
  if (!issuer) throw new Error('AUTH_ISSUER is required in production (the OpenID Provider issuer URL)');
  const secretName = `${envPrefix}_CLIENT_SECRET`;
  const clientSecret = env[secretName] ?? (production ? undefined : `${service}-local-secret`);
  if (!clientSecret) throw new Error(`${secretName} is required in production (the service's client secret)`);
  const renewAt =
    env.SERVICE_TOKEN_RENEW_AT === undefined
      ? 0.8
      : numberSetting('SERVICE_TOKEN_RENEW_AT', env.SERVICE_TOKEN_RENEW_AT);
  if (renewAt <= 0 || renewAt >= 1) throw new Error(`SERVICE_TOKEN_RENEW_AT must be between 0 and 1, got ${renewAt}`);
  return {
    tokenUrl: `${issuer.replace(/\/+$/, '')}/protocol/openid-connect/token`,
    clientId: env[`${envPrefix}_CLIENT_ID`] ?? service,
    clientSecret,
    renewAt,
  };
}
