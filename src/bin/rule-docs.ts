#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { rulePage } from '../docs/rule-page.js';
import { RULES } from '../rules/index.js';

// Writes docs/rules/ID.md for every built-in rule; a test fails when a committed page is stale.
const dir = new URL('../../../docs/rules/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const rule of RULES) writeFileSync(new URL(`${rule.meta.id}.md`, dir), rulePage(rule));
process.stdout.write(`${RULES.length} rule pages written to docs/rules/\n`);
