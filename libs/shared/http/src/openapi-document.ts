import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** The security scheme every Bascule service declares: an OIDC access token (JWT) as a bearer token. */
export const BEARER_SCHEME = 'bearer';

export interface OpenApiDocumentOptions {
  title: string;
  description: string;
  version: string;
  servers: { url: string; description?: string }[];
  /** One per controller tag, so that every tag an operation uses is described. */
  tags: { name: string; description: string }[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Moves every schema that carries a `$id` (TypeBox schemas shared by several operations, e.g. `Address`)
 * into `components.schemas` under that name and puts a `$ref` where it stood. OpenAPI 3.1 schemas are
 * JSON Schema 2020-12, so `const` and `type: 'null'` stay as they are; only the placement changes.
 */
export function placeSchemasInComponents<T extends object>(document: T): T {
  const root = JSON.parse(JSON.stringify(document)) as JsonObject;
  const components = (root.components ??= {}) as JsonObject;
  const schemas = (components.schemas ??= {}) as JsonObject;
  const seen = new Map<string, string>();

  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const copy: JsonObject = {};
    for (const [key, value] of Object.entries(node))
      copy[key] = key === 'example' || key === 'examples' || key === '$id' ? value : visit(value);
    if (typeof copy.$id !== 'string') return copy;
    const { $id: name, ...schema } = copy;
    if (!/^[A-Za-z0-9._-]+$/.test(name as string))
      throw new Error(`schema $id "${name}" cannot name an OpenAPI component`);
    const text = JSON.stringify(schema);
    if (seen.has(name as string) && seen.get(name as string) !== text)
      throw new Error(`two different schemas share the $id "${name}"`);
    seen.set(name as string, text);
    schemas[name as string] = schema;
    return { $ref: `#/components/schemas/${name}` };
  };

  for (const key of Object.keys(root)) if (key !== 'components') root[key] = visit(root[key]);
  for (const [name, schema] of Object.entries({ ...schemas })) if (!seen.has(name)) schemas[name] = visit(schema);
  return root as T;
}

/**
 * The OpenAPI 3.1 document of a service, from its controllers' decorators: servers, described tags,
 * the bearer scheme required by default (operations narrow it with their roles, or clear it when public),
 * and TypeBox schemas placed in `components.schemas`. See ADR 0015.
 */
export function buildOpenApiDocument(app: INestApplication, options: OpenApiDocumentOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token from the OpenID Provider (issuer, audience and roles are checked).',
      },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME);
  for (const server of options.servers) builder.addServer(server.url, server.description);
  for (const tag of options.tags) builder.addTag(tag.name, tag.description);
  return placeSchemasInComponents(SwaggerModule.createDocument(app, builder.build()));
}

/** Serves the document at `/{path}` (Swagger UI) and `/{path}-json`, built once on first request. */
export function serveOpenApiDocument(app: INestApplication, options: OpenApiDocumentOptions, path = 'docs'): void {
  SwaggerModule.setup(path, app, () => buildOpenApiDocument(app, options), { jsonDocumentUrl: `${path}-json` });
}
