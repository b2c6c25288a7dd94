import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadEnv } from '../../src/config/env.js';

describe('configuration', () => {
  it('has defaults for everything but secrets', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_NAME: 'voipnow',
      WORKER_CONCURRENCY: 16,
      MAX_TOPOLOGY_BYTES: 1048576,
      START_REDIS: true,
    });
    expect(env.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('stops on a bad value, naming the variable and why', () => {
    expect(() => loadEnv({ WORKER_CONCURRENCY: '0', REDIS_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadEnv({ WORKER_CONCURRENCY: '0', REDIS_URL: 'not a url' });
    } catch (error) {
      expect((error as Error).message).toMatch(/WORKER_CONCURRENCY: .*got "0"/);
      expect((error as Error).message).toMatch(/REDIS_URL: /);
    }
  });

  it('an interval of 0 or settings that contradict each other stop start-up, naming the variable', () => {
    expect(() => loadEnv({ SLACK_CHANNEL_INTERVAL_MS: '0' })).toThrow(/SLACK_CHANNEL_INTERVAL_MS: .*got "0"/);
    expect(() => loadEnv({ AUDIT_CHANNEL_INTERVAL_MS: '0' })).toThrow(/AUDIT_CHANNEL_INTERVAL_MS: .*got "0"/);
    expect(() => loadEnv({ AUDIT_BACKOFF_MS: '60000', AUDIT_MAX_BACKOFF_MS: '1000' })).toThrow(
      /AUDIT_MAX_BACKOFF_MS: must be at least AUDIT_BACKOFF_MS/,
    );
    expect(() => loadEnv({ LOCK_DURATION_MS: '1000', STALLED_INTERVAL_MS: '5000' })).toThrow(/STALLED_INTERVAL_MS/);
  });

  it('every numeric setting has a lower and an upper bound', () => {
    for (const [name, schema] of Object.entries(envSchema.shape)) {
      const parsed = schema.safeParse(undefined);
      if (!parsed.success || typeof parsed.data !== 'number') continue;
      expect(schema.safeParse('-1').success, `${name} refuses -1`).toBe(false);
      expect(schema.safeParse('1e12').success, `${name} refuses 1e12`).toBe(false);
    }
  });

  it('.env.example lists every variable with its default and meaning', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const [name, schema] of Object.entries(envSchema.shape)) {
      const line = new RegExp(`^# .+\\n${name}=(.*)$`, 'm').exec(example);
      expect(line, `${name} in .env.example`).not.toBeNull();
      const parsed = schema.safeParse(undefined);
      if (parsed.success && parsed.data !== undefined) expect(line![1]).toBe(String(parsed.data));
    }
  });

  it('keeps secrets out of the repository', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    expect(example).not.toMatch(/xox[bpa]-[A-Za-z0-9]/);
    expect(readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8')).toMatch(/^\.env$/m);
  });
});
