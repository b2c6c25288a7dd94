import audit from './audit.js';
import check from './check.js';
import config from './config.js';
import diagram from './diagram.js';
import type { Command } from './command.js';
import { createHelp } from './help.js';
import resilience from './resilience.js';
import rules from './rules.js';
import sizing from './sizing.js';
import topology from './topology.js';
import whatif from './whatif.js';

/** The one command set every adapter uses. */
export const COMMANDS: readonly Command<never>[] = [
  check,
  whatif,
  resilience,
  sizing,
  diagram,
  topology,
  audit,
  rules,
  config,
] as unknown as Command<never>[];
export const help = createHelp(() => ALL);
const ALL: readonly Command<never>[] = [...COMMANDS, help as unknown as Command<never>];

export function commandByName(name: string): Command<never> | undefined {
  const key = name.toLowerCase();
  return ALL.find((c) => c.name === key || c.aliases?.includes(key));
}

export function allCommands(): readonly Command<never>[] {
  return ALL;
}
