import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TSchema } from '@sinclair/typebox';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', example: 'CLIENT.EMAIL_TAKEN' },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string', example: '#/address/country' }, parameter: { type: 'string' }, detail: { type: 'string' } } } },
  },
};

/** TypeBox schemas are JSON Schema: the same object validates the request and documents it. */
export const asOpenApi = (schema: TSchema) => JSON.parse(JSON.stringify(schema)) as SchemaObject;

export const ApiJsonBody = (schema: TSchema) => ApiBody({ schema: asOpenApi(schema) });

/** Documents the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } })));
}
