import { Field, INT32_MAX, INT32_MIN } from './fields';

/**
 * A value a field's request rule refuses, for the generated bad-input tables: a TypeScript expression, where below
 * the field the refusal points (`currency` of a money field; '' for the field itself), and whether a gRPC request
 * can carry it (proto-loader writes only values of the field's wire type: no string in an int32, no 1.5 in an int64).
 */
export interface BadInput {
  label: string;
  value: string;
  at: string;
  grpc: boolean;
}

const bad = (label: string, value: string, grpc: boolean, at = ''): BadInput => ({ label, value, at, grpc });

/** What each field type refuses, beyond a missing required field. */
export function badInputs(f: Field): BadInput[] {
  switch (f.type) {
    case 'string':
      return [
        bad('empty', "''", true),
        bad('of 201 characters', "'x'.repeat(201)", true),
        bad('with a NUL character', "'a\\u0000b'", true),
        bad('as a number', '42', false),
      ];
    case 'text':
      return [
        bad('of 10,001 characters', "'x'.repeat(10_001)", true),
        bad('with a NUL character', "'a\\u0000b'", true),
        bad('as a number', '42', false),
      ];
    case 'int': {
      const max = f.range?.max ?? INT32_MAX;
      const min = f.range?.min ?? INT32_MIN;
      // Beyond int32 a gRPC client wraps the value around: only a range narrower than int32 is refused over gRPC.
      return [
        bad('above its maximum', String(max + 1), max < INT32_MAX),
        bad('below its minimum', String(min - 1), min > INT32_MIN),
        bad('with decimals', '1.5', false),
        bad('as a string', "'42'", false),
      ];
    }
    case 'boolean':
      return [bad('as a string', "'yes'", false), bad('as a number', '1', false)];
    case 'uuid':
      return [bad('not a uuid', "'not-a-uuid'", true), bad('as a number', '42', false)];
    case 'date':
      return [bad('not a date', "'yesterday'", true), bad('a timestamp', "'2026-03-01T10:00:00Z'", true)];
    case 'timestamp':
      return [bad('not a timestamp', "'yesterday'", true), bad('a date only', "'2026-03-01'", true)];
    case 'money':
      return [
        bad('in a lower-case currency', "{ amount: 1250, currency: 'eur' }", true, 'currency'),
        bad('in decimals', "{ amount: 12.5, currency: 'EUR' }", false, 'amount'),
        bad('with an unknown property', "{ amount: 1250, currency: 'EUR', vat: 2 }", false, 'vat'),
        bad('as a number', '1250', false),
      ];
    case 'enum':
      return [bad('not one of its values', "'NOT_A_VALUE'", true), bad('as a number', '1', false)];
  }
}

/** Whether a gRPC request leaving the field unset is refused: its proto3 default ('' or no message) breaks its rule. */
export const grpcRefusesUnset = (f: Field): boolean =>
  !f.optional && ['string', 'uuid', 'date', 'timestamp', 'money', 'enum'].includes(f.type);
