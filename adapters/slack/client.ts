import { WebClient } from '@slack/web-api';
import type { SlackClientFor } from './port.js';

/**
 * The worker's Slack clients. A single-workspace bot token serves every tenant; a 429 is waited
 * out by the client itself (Retry-After) before the call returns.
 */
export function slackClients(botToken: string, apiUrl?: string): SlackClientFor {
  const client = new WebClient(botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), rejectRateLimitedCalls: false, retryConfig: { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 } });
  return async () => client;
}
