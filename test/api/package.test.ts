import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');

// The consumer lives below the repository's node_modules, so the package's own dependencies (zod…)
// resolve from there as an installed package's would; the package itself comes from the tarball.
let consumer: string;

const PLUGIN = (messageId: string) => `import { createRule, type Report } from 'voipnow-chatops';

type Ids = 'noZone';
export default createRule<Record<string, never>, Ids>({
  meta: {
    id: 'ACME301', severity: 'warning', title: 'Nodes declare a zone', family: 'custom', seed: '-',
    remediation: 'Set zone on the node.', messages: { noZone: 'node {{node}} declares no zone' },
  },
  check(ctx): Report<Ids>[] {
    return ctx.nodes.filter((n) => !n.zone).map((n) => ({ messageId: '${messageId}', node: n.name, data: { node: n.name } }));
  },
});
`;

/** Runs a command; its output whether it succeeds or fails (tsc exits 2 on type errors). */
async function output(file: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: (e.stdout ?? '') + (e.stderr ?? '') };
  }
}

describe('the published package', () => {
  let files: string[];

  beforeAll(async () => {
    // The declarations are what the test is about: build them (the JavaScript is built by `pretest`).
    const built = await output(process.execPath, [tsc, '-p', 'tsconfig.api.json'], repo);
    expect(built.out).toBe('');
    mkdirSync(join(repo, 'node_modules/.cache'), { recursive: true });
    consumer = mkdtempSync(join(repo, 'node_modules/.cache/voipnow-api-'));
    const packed = await output('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', consumer], repo);
    expect(packed.code, packed.out).toBe(0);
    const [info] = JSON.parse(packed.out.slice(packed.out.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = info!.files.map((f) => f.path);
    const target = join(consumer, 'node_modules/voipnow-chatops');
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', join(consumer, info!.filename), '-C', target, '--strip-components=1']);
  }, 240_000);

  afterAll(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it('holds the API entry with its declarations and the schemas its exports name', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/src/api.js',
        'dist/src/api.d.ts',
        'dist/src/engine/rule.d.ts',
        'schema/config.schema.json',
      ]),
    );
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/voipnow-chatops/package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(manifest.exports['.']).toEqual({ types: './dist/src/api.d.ts', default: './dist/src/api.js' });
  });

  it('type-checks a plugin against the declarations, and the compiler rejects an unknown message id', async () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          // The plugin is checked against the declarations; checking zod's own is not this test's job.
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['good.ts', 'bad.ts'],
      }),
    );
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'acme-rules', type: 'module' }));
    writeFileSync(join(consumer, 'good.ts'), PLUGIN('noZone'));
    writeFileSync(join(consumer, 'bad.ts'), PLUGIN('noZones'));
    const checked = await output(process.execPath, [tsc, '-p', 'tsconfig.json'], consumer);
    const errors = checked.out.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors, checked.out).toHaveLength(1);
    // The wrong id is the error, whether tsc reports it at the literal or at the array it is in.
    expect(errors[0]).toMatch(
      /^bad\.ts\(\d+,\d+\): error TS2322: Type .*"noZones".* is not assignable to type .*"noZone"/,
    );
  }, 120_000);

  it('is imported by its name and its CLI runs the TypeScript plugin', async () => {
    writeFileSync(
      join(consumer, 'probe.mjs'),
      `import { createRequire } from 'node:module';
import { createRule, RULES, checkText } from 'voipnow-chatops';
const rule = createRule({ meta: { id: 'X001', severity: 'info', title: 't', family: 'custom', seed: '-', remediation: 'r', messages: { m: 'x' } }, check: () => [] });
const schema = createRequire(import.meta.url).resolve('voipnow-chatops/schema/config.schema.json');
console.log(JSON.stringify({ rules: RULES.length, defaults: rule.defaultOptions, check: typeof checkText, schema: schema.endsWith('config.schema.json') }));
`,
    );
    const probe = await output(process.execPath, ['probe.mjs'], consumer);
    expect(probe.code, probe.out).toBe(0);
    expect(JSON.parse(probe.out)).toMatchObject({ defaults: {}, check: 'function', schema: true });
    expect(JSON.parse(probe.out).rules).toBeGreaterThan(40);
    writeFileSync(join(consumer, '.voipnow.yaml'), "plugins: ['./good.ts']\n");
    const cli = join(consumer, 'node_modules/voipnow-chatops/dist/src/bin/voipnow.js');
    const listed = await output(process.execPath, [cli, 'rules'], consumer);
    expect(listed.out).toMatch(/^ACME301 +warning +Nodes declare a zone$/m);
  }, 60_000);
});
