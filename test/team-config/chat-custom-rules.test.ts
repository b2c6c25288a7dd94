import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordPort } from '../../adapters/record/port.js';
import { loadEnv } from '../../src/config/env.js';
import { operatorConfigFrom } from '../../src/runtime/operator-config.js';
import { loadOperatorConfig } from '../../src/team-config/operator.js';
import { chatJob } from '../support/chat-job.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { waitUntil } from '../support/redis.js';
import { cleanTopology } from '../support/topology.js';

// The operator's plugin, in TypeScript, written with the package's typed API.
const ZONE_PLUGIN = `import { createRule } from 'voipnow-chatops';
export default createRule<Record<string, never>, 'noZone'>({
  meta: {
    id: 'OPS001', severity: 'info', title: 'Nodes declare a zone', family: 'custom', seed: 'The operator requires zones.',
    remediation: 'Set zone on the node.', messages: { noZone: 'node {{node}} declares no zone' },
  },
  check: (ctx) => ctx.nodes.filter((n) => !n.zone).map((n) => ({ messageId: 'noZone', node: n.name, data: { node: n.name } })),
});
`;

const POLICY =
  'config set policy {id: TEAM001, kind: min-nodes, role: web, count: 3, title: Three web nodes, remediation: Add a web node}';

const dirs: string[] = [];

function operatorDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'voipnow-operator-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

let rt: ChatRuntime;
let record: RecordPort;
let n = 0;

beforeAll(async () => {
  const dir = operatorDir({ 'zone.ts': ZONE_PLUGIN, '.voipnow.yaml': "plugins: ['./zone.ts']\n" });
  const operator = await loadOperatorConfig(join(dir, '.voipnow.yaml'));
  rt = await startChatRuntime(
    'custom',
    (redis, name) => {
      record = new RecordPort(redis, `${name}:rec`);
      return new Map([['test', record]]);
    },
    { audits: {}, operator },
  );
});
afterAll(async () => {
  await rt.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Sends a chat line as the loopback platform would; the text of what it answered. */
async function say(text: string, options: { tenant?: string; file?: string } = {}): Promise<string> {
  const requestId = `req-${++n}-x`;
  const attachment = options.file === undefined ? undefined : { name: '.voipnow.yaml', content: options.file };
  const { jobId } = await rt.producer.enqueue(chatJob(text, requestId, attachment, options.tenant ?? 'test:T1'));
  await waitUntil(
    async () => ['completed', 'failed'].includes(await rt.queue.getJobState(jobId)),
    10_000,
    `job for "${text}"`,
  );
  const all = await record.messages();
  // The parent message is updated with the answer's summary: updates carry its id, not the request's key.
  const ids = new Set(all.filter((m) => m.key?.startsWith(requestId)).map((m) => m.id));
  return all
    .filter((m) => ids.has(m.id))
    .map((m) => m.text)
    .join('\n');
}

describe('custom rules in chat', () => {
  it("a team's policies and the operator's plugin run in that team's checks, rules and configuration only", async () => {
    expect(await say(POLICY, { tenant: 'test:T1' })).toContain('Saved configuration v1: policies TEAM001');
    // Code is never taken from chat: an import that names a plugin is refused in one line.
    const refused = await say('config import', { file: "plugins: ['./evil.js']\n" });
    expect(refused).toContain("come only from the operator's server configuration (VOIPNOW_CONFIG), never from chat");
    const bad = await say('config set policy {id: TEAM002, kind: min-nodes, role: web}');
    expect(bad).toMatch(/That policy was not saved: title is missing\./);

    const listed = await say('rules');
    expect(listed).toMatch(/rules \(2 custom\)/);
    expect(listed).toContain('TEAM001 (warning) Three web nodes');
    expect(listed).toContain('OPS001 (info) Nodes declare a zone');
    expect(await say('rules TEAM001')).toContain('Add a web node');
    const other = await say('rules', { tenant: 'test:T2' });
    expect(other).toContain('OPS001');
    expect(other).not.toContain('TEAM001');

    await say('topology save prod', { file: stringify({ ...cleanTopology(), name: 'prod' }) });
    const mine = await say('check prod');
    expect(mine).toContain('2 node(s) run web; at least 3 are required');
    expect(mine).toContain('OPS001');
    await say('topology save prod', { file: stringify({ ...cleanTopology(), name: 'prod' }), tenant: 'test:T2' });
    const theirs = await say('check prod', { tenant: 'test:T2' });
    expect(theirs).toContain('OPS001');
    expect(theirs).not.toContain('TEAM001');

    // A whole configuration imported from a file replaces the team's rules and policies, as one version.
    const imported = await say('config import', {
      file: stringify({
        rules: { OPS001: 'off' },
        policies: [
          { id: 'TEAM003', kind: 'max-roles-per-node', max: 9, title: 'Few roles', remediation: 'Split roles.' },
        ],
      }),
    });
    expect(imported).toContain('Saved configuration v2: OPS001 off; policies TEAM003');
    const shown = await say('config show');
    expect(shown).toContain('TEAM003 (max-roles-per-node, warning) Few roles');
    expect(shown).toContain('custom rules OPS001');
    const after = await say('check prod');
    expect(after).not.toContain('OPS001');
    expect(after).not.toContain('TEAM001');
  });

  it('reach scheduled audits of that team only, named in the audit posts', async () => {
    // Each team audits its own topology name: posts are told apart by it.
    const teams = [
      { tenant: 'test:T3', name: 'alpha' },
      { tenant: 'test:T4', name: 'beta' },
    ];
    await say(POLICY, { tenant: teams[0]!.tenant });
    for (const { tenant, name } of teams) {
      await say(`topology save ${name}`, { file: stringify({ ...cleanTopology(), name }), tenant });
      await say(`audit schedule ${name} every 1s`, { tenant });
    }
    const posted = async (name: string) => {
      const all = await record.messages();
      const parents = all.filter((m) => m.kind === 'parent' && m.text.includes(`Audit of ${name} v1`));
      return [...parents, ...all.filter((m) => m.kind === 'message' && parents.some((p) => p.id === m.thread))]
        .map((m) => m.text)
        .join('\n');
    };
    for (const { name } of teams)
      await waitUntil(async () => (await posted(name)).includes('OPS001'), 15_000, `audit of ${name} with details`);
    expect(await posted('alpha')).toContain('TEAM001');
    expect(await posted('beta')).not.toContain('TEAM001');
  });
});

describe('the operator configuration (VOIPNOW_CONFIG)', () => {
  it('is validated at start-up: a broken plugin stops it with one line naming the file and the plugin', async () => {
    const dir = operatorDir({ 'bad.ts': 'export default { rules: [ ;', '.voipnow.yaml': "plugins: ['./bad.ts']\n" });
    const env = loadEnv({ VOIPNOW_CONFIG: join(dir, '.voipnow.yaml') });
    const error = await operatorConfigFrom(env).catch((e: unknown) => e);
    expect((error as Error).message.split('\n')).toEqual([
      'VOIPNOW_CONFIG is not a valid configuration:',
      expect.stringMatching(/\.voipnow\.yaml:1:\d+: plugin \.\/bad\.ts: failed to load: /),
    ]);
    expect(await operatorConfigFrom(loadEnv({}))).toBeUndefined();
  });
});
