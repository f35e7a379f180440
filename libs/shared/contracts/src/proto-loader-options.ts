import { SHARED_PROTO_ROOT } from './money.schema';

/**
 * How every service and client loads a context's .proto: camelCase fields, int64 as a number (money amounts are
 * refused beyond the safe range, ADR 0024), defaults filled, and the shared messages importable as
 * `import "bascule/shared/v1/money.proto";`.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [SHARED_PROTO_ROOT],
};
