import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { TSchema } from '@sinclair/typebox';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { HttpProblem, ProblemFieldError } from './problem';
import { firstNonText, NON_TEXT_DETAIL } from './text-check';

const formats = ['email', 'uuid', 'date-time', 'date', 'uri'] as const;
const bodyAjv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }), [...formats]);
const queryAjv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: true, useDefaults: true }), [
  ...formats,
]);

/** A validator for a message body (no coercion: a JSON body or a decoded gRPC message has its types already). */
export const compileBodySchema = (schema: TSchema) => bodyAjv.compile(schema);

/** Turns ajv errors into RFC 6901 pointers that name the field at fault. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined): ProblemFieldError[] {
  return (errors ?? []).map((error) => {
    const extra = error.params as { missingProperty?: string; additionalProperty?: string };
    const field = extra.missingProperty ?? extra.additionalProperty;
    const pointer = `${error.instancePath}${field ? `/${field}` : ''}` || '/';
    const detail = extra.additionalProperty
      ? `unknown field "${extra.additionalProperty}"`
      : extra.missingProperty
        ? 'is required'
        : (error.message ?? 'is invalid');
    return { pointer: `#${pointer}`, detail };
  });
}

/**
 * Validates a request body against a TypeBox (JSON Schema) schema; the same schema documents it in
 * OpenAPI. Unknown fields are refused (`additionalProperties: false` in the schemas), types are not coerced.
 */
@Injectable()
export class BodySchemaPipe implements PipeTransform {
  private readonly validate;

  constructor(readonly schema: TSchema) {
    this.validate = compileBodySchema(schema);
  }

  transform(value: unknown, _metadata: ArgumentMetadata): unknown {
    if (value === undefined || value === null)
      throw new HttpProblem(400, 'REQUEST.BODY_MISSING', 'Request body missing', 'A JSON body is required', [
        { pointer: '#/', detail: 'is required' },
      ]);
    const text = firstNonText(value);
    if (text !== undefined)
      throw new HttpProblem(
        400,
        'REQUEST.INVALID',
        'Invalid request',
        'The request body holds a string that is not text',
        [{ pointer: `#/${text}`, detail: NON_TEXT_DETAIL }],
      );
    if (!this.validate(value)) {
      throw new HttpProblem(
        400,
        'REQUEST.INVALID',
        'Invalid request',
        'The request body does not match its schema',
        toFieldErrors(this.validate.errors),
      );
    }
    return value;
  }
}

/** Validates (and coerces, e.g. `limit=20` to a number) the query string; errors name the parameter. */
@Injectable()
export class QuerySchemaPipe implements PipeTransform {
  private readonly validate;

  constructor(readonly schema: TSchema) {
    this.validate = queryAjv.compile(schema);
  }

  transform(value: unknown): unknown {
    const query = { ...(value as object) };
    const text = firstNonText(query);
    if (text !== undefined)
      throw new HttpProblem(
        400,
        'REQUEST.INVALID',
        'Invalid request',
        'The query string holds a value that is not text',
        [{ parameter: text.split('/')[0], detail: NON_TEXT_DETAIL }],
      );
    if (!this.validate(query)) {
      const errors = toFieldErrors(this.validate.errors).map(({ pointer, detail }) => ({
        parameter: (pointer ?? '').replace(/^#\//, ''),
        detail,
      }));
      throw new HttpProblem(400, 'REQUEST.INVALID', 'Invalid request', 'The query string is invalid', errors);
    }
    return query;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path parameter that must be a UUID: 400 naming the parameter, never a 500 from the database. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value))
      throw new HttpProblem(400, 'REQUEST.INVALID', 'Invalid request', `"${value}" is not a UUID`, [
        { parameter: metadata.data ?? 'id', detail: 'must be a UUID' },
      ]);
    return value;
  }
}

/** Path parameter that must match a pattern (a natural key such as a sku): 400 naming it, never a 404 or a 500. */
@Injectable()
export class PatternParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly detail: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (this.pattern.test(value)) return value;
    throw new HttpProblem(400, 'REQUEST.INVALID', 'Invalid request', `"${value.slice(0, 40)}" ${this.detail}`, [
      { parameter: metadata.data ?? 'id', detail: this.detail },
    ]);
  }
}

/** Path parameter that must be a whole number in a range (e.g. a legacy key): 400 naming it, never a 500. */
@Injectable()
export class IntegerParamPipe implements PipeTransform<string, number> {
  constructor(private readonly range: { min: number; max: number }) {}

  transform(value: string, metadata: ArgumentMetadata): number {
    const number = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (number >= this.range.min && number <= this.range.max) return number;
    const detail = `must be an integer from ${this.range.min} to ${this.range.max}`;
    throw new HttpProblem(400, 'REQUEST.INVALID', 'Invalid request', `"${value.slice(0, 40)}" ${detail}`, [
      { parameter: metadata.data ?? 'id', detail },
    ]);
  }
}
