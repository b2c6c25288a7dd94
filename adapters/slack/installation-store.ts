import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Redis } from 'ioredis';

/**
 * Bolt's installation store in Redis, for one process serving many workspaces: each workspace (or
 * Enterprise Grid org) that installs the app keeps its bot token here, under its own key.
 */
export class RedisInstallationStore implements InstallationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(query: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
    isEnterpriseInstall?: boolean | undefined;
  }): string {
    const id = query.isEnterpriseInstall ? `E:${query.enterpriseId}` : `T:${query.teamId}`;
    return `${this.prefix}:slack-install:${id}`;
  }

  async storeInstallation(installation: Installation<'v1' | 'v2', boolean>): Promise<void> {
    const query = {
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
    };
    await this.redis.set(this.key(query), JSON.stringify(installation));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const raw = await this.redis.get(this.key(query));
    if (!raw)
      throw new Error(
        `the app is not installed in ${query.teamId ?? query.enterpriseId}; install it from /slack/install`,
      );
    return JSON.parse(raw) as Installation<'v1' | 'v2', boolean>;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.redis.del(this.key(query));
  }

  /** The bot token of a workspace, for the worker's replies. */
  async botToken(teamId: string): Promise<string | undefined> {
    const raw = await this.redis.get(this.key({ teamId, isEnterpriseInstall: false }));
    return raw ? (JSON.parse(raw) as Installation<'v2', false>).bot?.token : undefined;
  }
}
