import { createRule } from '../engine/rule.js';
import { vmProtectionReports } from '../engine/vm-protection.js';

export default createRule({
  meta: {
    id: 'HA007',
    severity: 'warning',
    title: 'PBX nodes without virtualization-layer HA',
    family: 'high-availability',
    seed: 'High Availability: PBX: "A group of customers is affected, phone calls are dropped, no loss of functionality after." OS LEVEL: "Protect PBX nodes using virtualization layer HA technologies."',
    remediation:
      'Protect PBX nodes with virtualization-layer HA (`ha: vm`), or add PBX nodes so a failure hits a smaller group.',
    messages: {
      lone: '{{role}} node {{node}} is the only one and has no ha: vm; if it fails all calls drop and there is no telephony until it is replaced',
      group:
        "{{role}} node {{node}} has no ha: vm; if it fails its group's calls drop (no loss of functionality after)",
    },
  },
  check: (ctx) => vmProtectionReports(ctx, 'pbx'),
});
