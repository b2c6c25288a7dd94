import type { TopologyNode } from '../topology/schema.js';
import { instanceType, type StorageKind } from './catalog.js';

export interface ResolvedResources {
  vcpus?: number;
  memoryGiB?: number;
  storage?: StorageKind;
  /** Where the figures came from. */
  from: 'resources' | 'instanceType';
}

/** Explicit resources win over the instance type's, field by field. */
export function resolveResources(node: TopologyNode): ResolvedResources | undefined {
  const known = node.instanceType ? instanceType(node.instanceType) : undefined;
  const explicit = node.resources;
  if (!known && !explicit) return undefined;
  const vcpus = explicit?.vcpus ?? known?.vcpus;
  const memoryGiB = explicit?.memoryGiB ?? known?.memoryGiB;
  const storage = explicit?.storage ?? known?.storage;
  return {
    ...(vcpus !== undefined ? { vcpus } : {}),
    ...(memoryGiB !== undefined ? { memoryGiB } : {}),
    ...(storage !== undefined ? { storage } : {}),
    from: explicit ? 'resources' : 'instanceType',
  };
}
