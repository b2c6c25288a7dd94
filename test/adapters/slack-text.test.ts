import { describe, expect, it } from 'vitest';
import { renderSlack } from '../../adapters/slack/blocks.js';
import { decodeSlackText, escapeMrkdwn, preformattedText } from '../../adapters/slack/text.js';
import { PINGS, slackEncode } from '../support/fake-slack.js';

describe('Slack text', () => {
  it('decodes what Slack delivers back to what was typed; people and channels stay references', () => {
    expect(
      decodeSlackText(
        'sip &amp; pbx &lt;x&gt; <http://db.example.com|db.example.com> <https://x.io/a> <mailto:ops@example.com|ops@example.com> <@U1> <#C1|infra> <!channel> <!subteam^S1|@oncall>',
      ),
    ).toBe('sip & pbx <x> db.example.com https://x.io/a ops@example.com <@U1> <#C1|infra> @channel @oncall');
    const typed = 'what if sip & pbx at db.example.com fail? mail ops@example.com';
    expect(decodeSlackText(slackEncode(typed))).toBe(typed);
  });

  it('escapes user text but keeps the mentions the bot writes itself', () => {
    expect(escapeMrkdwn('a & b <!channel> <!here|here> <@U-admin> <#C1|infra> <!subteam^S1>')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;!here|here&gt; <@U-admin> <#C1|infra> <!subteam^S1>',
    );
  });

  it('reads a pasted topology from rich_text_preformatted', () => {
    expect(
      preformattedText([
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'check' }] },
            {
              type: 'rich_text_preformatted',
              elements: [
                { type: 'text', text: 'name: a\nhost: ' },
                { type: 'link', url: 'http://db.example.com', text: 'db.example.com' },
              ],
            },
          ],
        },
      ]),
    ).toBe('name: a\nhost: db.example.com');
    expect(preformattedText(undefined)).toBeUndefined();
  });

  it('no rendered part, code included, carries a live ping or unescaped markup from the reply', () => {
    const hostile = '<!channel> & <!here>';
    const messages = renderSlack({
      title: hostile,
      verdict: 'info',
      summary: hostile,
      text: hostile,
      fields: [{ label: hostile, value: hostile }],
      sections: [{ heading: hostile, items: [{ text: hostile, detail: hostile }] }],
      code: [{ language: 'yaml', text: `${hostile}\n`.repeat(400) }],
    });
    for (const m of messages) {
      expect(m.text).not.toMatch(PINGS);
      // Plain text (headers) is shown as typed and never parsed for pings; mrkdwn is.
      for (const b of m.blocks.filter((x) => x.type !== 'header')) expect(JSON.stringify(b)).not.toMatch(PINGS);
      for (const b of m.blocks) expect(JSON.stringify(b).length).toBeLessThan(3200);
    }
  });
});
