// Merges the SARIF files of a directory (one per checked topology) into one run, as GitHub code
// scanning wants one run per tool and category.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const logs = readdirSync(dir)
  .filter((f) => f.endsWith('.sarif'))
  .sort()
  .flatMap((f) => {
    try {
      return [JSON.parse(readFileSync(join(dir, f), 'utf8'))];
    } catch {
      return [];
    }
  });
const runs = logs.flatMap((l) => l.runs ?? []);
const first = runs[0] ?? { tool: { driver: { name: 'voipnow', rules: [] } } };
const merged = {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  version: '2.1.0',
  runs: [
    { ...first, results: runs.flatMap((r) => r.results ?? []), artifacts: runs.flatMap((r) => r.artifacts ?? []) },
  ],
};
process.stdout.write(JSON.stringify(merged, null, 2) + '\n');
