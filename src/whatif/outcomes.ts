import type { RoleId } from '../topology/roles.js';

export type Strategy = 'APP LEVEL' | 'OS LEVEL';

/** The seed's "what happens if nodes with a certain role go down" table. */
export const ROLE_HA: Partial<Record<RoleId, { strategy: Strategy; recommendation: string }>> = {
  'sql-master': {
    strategy: 'OS LEVEL',
    recommendation: 'Deploy a MySQL cluster. Protect MySQL master node with virtualization layer HA technologies.',
  },
  'sql-slave': { strategy: 'OS LEVEL', recommendation: 'Deploy a MySQL cluster.' },
  'distributed-db': { strategy: 'APP LEVEL', recommendation: 'Deploy a HubRing cluster.' },
  elasticsearch: { strategy: 'APP LEVEL', recommendation: 'Deploy an Elasticsearch cluster.' },
  web: {
    strategy: 'APP LEVEL',
    recommendation: 'Use a redundant load balancer in front of web management interface nodes.',
  },
  sip: { strategy: 'OS LEVEL', recommendation: 'Protect SIP nodes using virtualization layer HA technologies.' },
  pbx: { strategy: 'OS LEVEL', recommendation: 'Protect PBX nodes using virtualization layer HA technologies.' },
  'infrastructure-controller': {
    strategy: 'OS LEVEL',
    recommendation: 'Protect Infrastructure Controller node using virtualization layer HA technologies.',
  },
  worker: { strategy: 'APP LEVEL', recommendation: 'Deploy a sufficient number of Worker nodes.' },
};
