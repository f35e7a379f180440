import { status } from '@grpc/grpc-js';
import { ConcurrencyError, UnprocessableError } from '@bascule/shared/ddd';
import { toStatus } from './grpc-error.filter';

describe('gRPC status of a failure', () => {
  it('is UNAVAILABLE (retry later) when the database is restarting or a connection was lost', () => {
    expect(
      toStatus(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).code,
    ).toBe(status.UNAVAILABLE);
    expect(toStatus(new Error('Connection terminated unexpectedly')).code).toBe(status.UNAVAILABLE);
  });

  it('stays ABORTED for a concurrent write and INTERNAL for anything unknown', () => {
    expect(toStatus(new ConcurrencyError('client', 'c', 1, 2)).code).toBe(status.ABORTED);
    expect(toStatus(new TypeError('a bug')).code).toBe(status.INTERNAL);
  });

  it('is FAILED_PRECONDITION naming the field for a well-formed request naming what is unknown (REST: 422)', () => {
    class SkuUnknown extends UnprocessableError {
      readonly code = 'ORDER.SKU_UNKNOWN';
    }
    expect(toStatus(new SkuUnknown('lines/2/sku', 'sku X is not in the catalogue'))).toEqual({
      code: status.FAILED_PRECONDITION,
      message: 'ORDER.SKU_UNKNOWN: lines/2/sku: sku X is not in the catalogue',
    });
  });
});
