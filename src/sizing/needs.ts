import type { RoleId } from '../topology/roles.js';
import { roleReference, STORAGE_RANK, type StorageKind } from './catalog.js';
import type { ResolvedResources } from './resources.js';

/** What a node's roles need together: each role brings its own reference, so the figures add up. */
export interface Needs {
  vcpus: number;
  memoryGiB: number;
  /** The slowest storage the roles accept ('hdd' when none of them asks for better). */
  storage: StorageKind;
  /** Each role's share, for the message: "web 8 + sip 8". */
  parts: { role: RoleId; type: string; vcpus: number; memoryGiB: number }[];
}

export function nodeNeeds(roles: readonly RoleId[]): Needs {
  const needs: Needs = { vcpus: 0, memoryGiB: 0, storage: 'hdd', parts: [] };
  for (const role of new Set(roles)) {
    const ref = roleReference(role);
    if (!ref) continue;
    needs.vcpus += ref.type.vcpus;
    needs.memoryGiB = Math.round((needs.memoryGiB + ref.type.memoryGiB) * 10) / 10;
    if (ref.minStorage && STORAGE_RANK[ref.minStorage] > STORAGE_RANK[needs.storage]) needs.storage = ref.minStorage;
    needs.parts.push({ role, type: ref.type.type, vcpus: ref.type.vcpus, memoryGiB: ref.type.memoryGiB });
  }
  return needs;
}

/** Where declared resources fall short of the needs, in words; only what is declared is compared. */
export function shortfalls(have: ResolvedResources, needs: Needs): string[] {
  if (needs.parts.length === 0) return [];
  const sum = (pick: (p: Needs['parts'][number]) => number, unit: string) =>
    needs.parts.length === 1
      ? `${needs.parts[0]!.role}, ${needs.parts[0]!.type}`
      : needs.parts.map((p) => `${p.role} ${pick(p)}`).join(' + ') + ` ${unit}`;
  const out: string[] = [];
  if (have.vcpus !== undefined && have.vcpus < needs.vcpus)
    out.push(`${have.vcpus} of ${needs.vcpus} vCPU (${sum((p) => p.vcpus, 'vCPU')})`);
  if (have.memoryGiB !== undefined && have.memoryGiB < needs.memoryGiB)
    out.push(`${have.memoryGiB} of ${needs.memoryGiB} GiB memory (${sum((p) => p.memoryGiB, 'GiB')})`);
  if (have.storage !== undefined && STORAGE_RANK[have.storage] < STORAGE_RANK[needs.storage])
    out.push(`${have.storage} storage where ${needs.storage} or faster is needed`);
  return out;
}

/** "16 vCPU, 64 GiB, ssd or faster storage": the needs as a person reads them. */
export function describeNeeds(needs: Needs): string {
  if (needs.parts.length === 0) return 'no reference for its roles';
  const storage = needs.storage === 'hdd' ? '' : `, ${needs.storage} or faster storage`;
  return `${needs.vcpus} vCPU, ${needs.memoryGiB} GiB${storage}`;
}
