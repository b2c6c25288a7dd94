import { expect, it } from 'vitest';
import { checkText } from '../src/engine/check.js';
import { cleanTopology, toYaml } from './support/topology.js';

it('the clean test topology is valid and raises nothing, so every rule test starts from zero', () => {
  const result = checkText(toYaml(cleanTopology()));
  expect(result.findings).toEqual([]);
  expect(result.valid).toBe(true);
});
