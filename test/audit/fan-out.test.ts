import { REST } from '@discordjs/rest';
import { afterAll, describe, expect, it } from 'vitest';
import { DiscordPort } from '../../adapters/discord/port.js';
import { slackClients } from '../../adapters/slack/client.js';
import { SlackPort } from '../../adapters/slack/port.js';
import { auditIdFor, type AuditSpec } from '../../src/audit/audit-spec.js';
import { PostPacer } from '../../src/reply/post-pacer.js';
import type { ReplyTarget } from '../../src/reply/target.js';
import { startChatRuntime, type ChatRuntime } from '../support/chat-runtime.js';
import { FakeDiscordRest } from '../support/fake-discord.js';
import { FakeSlack } from '../support/fake-slack.js';
import { waitUntil } from '../support/redis.js';
import { cleanTopology } from '../support/topology.js';
import { stringify } from 'yaml';

const INTERVAL = 1000;
const CEILING = 40;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The most admissions in any window of `ms` (sliding, as the platforms count). */
function mostIn(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * The pacer's admission decisions, timed on its own clock (Redis's): what the limits are about.
 * Arrival times at a fake would add the machine's scheduling delays, which say nothing about pacing.
 */
function admissions() {
  const admitted: { channel: string; at: number }[] = [];
  const onAdmit = (_platform: string, channel: string, at: number) => admitted.push({ channel, at });
  const measure = () => {
    const byChannel = new Map<string, number[]>();
    for (const a of admitted) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), a.at]);
    const times = admitted.map((a) => a.at);
    return {
      count: admitted.length,
      /** Most admissions to one channel within one interval: 1 when the channel limit holds. */
      perChannel: Math.max(...[...byChannel.values()].map((t) => mostIn(t, INTERVAL))),
      /** Most admissions to the platform in any one second. */
      platform: mostIn(times, 1000),
      span: Math.max(...times) - Math.min(...times),
      channels: byChannel.size,
    };
  };
  return { onAdmit, measure };
}

/** `count` audits spread over `channels` channels, all due at once (an interval's first run is now). */
async function scheduleMany(
  rt: ChatRuntime,
  tenant: string,
  platform: ReplyTarget['platform'],
  channels: string[],
  count: number,
): Promise<void> {
  const names = Array.from({ length: Math.ceil(count / channels.length) }, (_, i) => `prod-${i}`);
  for (const name of names)
    await rt.store.forTenant(tenant).save(name, stringify({ ...cleanTopology(), name }), 'U-admin');
  const audits = rt.audits!;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = names[Math.floor(i / channels.length)]!;
      const channel = channels[i % channels.length]!;
      const spec: AuditSpec = {
        id: auditIdFor(name, platform, channel),
        name,
        platform,
        channel,
        channelLabel: `#${channel}`,
        repeat: { every: 3_600_000 },
        scheduleText: 'every 1h',
        quiet: false,
        createdBy: 'U-admin',
        createdAt: new Date().toISOString(),
      };
      await audits.store.forTenant(tenant).put(spec);
      await audits.scheduler.upsert(tenant, spec);
    }),
  );
}

describe('fan-out of scheduled audits', () => {
  it('1,000 audits due in the same minute reach Slack within one post a second per channel and the platform ceiling', async () => {
    const fake = await FakeSlack.start();
    cleanups.push(() => fake.close());
    const paced = admissions();
    const rt = await startChatRuntime(
      'fan',
      (r, n) =>
        new Map([
          [
            'slack',
            new SlackPort(
              slackClients('xoxb-fake-bot-token', fake.apiUrl),
              new PostPacer(r, `${n}:replies`, { channelIntervalMs: INTERVAL }),
            ),
          ],
        ]),
      {
        audits: {
          pacing: { channelIntervalMs: INTERVAL, platformPerSecond: CEILING },
          pacer: { onAdmit: paced.onAdmit },
          concurrency: 32,
        },
      },
    );
    cleanups.push(() => rt.stop());
    const channels = Array.from({ length: 100 }, (_, i) => `C${String(i).padStart(4, '0')}`);
    await scheduleMany(rt, 'slack:T0001', 'slack', channels, 1000);
    const posts = () => fake.timeline.filter((m) => m.kind === 'parent' && m.text.includes('Audit of'));
    // Every run finished (the next ones are an hour away): nothing more can arrive.
    await waitUntil(
      async () => ((await rt.audits!.scheduler.queue.getJobCounts('completed')).completed ?? 0) >= 1000,
      300_000,
      '1,000 audit runs',
    );
    const measured = paced.measure();
    console.log(
      `slack fan-out: ${posts().length} posts in ${measured.channels} channels over ${measured.span} ms of pacer time; most per channel in any second ${measured.perChannel}; most per second overall ${measured.platform} (ceiling ${CEILING})`,
    );
    expect(posts()).toHaveLength(1000);
    expect(new Set(posts().map((p) => p.id)).size).toBe(1000);
    expect(measured.count).toBe(1000);
    expect(measured.channels).toBe(100);
    expect(measured.perChannel).toBe(1);
    expect(measured.platform).toBeLessThanOrEqual(CEILING);
    // The ceiling spreads 1,000 posts over at least 24 s of the pacer's clock, so it really paced.
    expect(measured.span).toBeGreaterThanOrEqual((1000 / CEILING - 1) * 1000);
  }, 360_000);

  it('on Discord too, and a channel the bot was removed from stops its audits with no retry loop', async () => {
    const fake = await FakeDiscordRest.start();
    cleanups.push(() => fake.close());
    const paced = admissions();
    const rt = await startChatRuntime(
      'fand',
      () =>
        new Map([
          ['discord', new DiscordPort(new REST({ api: fake.apiUrl, version: '10' }).setToken('fake-discord-token'))],
        ]),
      {
        audits: {
          pacing: { channelIntervalMs: INTERVAL, platformPerSecond: CEILING },
          pacer: { onAdmit: paced.onAdmit },
          concurrency: 32,
        },
      },
    );
    cleanups.push(() => rt.stop());
    const channels = Array.from({ length: 20 }, (_, i) => `${100 + i}`);
    await scheduleMany(rt, `discord:${fake.guild.id}`, 'discord', [...channels, '4030'], 105);
    const posts = () => fake.timeline.filter((m) => m.kind === 'parent' && m.text.includes('Audit of'));
    await waitUntil(
      async () => ((await rt.audits!.scheduler.queue.getJobCounts('completed')).completed ?? 0) >= 105,
      120_000,
      '105 audit runs',
    );
    await waitUntil(
      async () =>
        (await rt.audits!.store.forTenant(`discord:${fake.guild.id}`).list()).filter((s) => s.stopped).length === 5,
      60_000,
      'five stopped',
    );
    const measured = paced.measure();
    console.log(
      `discord fan-out: ${posts().length} posts in ${measured.channels} channels; most per channel in any second ${measured.perChannel}; most per second overall ${measured.platform}`,
    );
    expect(posts()).toHaveLength(100);
    expect(measured.perChannel).toBe(1);
    expect(measured.platform).toBeLessThanOrEqual(CEILING);
    const stopped = (await rt.audits!.store.forTenant(`discord:${fake.guild.id}`).list()).filter((s) => s.stopped);
    expect(stopped.every((s) => s.channel === '4030' && /Missing Access/.test(s.stopped!.reason))).toBe(true);
    expect(await rt.audits!.scheduler.queue.getJobSchedulersCount()).toBe(100);
  }, 240_000);
});
