import { WebClient } from '@slack/web-api';
import type { RedisInstallationStore } from './installation-store.js';
import type { SlackClientFor } from './port.js';

// No retries inside the client: a post answered with a 500 or a timeout may have been applied, and
// only the reply ledger may decide to post again (it asks Slack first). A 429 was not applied: the
// port waits it out and calls again.
const OPTIONS = {
  rejectRateLimitedCalls: true,
  retryConfig: { retries: 0 },
} as const;

/**
 * The worker's Slack clients. A single-workspace bot token serves every tenant; with an
 * installation store, each workspace's own token.
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
