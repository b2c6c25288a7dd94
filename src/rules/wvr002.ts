import { defineInputRule } from '../engine/rule.js';

/** Reported by the waiver pass of the engine (src/engine/waivers.ts). */
export default defineInputRule({
  meta: {
    id: 'WVR002',
    severity: 'info',
    title: 'A waiver matches no finding',
    family: 'waivers',
    seed: 'Topology format, waivers: accepted risks; a waiver that suppresses nothing is stale.',
    remediation: 'Remove the waiver, or correct its rule id or node name.',
    messages: {
      unused: 'the waiver of {{rule}}{{target}} matches no finding; remove it or correct its rule or node',
      unknownRule:
        'the waiver names {{rule}}{{target}}, but there is no rule {{rule}} (`voipnow rules` lists them); correct the rule id',
    },
  },
});
