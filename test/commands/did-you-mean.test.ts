import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../commands/invocation.js';

describe('a mistyped command', () => {
  it.each([
    ['chek prod', 'check'],
    ['sizng prod', 'sizing'],
    ['rlues HA001', 'rules'],
    ['topolgy list', 'topology'],
  ])('%s → did you mean `%s`?', (typed, meant) => {
    const i = parseInvocation(typed);
    expect(i.command).toBe('help');
    expect((i.input as { problem: string }).problem).toBe(
      `I don't know \`${typed.split(' ')[0]}\`; did you mean \`${meant}\`?`,
    );
  });

  it('words far from every command are not guessed at', () => {
    const i = parseInvocation('bananas forever');
    expect((i.input as { problem: string }).problem).toMatch(/^I didn't understand/);
  });
});
