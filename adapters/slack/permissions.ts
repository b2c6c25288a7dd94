import type { WebClient } from '@slack/web-api';

export interface SlackAdminPolicy {
  /** User ids allowed to save, delete and schedule. */
  admins: readonly string[];
  /** A user group whose members are allowed. */
  group?: string;
}

export function parseAdminPolicy(admins: string | undefined, group: string | undefined): SlackAdminPolicy {
  return {
    admins: (admins ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    ...(group ? { group } : {}),
  };
}

/** Who may change stored state, in words a refusal can show. */
export function adminHint(policy: SlackAdminPolicy): string {
  const parts = [
    ...policy.admins.map((u) => `<@${u}>`),
    ...(policy.group ? [`members of <!subteam^${policy.group}>`] : []),
  ];
  return parts.length ? parts.join(', ') : 'workspace admins and owners';
}

const groupCache = new Map<string, { users: Set<string>; until: number }>();

/** Configured admins and group members; with neither configured, Slack's own workspace admins. */
export async function isSlackAdmin(client: WebClient, policy: SlackAdminPolicy, user: string): Promise<boolean> {
  if (policy.admins.includes(user)) return true;
  if (policy.group) {
    let cached = groupCache.get(policy.group);
    if (!cached || cached.until < Date.now()) {
      const res = await client.usergroups.users.list({ usergroup: policy.group }).catch(() => undefined);
      cached = { users: new Set(res?.users ?? []), until: Date.now() + 60_000 };
      groupCache.set(policy.group, cached);
    }
    if (cached.users.has(user)) return true;
  }
  if (policy.admins.length || policy.group) return false;
  const info = await client.users.info({ user }).catch(() => undefined);
  return Boolean(info?.user?.is_admin || info?.user?.is_owner);
}
