import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { configJsonSchema } from '../src/team-config/schema.js';
import { topologyJsonSchema } from '../src/topology/schema.js';

it('the committed JSON Schema is the one the zod schema produces (run `npm run schema` after changing it)', () => {
  const committed = JSON.parse(readFileSync(new URL('../schema/topology.schema.json', import.meta.url), 'utf8'));
  expect(committed).toEqual(topologyJsonSchema());
});

it('every example names the schema for editors', () => {
  for (const file of ['small', 'medium', 'large']) {
    const text = readFileSync(new URL(`../examples/${file}.yaml`, import.meta.url), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/topology.schema.json');
  }
});

it('the committed configuration JSON Schema is the one the zod schema produces (`npm run schema`)', () => {
  const committed = JSON.parse(readFileSync(new URL('../schema/config.schema.json', import.meta.url), 'utf8'));
  expect(committed).toEqual(configJsonSchema(RULES));
});
