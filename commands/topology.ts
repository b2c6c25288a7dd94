import { z } from 'zod';
import { timeText } from '../src/reply/time.js';
import { checkTextCached, parseTopologyCached } from '../src/engine/memo.js';
import { diffTopologies } from '../src/engine/topology-diff.js';
import type { Reply } from '../src/reply/document.js';
import { defineCommand, requireAdmin, UserError, type CommandContext } from './command.js';
import { checkReply, checkSections } from './render/check-reply.js';
import { fromStore } from './topology-source.js';
import type { Finding } from '../src/engine/finding.js';

/** A diff fails on a new error, warns on any other new finding. */
function diffVerdict(added: readonly Finding[]): 'pass' | 'warn' | 'fail' {
  if (added.some((f) => f.severity === 'error')) return 'fail';
  return added.length ? 'warn' : 'pass';
}

const name = z.string().min(1).max(64);
const version = z.coerce.number().int().positive();
const input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('save'), name: name.optional() }),
  z.object({ action: z.literal('list') }),
  z.object({ action: z.literal('show'), name, version: version.optional() }),
  z.object({ action: z.literal('history'), name }),
  z.object({ action: z.literal('diff'), name, from: version.optional(), to: version.optional() }),
  z.object({ action: z.literal('delete'), name }),
]);
type Input = z.infer<typeof input>;

const ACTIONS = ['save', 'list', 'show', 'history', 'diff', 'delete'] as const;
const v = (text: string | undefined) => text?.replace(/^v/i, '');

async function save(i: { name?: string }, ctx: CommandContext): Promise<Reply> {
  requireAdmin(ctx, 'save topologies');
  if (!ctx.attachment)
    throw new UserError(
      'Attach the topology file or paste it in a ``` code block to save it.',
      'Example: `topology save prod` with prod.yaml attached',
    );
  const parsed = parseTopologyCached(ctx.attachment.content, { maxBytes: ctx.maxBytes });
  if (!parsed.ok)
    return checkReply(
      checkTextCached(ctx.attachment.content, { maxBytes: ctx.maxBytes, config: await ctx.store.settings().engine() }),
      ctx.attachment.name,
      {
        title: 'Not saved: the topology is not valid',
      },
    );
  const target = i.name ?? parsed.topology.name;
  const previous = await fromStore(() => ctx.store.latest(target));
  const result = checkTextCached(ctx.attachment.content, {
    maxBytes: ctx.maxBytes,
    config: await ctx.store.settings().engine(),
    ...(previous ? { baselineText: previous.text } : {}),
    ...(ctx.today ? { today: ctx.today } : {}),
  });
  const saved = await fromStore(() => ctx.store.save(target, ctx.attachment!.content, ctx.requester));
  const reply = checkReply(result, `${target} v${saved.version}`, {
    title: `Saved ${target} v${saved.version}`,
    ...(previous ? { baseline: `${target} v${previous.version}` } : {}),
  });
  return {
    ...reply,
    summary: `💾 Saved ${target} v${saved.version} · ${reply.summary}`,
    actions: [
      { label: 'History', command: `topology history ${target}` },
      ...(previous ? [{ label: 'Diff with previous', command: `topology diff ${target}` }] : []),
    ],
  };
}

async function diff(i: { name: string; from?: number; to?: number }, ctx: CommandContext): Promise<Reply> {
  const order = await fromStore(() => ctx.store.versions(i.name));
  const to = i.to ?? order[order.length - 1]!;
  const from = i.from ?? order[order.indexOf(to) - 1];
  if (from === undefined) throw new UserError(`${i.name} has only one version; there is nothing to compare yet.`);
  const [a, b] = await Promise.all([
    fromStore(() => ctx.store.get(i.name, from)),
    fromStore(() => ctx.store.get(i.name, to)),
  ]);
  const pa = parseTopologyCached(a.text, { maxBytes: ctx.maxBytes });
  const pb = parseTopologyCached(b.text, { maxBytes: ctx.maxBytes });
  if (!pa.ok || !pb.ok)
    throw new UserError(
      `v${pa.ok ? to : from} of ${i.name} no longer parses; check it with \`topology show ${i.name} v${pa.ok ? to : from}\`.`,
    );
  const config = await ctx.store.settings().engine();
  const before = checkTextCached(a.text, { maxBytes: ctx.maxBytes, config });
  const after = checkTextCached(b.text, { maxBytes: ctx.maxBytes, baselineText: a.text, config });
  const d = diffTopologies(pa.topology, pb.topology, before.findings, after.findings);
  const changed = d.nodesAdded.length + d.nodesRemoved.length + d.nodesChanged.length;
  return {
    title: `${i.name}: v${from} → v${to}`,
    verdict: diffVerdict(d.findingsNew),
    summary: `🔀 ${i.name} v${from} → v${to}: ${changed} node change(s), ${d.findingsNew.length} new and ${d.findingsResolved.length} resolved finding(s)`,
    sections: [
      {
        heading: 'Nodes',
        items: [
          ...d.nodesAdded.map((n) => ({ text: `+ ${n.node} (${n.roles.join(', ')})` })),
          ...d.nodesRemoved.map((n) => ({ text: `− ${n.node} (${n.roles.join(', ')})` })),
          ...d.nodesChanged.map((c) => ({
            text: `~ ${c.node}: ${[...c.rolesAdded.map((r) => `+${r}`), ...c.rolesRemoved.map((r) => `−${r}`), ...c.fields].join('; ')}`,
          })),
          ...(changed === 0 ? [{ text: 'no node changed' }] : []),
        ],
      },
      ...checkSections(d.findingsNew, `${i.name} v${to}`).map((s) => ({ ...s, heading: `New: ${s.heading}` })),
      ...(d.findingsResolved.length
        ? [
            {
              heading: `Resolved (${d.findingsResolved.length})`,
              items: d.findingsResolved.map((f) => ({ text: `${f.rule} ${f.message}` })),
            },
          ]
        : []),
    ],
    fields: [{ label: 'Findings unchanged', value: String(d.findingsUnchanged) }],
  };
}

async function run(i: Input, ctx: CommandContext): Promise<Reply> {
  switch (i.action) {
    case 'save':
      return save(i, ctx);
    case 'list': {
      const all = await fromStore(() => ctx.store.list());
      return {
        title: 'Stored topologies',
        verdict: 'info',
        summary: `📚 ${all.length} stored topolog${all.length === 1 ? 'y' : 'ies'}`,
        ...(all.length === 0 ? { text: 'Nothing stored yet: `topology save NAME` with a file attached.' } : {}),
        sections: all.length
          ? [
              {
                heading: 'Topologies',
                items: all.map((t) => ({ text: `${t.name} (v${t.latest})`, detail: `updated ${t.updatedAt}` })),
              },
            ]
          : [],
      };
    }
    case 'show': {
      const stored = await fromStore(() => ctx.store.get(i.name, i.version));
      return {
        title: `${stored.name} v${stored.version}`,
        verdict: 'info',
        summary: `📄 ${stored.name} v${stored.version}, saved by ${stored.author} ${timeText(stored.savedAt)}`,
        code: [{ language: 'yaml', text: stored.text }],
        actions: [{ label: 'Check', command: `check ${stored.name}` }],
      };
    }
    case 'history': {
      const history = await fromStore(() => ctx.store.history(i.name));
      return {
        title: `History of ${i.name}`,
        verdict: 'info',
        summary: `🕘 ${i.name}: ${history.length} version(s)`,
        sections: [
          {
            heading: 'Versions',
            items: history
              .reverse()
              .map((h) =>
                h.unreadable
                  ? { text: `v${h.version}: ⚠️ unreadable, kept`, detail: h.unreadable }
                  : { text: `v${h.version} by ${h.author}`, detail: timeText(h.savedAt) },
              ),
          },
        ],
      };
    }
    case 'diff':
      return diff(i, ctx);
    case 'delete': {
      requireAdmin(ctx, 'delete topologies');
      if (!(await fromStore(() => ctx.store.delete(i.name))))
        throw new UserError(`No topology named "${i.name}" here; \`topology list\` shows the saved ones.`);
      return { title: `Deleted ${i.name}`, verdict: 'info', summary: `🗑️ Deleted ${i.name} and its history` };
    }
  }
}

export default defineCommand<Input>({
  name: 'topology',
  aliases: [...ACTIONS],
  summary: 'Store topologies by name, with every save a version',
  usage: 'topology save NAME | list | show NAME [vN] | history NAME | diff NAME [vA vB] | delete NAME',
  examples: [
    'topology save prod  (with prod.yaml attached)',
    'topology list',
    'topology show prod v2',
    'topology diff prod v1 v3',
  ],
  input,
  parse(args) {
    const [action = 'list', first, second, third] = args.trim().split(/\s+/).filter(Boolean);
    const act = action.toLowerCase();
    if (act === 'save') {
      const target = [first, second, third].find((w) => w && !/^(this|it|as|file)$/i.test(w));
      return { action: 'save', ...(target ? { name: target } : {}) };
    }
    if (act === 'show') return { action: 'show', name: first, ...(second ? { version: v(second) } : {}) };
    if (act === 'diff')
      return {
        action: 'diff',
        name: first,
        ...(second ? { from: v(second) } : {}),
        ...(third ? { to: v(third) } : {}),
      };
    return { action: act, name: first };
  },
  pending: (i) => {
    const name = 'name' in i && i.name ? i.name : 'the topology';
    const words = {
      save: `Saving ${name}…`,
      list: 'Listing stored topologies…',
      show: `Fetching ${name}…`,
      history: `Reading the history of ${name}…`,
      diff: `Comparing versions of ${name}…`,
      delete: `Deleting ${name}…`,
    };
    return words[i.action];
  },
  run,
});

export const TOPOLOGY_ACTIONS = ACTIONS;
