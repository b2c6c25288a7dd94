import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const pkg = JSON.parse(read('package.json')) as { name: string; bin: Record<string, string> };

/** Every `voipnow check … --flag` the integration runs, with the flags the CLI's usage lists. */
async function flagsUnknownToTheCli(text: string): Promise<string[]> {
  const usage = (await runCli(['--help'])).stdout;
  const used = [...text.matchAll(/voipnow check [^\n]*/g)].flatMap((m) => m[0].match(/--[a-z-]+/g) ?? []);
  expect(used.length).toBeGreaterThan(0);
  return used.filter((flag) => !usage.includes(flag));
}

describe('CI integrations', () => {
  it('the GitHub Action is a composite action that runs the published CLI and uploads SARIF', async () => {
    const text = read('action.yml');
    const action = parse(text) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { uses?: string; run?: string }[] };
    };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['files', 'fail-on']));
    expect(action.runs.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(text).toContain(`--package "${pkg.name}@`);
    expect(Object.keys(pkg.bin)).toContain('voipnow');
    expect(await flagsUnknownToTheCli(text)).toEqual([]);
  });

  it('the GitLab CI template and the pre-commit hook parse and call existing CLI flags', async () => {
    const gitlab = read('ci/gitlab/voipnow.gitlab-ci.yml');
    const job = (parse(gitlab) as Record<string, { script: string[]; artifacts: { reports: { junit: string } } }>)[
      'voipnow-check'
    ]!;
    expect(job.artifacts.reports.junit).toBe('voipnow-*.xml');
    expect(gitlab).toContain(`--package "${pkg.name}@`);
    expect(await flagsUnknownToTheCli(gitlab)).toEqual([]);

    const hooks = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string }[];
    expect(hooks.map((h) => h.id)).toEqual(['voipnow-check']);
    expect(hooks[0]!.language).toBe('node');
    expect(await flagsUnknownToTheCli(hooks[0]!.entry)).toEqual([]);
  });

  it('the README names the published package in its npx lines', () => {
    const lines = read('README.md')
      .split('\n')
      .filter((l) => /\bnpx\b.*\bvoipnow\b/.test(l) && !l.includes('npx voipnow schema'));
    const outside = lines.filter((l) => l.includes('--package'));
    expect(outside.length).toBeGreaterThan(0);
    for (const line of outside) expect(line).toContain(`--package ${pkg.name}`);
  });

  it("the action's SARIF merge makes one run holding every file's results", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sarif-'));
    let expected = 0;
    for (const [n, file] of ['examples/broken/high-availability.yaml', 'examples/broken/waivers.yaml'].entries()) {
      const run = await runCli(['check', file, '--format', 'sarif']);
      expected += (JSON.parse(run.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results.length;
      writeFileSync(join(dir, `${n}.sarif`), run.stdout);
    }
    const merged = JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(new URL('ci/merge-sarif.mjs', root)), dir], { encoding: 'utf8' }),
    ) as { runs: { results: unknown[]; tool: { driver: { name: string } } }[] };
    expect(merged.runs).toHaveLength(1);
    expect(merged.runs[0]!.results).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
  });
});
