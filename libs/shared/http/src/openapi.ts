import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TObject, TSchema, Type } from '@sinclair/typebox';

/** RFC 9457 problem details as Bascule sends them; one `Problem` component in every document. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({ examples: ['CLIENT.EMAIL_TAKEN'] }),
    instance: Type.Optional(Type.String()),
    correlationId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.Optional(
            Type.String({ description: 'RFC 6901 pointer into the JSON body', examples: ['#/address/country'] }),
          ),
          parameter: Type.Optional(Type.String({ description: 'path, query or header parameter' })),
          detail: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);

/** TypeBox schemas are JSON Schema: the same object validates the request and documents it. */
export const asOpenApi = (schema: TSchema) => JSON.parse(JSON.stringify(schema)) as SchemaObject;

export const ApiJsonBody = (schema: TSchema) => ApiBody({ schema: asOpenApi(schema) });

/** Documents each query parameter from the TypeBox schema its `QuerySchemaPipe` validates against. */
export function ApiQueryFrom(schema: TObject) {
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, property]) => {
      const { description, ...rest } = asOpenApi(property) as SchemaObject & { description?: string };
      return ApiQuery({ name, required: required.has(name) && rest.default === undefined, description, schema: rest });
    }),
  );
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: errors[] names each field (pointer) or parameter at fault',
  401: 'No valid bearer token',
  403: 'The token lacks a role this operation requires',
  404: 'No such resource',
  409: 'Refused by the current state; code holds the domain reason',
  412: 'If-Match does not match the current version',
  413: 'Request body too large',
  422: 'Idempotency-Key reused with another body',
  428: 'If-Match is required',
};

/** Documents the problem+json answers an operation can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: `${PROBLEM_DESCRIPTIONS[status] ?? 'Problem'} (RFC 9457 problem details)`,
        content: { 'application/problem+json': { schema: asOpenApi(ProblemSchema) } },
      }),
    ),
  );
}
