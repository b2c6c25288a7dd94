import { WebClient } from '@slack/web-api';
import type { RedisInstallationStore } from './installation-store.js';
import type { SlackClientFor } from './port.js';

const OPTIONS = {
  rejectRateLimitedCalls: false,
  retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
} as const;

/**
 * The worker's Slack clients. A single-workspace bot token serves every tenant; with an
 * installation store, each workspace's own token. A 429 is waited out by the client itself
 * (Retry-After) before the call returns.
 */
export function slackClients(
  botToken: string | undefined,
  apiUrl?: string,
  installations?: RedisInstallationStore,
): SlackClientFor {
  const base = { ...OPTIONS, ...(apiUrl ? { slackApiUrl: apiUrl } : {}) };
  const single = botToken ? new WebClient(botToken, base) : undefined;
  const perTeam = new Map<string, WebClient>();
  return async (tenant) => {
    const team = tenant?.startsWith('slack:') ? tenant.slice('slack:'.length) : undefined;
    if (installations && team) {
      const token = await installations.botToken(team);
      if (token) {
        let client = perTeam.get(token);
        if (!client) perTeam.set(token, (client = new WebClient(token, base)));
        return client;
      }
    }
    if (single) return single;
    throw new Error(`no Slack token for ${tenant ?? 'this workspace'}: install the app there or set SLACK_BOT_TOKEN`);
  };
}
