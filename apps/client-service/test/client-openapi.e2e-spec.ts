import { createConfig, lintFromString } from '@redocly/openapi-core';
import { RunningClientService, startClientService } from './client-service.harness';

type Operation = { summary?: string; tags?: string[]; responses: Record<string, unknown> };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Redocly's recommended rules (the OpenAPI 3.1 structure, refs, servers, security…): every problem found. */
async function lint(document: object): Promise<string[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
}

describe('the OpenAPI document client-service publishes', () => {
  let service: RunningClientService;
  let document: any;

  beforeAll(async () => {
    service = await startClientService();
    document = (await service.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => service?.close());

  it('is valid OpenAPI 3.1 for a maintained linter: no error and no warning', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(await lint(document)).toEqual([]);
  });

  it('would be refused by the same linter as the 3.0 document it used to be (the check can fail)', async () => {
    expect(
      (await lint({ ...document, openapi: '3.0.0' })).filter((p) => p.startsWith('error struct')).length,
    ).toBeGreaterThan(10);
  });

  it('names its servers, describes each tag its operations use, and declares the bearer scheme', () => {
    expect(document.servers).toEqual([{ url: expect.stringMatching(/^https?:\/\//), description: expect.any(String) }]);
    const operations: Operation[] = Object.values(document.paths).flatMap((item: any) =>
      METHODS.filter((m) => item[m]).map((m) => item[m]),
    );
    const used = new Set(operations.flatMap((o) => o.tags ?? []));
    expect([...used].sort()).toEqual(['clients', 'legacy contract']);
    for (const tag of used)
      expect(document.tags).toContainEqual({ name: tag, description: expect.stringMatching(/\w+ \w+ \w+/) });
    for (const operation of operations) expect(operation.summary).toEqual(expect.any(String));
    expect(document.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: expect.any(String) },
    });
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it('keeps the TypeBox schemas as JSON Schema 2020-12, shared through components', () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Address',
      'Client',
      'ClientPage',
      'LegacyClient',
      'LegacyClientPage',
      'LegacyError',
      'Problem',
    ]);
    expect(document.components.schemas.Client.properties.address).toEqual({
      anyOf: [{ $ref: '#/components/schemas/Address' }, { type: 'null' }],
    });
    expect(JSON.stringify(document)).not.toContain('"$id"');
    const limit = document.paths['/clients'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    });
  });
});
