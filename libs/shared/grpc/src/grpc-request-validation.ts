import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidValueError } from '@bascule/shared/ddd';
import { compileBodySchema, firstNonText, NON_TEXT_DETAIL, toFieldErrors } from '@bascule/shared/http';
import { TSchema } from '@sinclair/typebox';
import { UndecodableRequest } from './undecodable-request';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** proto-loader's `oneofs: true` adds `_field: 'field'` beside each optional field: not part of the message. */
function withoutVirtualOneofs(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutVirtualOneofs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, item]) => !(key.startsWith('_') && item === key.slice(1)))
      .map(([key, item]) => [key, withoutVirtualOneofs(item)]),
  );
}

/**
 * Validates a gRPC request against a TypeBox schema (the REST schemas' fields, reused), as BodySchemaPipe
 * does for HTTP: INVALID_ARGUMENT naming the field (`address/postalCode`), never INTERNAL.
 */
@Injectable()
export class GrpcSchemaPipe implements PipeTransform {
  private readonly validate;

  constructor(readonly schema: TSchema) {
    this.validate = compileBodySchema(schema);
  }

  transform(value: unknown): unknown {
    if (value instanceof UndecodableRequest)
      throw new InvalidValueError('request', `request cannot be decoded as ${value.messageType}: ${value.reason}`);
    const request = withoutVirtualOneofs(value as Json);
    const text = firstNonText(request);
    if (text !== undefined) throw new InvalidValueError(text || 'request', `${text || 'request'} ${NON_TEXT_DETAIL}`);
    if (!this.validate(request)) {
      const errors = toFieldErrors(this.validate.errors).map(({ pointer, detail }) => ({
        field: (pointer ?? '#/').replace(/^#\/?/, '') || 'request',
        detail,
      }));
      throw new InvalidValueError(errors[0].field, errors.map((e) => `${e.field} ${e.detail}`).join('; '));
    }
    return request;
  }
}
