import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;

/** A legacy manifest like apps/legacy-monolith's, two tables captured. */
export const legacy = (): Manifest => ({
  kind: 'legacy',
  name: 'legacy',
  service: 'legacy-monolith',
  entry: 'apps/legacy-monolith/src/main.ts',
  envPrefix: 'LEGACY',
  httpPort: 8090,
  database: 'legacy',
  databaseRole: 'bascule_legacy_monolith',
  capture: {
    role: 'bascule_debezium',
    envPrefix: 'CDC',
    schema: 'public',
    publication: 'bascule_legacy',
    slot: 'bascule_legacy',
    topicPrefix: 'legacy',
    tables: ['CLIENTS', 'STOCK'],
    topic: { partitions: 12, retentionMs: 604800000, config: { 'compression.type': 'gzip' } },
  },
});
/** A context named `name` on port `port` (gRPC port + 47050), its events topic with a DLQ and one role. */
export const context = (name: string, port: number): Manifest => ({
  kind: 'context',
  name,
  service: `${name}-service`,
  entry: `apps/${name}-service/src/main.ts`,
  envPrefix: name.toUpperCase().replace(/-/g, '_'),
  httpPort: port,
  grpcPort: port + 47050,
  health: { live: '/health/live', ready: '/health/ready' },
  metricsPath: '/metrics',
  database: `bascule_${name.replace(/-/g, '_')}`,
  databaseRole: `bascule_${name.replace(/-/g, '_')}_service`,
  topics: [
    {
      name: `${name}.events.v1`,
      partitions: 6,
      retentionMs: 604800000,
      dlq: { partitions: 1, retentionMs: 2592000000 },
    },
  ],
  roles: [{ name: `${name}:read`, description: 'Read' }],
});

/**
 * A repository of its own: apps/<service>/context.manifest.json (a [folder, text] pair is written as is), each entry
 * file, and the other `files` given (path → content), e.g. a legacy manifest's databaseSchema.
 */
export function manifestRepository(
  manifests: (Manifest | [string, string])[],
  files: Record<string, string> = {},
): string {
  const root = mkdtempSync(join(tmpdir(), 'bascule-contexts-'));
  for (const manifest of manifests) {
    const [folder, text] = Array.isArray(manifest)
      ? manifest
      : [manifest.service as string, JSON.stringify(manifest, null, 2)];
    mkdirSync(join(root, 'apps', folder, 'src'), { recursive: true });
    writeFileSync(join(root, 'apps', folder, 'context.manifest.json'), text);
    writeFileSync(join(root, 'apps', folder, 'src', 'main.ts'), '');
  }
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  return root;
}
