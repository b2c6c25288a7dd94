import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RoleId } from '../topology/roles.js';

const level = z.enum(['low', 'moderate', 'high', 'very-high']);
export type Level = z.infer<typeof level>;
export const LEVEL_RANK: Record<Level, number> = { low: 0, moderate: 1, high: 2, 'very-high': 3 };

const storage = z.enum(['hdd', 'ssd', 'nvme', 'ebs']);
export type StorageKind = z.infer<typeof storage>;
/** EBS volumes are SSD-backed by default (gp3). */
export const STORAGE_RANK: Record<StorageKind, number> = { hdd: 0, ebs: 1, ssd: 1, nvme: 2 };

const instanceTypeSchema = z.object({
  type: z.string(),
  family: z.string(),
  generation: z.enum(['current', 'previous']),
  vcpus: z.number(),
  memoryGiB: z.number(),
  storage,
  localStorageGB: z.number().optional(),
  burstable: z.boolean().optional(),
});
export type InstanceType = z.infer<typeof instanceTypeSchema>;

const referencesSchema = z.object({
  references: z.record(z.string(), z.object({ seedExample: z.string(), type: z.string(), current: z.string() })),
  roles: z.record(
    z.string(),
    z.object({ cpu: level, memory: level, io: level, reference: z.string(), minStorage: storage.optional() }),
  ),
});

export type RoleProfile = z.infer<typeof referencesSchema>['roles'][string];
export type Resource = 'cpu' | 'memory' | 'io';

function readData<T>(file: string, schema: z.ZodType<T>): T {
  // data/ sits beside src/ in the checkout and two levels above dist/src/sizing/ once built.
  for (const base of ['../../data/', '../../../data/']) {
    try {
      return schema.parse(JSON.parse(readFileSync(new URL(base + file, import.meta.url), 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`data file ${file} not found beside the package`);
}

const instanceData = readData('ec2-instance-types.json', z.object({ types: z.array(instanceTypeSchema) }));
const referenceData = readData('sizing-references.json', referencesSchema);

export const INSTANCE_TYPES: readonly InstanceType[] = instanceData.types;
const BY_TYPE = new Map(INSTANCE_TYPES.map((t) => [t.type, t]));

export function instanceType(name: string): InstanceType | undefined {
  return BY_TYPE.get(name.trim().toLowerCase());
}

/** Roles outside the seed (queue, jabber) have no profile. */
export function roleProfile(role: RoleId): RoleProfile | undefined {
  return referenceData.roles[role];
}

export interface RoleReference {
  seedExample: string;
  type: InstanceType;
  current: InstanceType;
  minStorage?: StorageKind;
}

export function roleReference(role: RoleId): RoleReference | undefined {
  const profile = roleProfile(role);
  const ref = profile && referenceData.references[profile.reference];
  if (!profile || !ref) return undefined;
  const type = instanceType(ref.type);
  const current = instanceType(ref.current);
  if (!type || !current) throw new Error(`sizing-references.json names unknown type ${ref.type} or ${ref.current}`);
  return {
    seedExample: ref.seedExample,
    type,
    current,
    ...(profile.minStorage ? { minStorage: profile.minStorage } : {}),
  };
}
