import { ConfigError, type Env } from '../config/env.js';
import { ConfigError as TeamConfigError } from '../team-config/load.js';
import { loadOperatorConfig, type OperatorConfig } from '../team-config/operator.js';

/**
 * VOIPNOW_CONFIG, loaded with its plugins before the worker takes a job: a broken plugin or a typo
 * stops start-up with its file:line:column lines, rather than surfacing in some team's check later.
 */
export async function operatorConfigFrom(env: Env): Promise<OperatorConfig | undefined> {
  if (!env.VOIPNOW_CONFIG) return undefined;
  try {
    return await loadOperatorConfig(env.VOIPNOW_CONFIG);
  } catch (error) {
    if (error instanceof TeamConfigError)
      throw new ConfigError(`VOIPNOW_CONFIG is not a valid configuration:\n${error.problems.join('\n')}`);
    throw error;
  }
}
