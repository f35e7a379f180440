import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { allSuites, pragmaReason, disturbancesOf, exclusiveSuites } = require('./exclusive-suites.js') as {
  allSuites(): string[];
  pragmaReason(source: string, pragma?: string): string | undefined;
  disturbancesOf(source: string): string[];
  exclusiveSuites(): { path: string; reason: string }[];
};

const root = join(__dirname, '../..');
const source = (path: string) => readFileSync(join(root, path), 'utf8');
const marked = (path: string) =>
  pragmaReason(source(path)) !== undefined || pragmaReason(source(path), 'parallel-safe') !== undefined;

describe('the suites that must run alone say so (ADR 0066)', () => {
  it('finds the integration and e2e suites of apps, libs and tools', () => {
    expect(allSuites()).toEqual(
      expect.arrayContaining([
        'apps/client-service/test/legacy-cdc.e2e-spec.ts',
        'libs/shared/messaging/test/relay-faults.int-spec.ts',
      ]),
    );
  });

  it('every suite that restarts shared infrastructure, or otherwise disturbs the others, is marked @exclusive', () => {
    const unmarked = allSuites()
      .filter((path) => !marked(path))
      .map((path) => [path, disturbancesOf(source(path))])
      .filter(([, found]) => found.length > 0);
    expect(unmarked).toEqual([]);
  });

  it('every mark gives its reason', () => {
    for (const path of allSuites())
      for (const pragma of ['exclusive', 'parallel-safe']) {
        const reason = pragmaReason(source(path), pragma);
        if (reason !== undefined) expect([path, pragma, reason.split(/\s+/).length >= 5]).toEqual([path, pragma, true]);
      }
  });

  it('the ones that kill Connect, restart the broker or rotate the realm keys are among them', () => {
    expect(exclusiveSuites().map((suite) => suite.path)).toEqual(
      expect.arrayContaining([
        'apps/client-service/test/legacy-cdc.e2e-spec.ts',
        'libs/shared/messaging/test/relay-faults.int-spec.ts',
        'apps/client-service/test/client-auth.e2e-spec.ts',
      ]),
    );
  });

  it('flags a new suite that kills the shared worker without the mark, and reads the mark at the top of a file', () => {
    const suite = `import { connectWorkerPid } from '@bascule/shared/testing';\nprocess.kill(connectWorkerPid(), 'SIGKILL');\n`;
    expect(disturbancesOf(suite)).toEqual(['signals the shared Kafka Connect worker']);
    expect(pragmaReason(suite)).toBeUndefined();
    const markedSuite = `/**\n * @exclusive SIGKILLs the shared Connect worker: the\n * others' connectors stop.\n */\n${suite}`;
    expect(pragmaReason(markedSuite)).toBe("SIGKILLs the shared Connect worker: the others' connectors stop.");
    expect(disturbancesOf(`LEGACY_HTTP_PORT: '18090',`)).toEqual([
      'listens on a fixed port (freePort() gives a free one)',
    ]);
    expect(disturbancesOf(`// broker.sh stop would do it, but we use a proxy\n`)).toEqual([]);
  });
});
