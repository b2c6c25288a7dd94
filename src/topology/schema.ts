import { z } from 'zod';
import { closestRole, resolveRole, ROLE_IDS, type RoleId } from './roles.js';
import { isIpLiteral, parseCidr } from './address.js';
import { monitoringSchema } from '../monitoring/settings.js';

/**
 * The topology format (spec/topology.md). This file is the single source of the
 * topology's types and of the published JSON Schema (`voipnow schema`).
 *
 * Issues that belong to a specific catalogue id carry it in `params.rule`; every other zod
 * issue is reported as SCH002.
 */

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9_])?)*\.?$/;

const name = z.string().regex(NAME, { message: "use letters, digits, '-', '_' or '.', at most 64 characters" });

const address = z
  .string()
  .refine((s) => isIpLiteral(s) || HOSTNAME.test(s), { message: 'expected a hostname or an IP address' })
  .meta({ description: 'Hostname (preferred) or IP address' });

const unit = z.number().min(0).max(1);

/** A role as written: a role id or one of its aliases, resolved to the id. */
export const roleSchema = z
  .union([z.enum(ROLE_IDS), z.string()])
  .transform((text, ctx): RoleId => {
    const id = resolveRole(text);
    if (id) return id;
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `unknown role "${text}"; did you mean "${closestRole(text)}"?`,
      params: { rule: 'SCH003' },
    });
    return z.NEVER;
  })
  .meta({ description: `A role id (${ROLE_IDS.join(', ')}) or an accepted alias` });

export const resourcesSchema = z
  .strictObject({
    vcpus: z.number().int().positive().max(4096).optional(),
    memoryGiB: z.number().positive().max(65536).optional(),
    storage: z.enum(['hdd', 'ssd', 'nvme']).optional(),
  })
  .meta({ description: 'Explicit resources of the node' });

export const metricsSchema = z
  .strictObject({ cpu: unit.optional(), memory: unit.optional(), io: unit.optional() })
  .meta({ description: 'Observed utilisation, 0..1 each' });

export const nodeSchema = z.strictObject({
  name: name.meta({ description: 'Unique in the file' }),
  roles: z.array(roleSchema).min(1).max(16),
  private: address.optional().meta({ description: 'Address on the private network' }),
  public: address.optional().meta({ description: 'Address on the public network' }),
  shard: z.number().int().min(1).max(1024).optional().meta({ description: 'SQL shard (sql roles only), default 1' }),
  ha: z
    .enum(['none', 'vm'])
    .optional()
    .meta({ description: 'none (default) or vm: virtualization-layer HA ("OS LEVEL")' }),
  host: name.optional().meta({ description: 'Physical host, a failure domain' }),
  zone: name.optional().meta({ description: 'Site or availability zone, a failure domain' }),
  instanceType: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: 'A known cloud instance type, e.g. i4i.4xlarge' }),
  resources: resourcesSchema.optional(),
  metrics: metricsSchema.optional(),
  customers: z.number().int().min(0).optional().meta({ description: 'SIP/PBX: customers this node serves' }),
});

export const loadBalancerSchema = z.strictObject({
  name: name,
  public: address.optional().meta({ description: 'Public hostname or IP' }),
  healthCheck: z.boolean().optional().meta({ description: 'Health-based balancing (default false)' }),
  targets: z.array(name).min(1),
});

export const waiverSchema = z.strictObject({
  rule: z.string().regex(/^[A-Z]{2,5}[0-9]{3}$/, { message: 'expected a rule id such as HA001' }),
  node: name.optional().meta({ description: 'Omit to waive the rule for every node' }),
  reason: z.string().min(1).max(500),
  expires: z.iso.date().optional().meta({ description: 'YYYY-MM-DD; after this date the waiver stops suppressing' }),
});

export const topologySchema = z
  .strictObject({
    version: z.literal(1),
    name,
    system: z.strictObject({ extensions: z.number().int().min(0).optional() }).optional(),
    network: z
      .strictObject({
        private: z
          .string()
          .refine((s) => parseCidr(s) !== undefined, { message: 'expected a CIDR such as 10.20.0.0/22' })
          .optional(),
      })
      .optional(),
    loadBalancers: z.array(loadBalancerSchema).max(1000).optional(),
    nodes: z.array(nodeSchema).min(1).max(100_000),
    waivers: z.array(waiverSchema).max(1000).optional(),
    monitoring: monitoringSchema.optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.nodes.forEach((node, i) => {
      if (seen.has(node.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['nodes', i, 'name'],
          message: `node name "${node.name}" is used by another node; node names must be unique`,
          params: { rule: 'SCH004' },
        });
      }
      seen.add(node.name);
    });
    t.loadBalancers?.forEach((lb, i) =>
      lb.targets.forEach((target, j) => {
        if (!seen.has(target)) {
          ctx.addIssue({
            code: 'custom',
            path: ['loadBalancers', i, 'targets', j],
            message: `load balancer "${lb.name}" targets "${target}", which is not a node in this file`,
            params: { rule: 'SCH005' },
          });
        }
      }),
    );
  })
  .meta({
    title: 'VoipNow topology',
    description: 'Which node runs which VoipNow role, how each is addressed and protected.',
  });

export type Topology = z.output<typeof topologySchema>;
export type TopologyNode = Topology['nodes'][number];
export type LoadBalancer = NonNullable<Topology['loadBalancers']>[number];
export type Waiver = NonNullable<Topology['waivers']>[number];
export type Resources = z.output<typeof resourcesSchema>;
export type { MonitoringBlock } from '../monitoring/settings.js';

/** The published JSON Schema, derived from the zod schema so the two cannot drift. */
export function topologyJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://github.com/voipnow-chatops/voipnow-chatops/schema/topology.schema.json',
    ...z.toJSONSchema(topologySchema, { io: 'input', target: 'draft-2020-12' }),
  };
}
