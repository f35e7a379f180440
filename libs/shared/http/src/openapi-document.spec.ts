import { placeSchemasInComponents } from './openapi-document';

const address = {
  $id: 'Address',
  type: 'object',
  properties: { line2: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
};
const client = {
  $id: 'Client',
  type: 'object',
  properties: { address: { anyOf: [address, { type: 'null' }] }, status: { const: 'ACTIVE' } },
};
const ok = (schema: Record<string, any>) => ({ content: { 'application/json': { schema } } });

describe('placing TypeBox schemas in an OpenAPI 3.1 document', () => {
  it('moves every schema with a $id to components.schemas and refers to it where it stood', () => {
    const placed = placeSchemasInComponents({
      openapi: '3.1.0',
      paths: {
        '/clients': {
          get: { responses: { 200: ok(client) } },
          post: { requestBody: ok({ type: 'object', properties: { address } }) },
        },
      },
    });
    expect(placed.paths['/clients'].get.responses[200].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Client',
    });
    expect(placed.paths['/clients'].post.requestBody.content['application/json'].schema.properties.address).toEqual({
      $ref: '#/components/schemas/Address',
    });
    expect((placed as any).components.schemas).toEqual({
      Address: { type: 'object', properties: { line2: { anyOf: [{ type: 'string' }, { type: 'null' }] } } },
      Client: {
        type: 'object',
        properties: {
          address: { anyOf: [{ $ref: '#/components/schemas/Address' }, { type: 'null' }] },
          status: { const: 'ACTIVE' },
        },
      },
    });
  });

  it('keeps the schemas already in components and leaves examples alone', () => {
    const placed = placeSchemasInComponents({
      components: { schemas: { Page: { type: 'object', properties: { items: { type: 'array', items: client } } } } },
      paths: { '/x': { get: { responses: { 200: ok({ type: 'object', example: { $id: 'not-a-schema' } }) } } } },
    });
    expect(placed.components.schemas.Page.properties.items.items).toEqual({ $ref: '#/components/schemas/Client' });
    expect(placed.paths['/x'].get.responses[200].content['application/json'].schema.example).toEqual({
      $id: 'not-a-schema',
    });
  });

  it('refuses two different schemas under one $id, and a $id that cannot name a component', () => {
    expect(() => placeSchemasInComponents({ paths: { a: address, b: { ...address, type: 'string' } } })).toThrow(
      'two different schemas share the $id "Address"',
    );
    expect(() => placeSchemasInComponents({ paths: { a: { $id: 'https://x/y#z' } } })).toThrow(
      'cannot name an OpenAPI component',
    );
  });
});
