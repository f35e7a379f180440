import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'prom-client';
import { parse } from 'yaml';
import '@bascule/shared/legacy-sync';

const root = join(__dirname, '../..');

/** The alert rules name metrics the code exports and runbook sections that exist (ADR 0035). */
describe('k8s/legacy-capture-alerts.yaml', () => {
  const rules = (
    parse(readFileSync(join(root, 'k8s/legacy-capture-alerts.yaml'), 'utf8')) as {
      spec: { groups: { rules: { alert: string; expr: string; annotations: { runbook_url: string } }[] }[] };
    }
  ).spec.groups.flatMap((group) => group.rules);
  const anchors = (file: string) =>
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) =>
        line
          .replace(/^#+\s*/, '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      );

  it.each(rules.map((rule) => [rule.alert, rule]))('%s reads metrics the code exports', (_, rule) => {
    const metrics = rule.expr.match(/bascule_[a-z_]+/g) ?? [];
    expect(metrics.length).toBeGreaterThan(0);
    for (const metric of metrics)
      expect([metric, register.getSingleMetric(metric) !== undefined]).toEqual([metric, true]);
  });

  it.each(rules.map((rule) => [rule.alert, rule]))('%s points to a runbook section that exists', (_, rule) => {
    const [file, anchor] = rule.annotations.runbook_url.split('#');
    if (anchor) expect(anchors(file)).toContain(anchor);
    else expect(readFileSync(join(root, file), 'utf8').length).toBeGreaterThan(0);
  });
});
