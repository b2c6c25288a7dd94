import { REST } from '@discordjs/rest';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { slackClients } from '../../adapters/slack/client.js';
import { SlackPort } from '../../adapters/slack/port.js';
import { CHART_NODES } from '../../src/diagram/chart.js';
import { boundedPictures } from '../../src/diagram/picture.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import type { ReplyPort } from '../../src/reply/port.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { chatJob } from '../support/chat-job.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { liveSeries, liveYaml, NOW, RANGE } from '../support/monitoring-scenario.js';
import { decodePng } from '../support/png.js';
import { LocalPrometheus, prometheusMissing } from '../support/prometheus.js';
import { waitUntil } from '../support/redis.js';

const missing = prometheusMissing();

describe.skipIf(missing !== undefined)(
  'chat: sizing from live figures carries the utilisation chart',
  { timeout: 60_000 },
  () => {
    let prom: LocalPrometheus;
    let slack: FakeSlack;
    let discord: FakeDiscordRest;
    let runtime: ChatRuntime;
    const pictures = boundedPictures({ timeoutMs: 60_000 });

    beforeAll(async () => {
      prom = await LocalPrometheus.start(liveSeries(), RANGE);
      slack = await FakeSlack.start();
      discord = await FakeDiscordRest.start();
      const ports = (redis: Redis, name: string) =>
        new Map<string, ReplyPort>([
          [
            'slack',
            new SlackPort(
              slackClients('xoxb-fake-bot-token', slack.apiUrl),
              new PostPacer(redis, `${name}:replies`, { channelIntervalMs: 1 }),
            ),
          ],
          ['discord', new DiscordPort(new REST({ api: discord.apiUrl, version: '10' }).setToken('fake-discord-token'))],
        ]);
      runtime = await startChatRuntime('chart-chat', ports, { pictures, now: () => NOW });
      for (const tenant of ['slack:T1', 'discord:G1']) {
        const store = runtime.store.forTenant(tenant);
        await store.save('live', liveYaml(), 'U1');
        await store.settings().save({ rules: {}, monitoring: { prometheus: prom.url } }, 'U1');
      }
    }, 120_000);

    afterAll(async () => {
      await runtime?.stop();
      await pictures.thread.close();
      await slack?.close();
      await discord?.close();
      await prom?.stop();
    });

    function send(text: string, id: string, target: ReplyTarget) {
      return runtime.producer.enqueue({ ...chatJob(text, id, undefined, target.tenant), target });
    }

    it('Slack: the chart is uploaded in the sizing thread with files.uploadV2 and alt text', async () => {
      const target = { platform: 'slack', tenant: 'slack:T1', channel: 'C-chart', requester: 'U1' } as const;
      await send('sizing live', 'chart-slack-1', target);
      await waitUntil(() => slack.uploads.some((u) => u.channel === 'C-chart'), 45_000, 'the chart upload');
      const upload = slack.uploads.find((u) => u.channel === 'C-chart')!;
      const parent = slack.messages.find((m) => m.channel === 'C-chart' && !m.thread_ts)!;
      expect(upload.thread_ts).toBe(parent.ts);
      expect(upload.filename).toBe('clean-utilisation.png');
      expect(upload.alt_text).toMatch(
        new RegExp(`^Chart of CPU, memory and disk utilisation of clean over 7d, ${CHART_NODES} of 16 nodes`),
      );
      expect(upload.alt_text).toContain('p95 at or above 90 %: sql-1');
      expect(decodePng(upload.bytes).width).toBe(2000);
      // The text answer is in the thread too.
      expect(
        slack.messages.some((m) => m.thread_ts === parent.ts && JSON.stringify(m.blocks).includes('Sizing of clean')),
      ).toBe(true);
    });

    it('Discord: the chart is an attachment shown in the sizing embed', async () => {
      const channel = discord.guild.channels[0]!.id;
      const target = { platform: 'discord', tenant: 'discord:G1', channel, requester: 'U1' } as const;
      await send('sizing live', 'chart-discord-1', target);
      await waitUntil(
        () => discord.messages.some((m) => m.uploads?.some((u) => u.name === 'clean-utilisation.png')),
        45_000,
        'the chart',
      );
      const posted = discord.messages.find((m) => m.uploads?.some((u) => u.name === 'clean-utilisation.png'))!;
      const file = posted.uploads!.find((u) => u.name === 'clean-utilisation.png')!;
      expect(file.contentType).toBe('image/png');
      expect(decodePng(file.bytes).width).toBe(2000);
      expect(posted.embeds?.[0]?.image?.url).toBe('attachment://clean-utilisation.png');
      expect(posted.attachments?.[0]?.description).toContain('Chart of CPU, memory and disk utilisation of clean');
      expect(discord.threads.has(posted.channel_id)).toBe(true);
    });

    it('one rendering thread draws every chart', () => {
      expect(pictures.thread.threadsStarted).toBe(1);
    });
  },
);
