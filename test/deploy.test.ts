// The deploy files and the metrics doc agree with the code: every metric and label a Grafana panel queries exists, docs/metrics.md lists exactly Bourse's metrics, and the compose file sets only variables Bourse reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerBotMetrics } from '../src/api/bot-metrics.ts';
import { ApiMetrics } from '../src/api/metrics.ts';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Bourse's own metrics (not Node's defaults) with their label names, as the server registers them. */
function registered(): Map<string, readonly string[]> {
  const { registry } = new ApiMetrics();
  registerBotMetrics(registry, () => []);
  const metrics = registry.getMetricsAsArray() as unknown as Array<{ name: string; labelNames?: readonly string[] }>;
  const own = metrics.filter((m) => !/^bourse_(process|nodejs)_/.test(m.name));
  return new Map(own.map((m) => [m.name, m.labelNames ?? []]));
}

/** The metric a series name belongs to: a histogram's _bucket, _sum and _count are the histogram's. */
const metricOf = (series: string): string => series.replace(/_(bucket|sum|count)$/, '');

/** Every PromQL expression of the Grafana dashboard, with the metrics and labels it names. */
function panelQueries(): Array<{ expr: string; metrics: string[]; labels: string[] }> {
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/bourse.json')) as unknown;
  const exprs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') exprs.push(value);
      else walk(value);
    }
  };
  walk(dashboard);
  return exprs.map((expr) => ({
    expr,
    metrics: [...expr.matchAll(/\bbourse_[a-z_]+/g)].map((m) => metricOf(m[0])),
    labels: [...expr.matchAll(/\bby \(([^)]*)\)/g), ...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!
        .split(',')
        .map((part) => part.trim().split(/[=!~]/)[0]!.trim())
        .filter(Boolean),
    ),
  }));
}

describe('the Grafana dashboard', () => {
  it('queries only metrics the server registers, by labels they have', () => {
    const metrics = registered();
    const queries = panelQueries();
    expect(queries.length).toBeGreaterThan(10);
    for (const { expr, metrics: named, labels } of queries) {
      expect(named.length, expr).toBeGreaterThan(0);
      for (const name of named) {
        expect(metrics.has(name), `${name} in ${expr}`).toBe(true);
        const known = new Set([...metrics.get(name)!, 'le']);
        for (const label of labels) expect(known.has(label), `label ${label} of ${name} in ${expr}`).toBe(true);
      }
    }
  });
});

describe('docs/metrics.md', () => {
  it('lists exactly the metrics the server registers, with their labels', () => {
    const rows = [...read('docs/metrics.md').matchAll(/^\| `(bourse_[a-z_]+)` \| \w+ \|([^|]*)\|/gm)];
    // The labels column names each label, with its values in parentheses where they are few.
    const labelsOf = (column: string): string[] => [...column.replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).sort();
    const documented = new Map(rows.map((row) => [row[1]!, labelsOf(row[2]!)]));
    const metrics = registered();
    expect([...documented.keys()].sort()).toEqual([...metrics.keys()].sort());
    for (const [name, labels] of metrics) expect(documented.get(name), name).toEqual([...labels].sort());
  });
});

describe('deploy/docker-compose.yml', () => {
  it('sets only environment variables that Bourse reads', () => {
    const compose = read('deploy/docker-compose.yml');
    const variables = [...compose.matchAll(/^ {6}([A-Z_]+): \$\{/gm)].map((m) => m[1]!);
    expect(variables).toContain('DATABASE_URL');
    const cli = readdirSync(join(ROOT, 'src/cli'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => read(join('src/cli', file)))
      .join('\n');
    for (const variable of variables) expect(cli, variable).toContain(variable);
  });

  it('reaches the port the image serves, as the scrape config does', () => {
    const port = /^EXPOSE (\d+)$/m.exec(read('deploy/Dockerfile'))?.[1];
    expect(port).toBeDefined();
    expect(read('deploy/docker-compose.yml')).toContain(`'${port}:${port}'`);
    expect(read('deploy/prometheus/prometheus.yml')).toContain(`bourse:${port}`);
  });
});
