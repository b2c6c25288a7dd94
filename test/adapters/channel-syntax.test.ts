import { describe, expect, it } from 'vitest';
import { CHANNEL_SYNTAX, PLATFORMS } from '../../adapters/platforms.js';

/** What each registered platform reads as a channel, and how it names the one a request came from. */
const CASES: Record<string, { ref: string; channel?: string; label?: string }[]> = {
  slack: [
    { ref: '<#C123|infra>', channel: 'C123', label: '#infra' },
    { ref: '#infra', channel: '#infra', label: '#infra' },
    { ref: 'not a channel' },
  ],
  discord: [{ ref: '<#123456>', channel: '123456', label: '<#123456>' }, { ref: '#infra' }],
  shell: [{ ref: 'infra', channel: 'infra', label: '#infra' }, { ref: '<#C1>' }],
};
const HERE: Record<string, string> = { slack: '<#C9>', discord: '<#C9>', shell: 'the terminal' };

describe('channel references, per registered platform', () => {
  it('every listed platform and the shell register a syntax', () => {
    expect([...CHANNEL_SYNTAX.keys()].sort()).toEqual([...PLATFORMS.map((p) => p.id), 'shell'].sort());
  });

  describe.each([...CHANNEL_SYNTAX])('%s', (id, syntax) => {
    it.each(CASES[id]!)('$ref', ({ ref, channel, label }) => {
      const parsed = syntax.parse(ref);
      if (channel) expect(parsed).toEqual({ channel, label });
      else expect(parsed).toMatchObject({ problem: expect.stringContaining(ref) as string });
    });
    it('names the channel a request came from', () => expect(syntax.label('C9')).toBe(HERE[id]));
  });
});
