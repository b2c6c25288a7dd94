import { REST } from '@discordjs/rest';
import { describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { renderReplyText } from '../../adapters/shell/render.js';
import type { Reply } from '../../src/reply/document.js';
import { showTimes, timeText, utcTime } from '../../src/reply/time.js';

const at = new Date('2026-11-26T03:30:00Z');
const reply: Reply = {
  title: 'History of prod',
  verdict: 'info',
  summary: `📄 prod v2, saved by U1 ${timeText(at)}`,
  sections: [{ heading: 'Versions', items: [{ text: 'v2 by U1', detail: timeText(at) }] }],
};

describe('times in replies', () => {
  it('Discord shows each moment as <t:UNIX:F>, in the reader’s time zone', () => {
    const port = new DiscordPort(new REST({ api: 'http://127.0.0.1:9', version: '10' }).setToken('fake'));
    const shown = JSON.stringify(port.render(reply));
    expect(shown).toContain(`<t:${at.getTime() / 1000}:F>`);
    expect(shown).not.toContain('\u2063');
  });

  it('text without a reader’s time zone (shell, records) says UTC', () => {
    expect(showTimes(renderReplyText(reply), utcTime)).toContain('2026-11-26 03:30 UTC');
  });
});
