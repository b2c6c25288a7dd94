import { parseTopologyCached } from '../src/engine/memo.js';
import { StoreError } from '../src/store/topology-store.js';
import type { CommandContext } from './command.js';
import { UserError } from './command.js';

export interface Source {
  text: string;
  /** How the reply names where the topology came from (file name, `prod v3`). */
  label: string;
  /** The previous version, when there is one: the baseline of the lifetime rules. */
  baseline?: { text: string; label: string };
  stored?: { name: string; version: number };
}

const HOW = 'attach a topology file, paste it in a ``` code block, or name a stored one (`topology list`)';

/** Rethrows store errors as the user-facing kind. */
export async function fromStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * The topology a command works on: the attachment or paste if any (with the stored version of the
 * same name as baseline), else the named stored topology (with its previous version), else the
 * tenant's only stored topology.
 */
export async function resolveSource(ctx: CommandContext, name: string | undefined): Promise<Source> {
  if (ctx.attachment) {
    const parsed = parseTopologyCached(ctx.attachment.content, { maxBytes: ctx.maxBytes });
    const storedName = name ?? (parsed.ok ? parsed.topology.name : undefined);
    const latest = storedName ? await fromStore(() => ctx.store.latest(storedName)) : undefined;
    if (latest) {
      return {
        text: ctx.attachment.content,
        label: ctx.attachment.name,
        baseline: { text: latest.text, label: `${latest.name} v${latest.version} (stored)` },
      };
    }
    return { text: ctx.attachment.content, label: ctx.attachment.name };
  }
  if (!name) {
    const all = await fromStore(() => ctx.store.list());
    if (all.length === 1) name = all[0]!.name;
    else
      throw new UserError(
        `Which topology? ${HOW}.`,
        all.length ? `Stored here: ${all.map((t) => t.name).join(', ')}` : undefined,
      );
  }
  const { latest, previous } = await fromStore(() => ctx.store.latestPair(name));
  return {
    text: latest.text,
    label: `${name} v${latest.version}`,
    stored: { name: latest.name, version: latest.version },
    ...(previous ? { baseline: { text: previous.text, label: `${name} v${previous.version}` } } : {}),
  };
}
