import { errors } from 'jose';
import { providerUnreachable } from './provider-keys';

describe('providerUnreachable tells a provider outage from a bug', () => {
  it.each([
    [
      'fetch failed (refused, reset, DNS)',
      Object.assign(new TypeError('fetch failed'), { cause: new Error('ECONNREFUSED') }),
    ],
    ['a socket code', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a timeout', Object.assign(new Error('aborted'), { name: 'TimeoutError' })],
    ['a body that is not JSON', new SyntaxError('Unexpected token < in JSON')],
    ['jose timing out on the keys', new errors.JWKSTimeout()],
  ])('%s is the provider being unreachable', (_, error) => expect(providerUnreachable(error)).toBe(true));

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'keys')")],
    ['a token signed with another key', new errors.JWSSignatureVerificationFailed()],
    ['not an error', 'nope'],
  ])('%s is not', (_, error) => expect(providerUnreachable(error)).toBe(false));
});
