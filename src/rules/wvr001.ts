import { defineInputRule } from '../engine/rule.js';

/** Reported by the waiver pass of the engine (src/engine/waivers.ts). */
export default defineInputRule({
  meta: {
    id: 'WVR001',
    severity: 'warning',
    title: 'A waiver has expired',
    family: 'waivers',
    seed: 'Topology format, waivers: "expires: after this date the waiver stops suppressing".',
    remediation: 'Fix what the waiver covered, or renew the waiver with a new `expires` date and a current reason.',
    messages: {
      expired: 'the waiver of {{rule}}{{target}} expired on {{expires}} and no longer suppresses it',
    },
  },
});
