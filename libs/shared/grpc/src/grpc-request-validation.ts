import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidValueError } from '@bascule/shared/ddd';
import { toFieldErrors } from '@bascule/shared/http';
import { TSchema } from '@sinclair/typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { UndecodableRequest } from './undecodable-request';

const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }), ['email', 'uuid', 'date-time', 'date', 'uri']);
const isText = (value: string) => !value.includes('\u0000') && !value.includes('\uFFFD');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Strings a request may not carry whatever the schema: NUL (PostgreSQL cannot store it) and U+FFFD, which
 * is what the decoder leaves where a string's bytes were not UTF-8 (proto3 requires UTF-8).
 */
function badText(value: Json, path: string): string | undefined {
  if (typeof value === 'string') return isText(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = badText(item, path ? `${path}/${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** proto-loader's `oneofs: true` adds `_field: 'field'` beside each optional field: not part of the message. */
function withoutVirtualOneofs(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutVirtualOneofs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key, item]) => !(key.startsWith('_') && item === key.slice(1))).map(([key, item]) => [key, withoutVirtualOneofs(item)]));
}

/**
 * Validates a gRPC request against a TypeBox schema (the REST schemas' fields, reused), as BodySchemaPipe
 * does for HTTP: INVALID_ARGUMENT naming the field (`address/postalCode`), never INTERNAL.
 */
@Injectable()
export class GrpcSchemaPipe implements PipeTransform {
  private readonly validate;

  constructor(readonly schema: TSchema) {
    this.validate = ajv.compile(schema);
  }

  transform(value: unknown): unknown {
    if (value instanceof UndecodableRequest) throw new InvalidValueError('request', `request cannot be decoded as ${value.messageType}: ${value.reason}`);
    const request = withoutVirtualOneofs(value as Json);
    const text = badText(request, '');
    if (text) throw new InvalidValueError(text, `${text} is not valid text (NUL or bytes that are not UTF-8)`);
    if (!this.validate(request)) {
      const errors = toFieldErrors(this.validate.errors).map(({ pointer, detail }) => ({ field: (pointer ?? '#/').replace(/^#\/?/, '') || 'request', detail }));
      throw new InvalidValueError(errors[0].field, errors.map((e) => `${e.field} ${e.detail}`).join('; '));
    }
    return request;
  }
}
