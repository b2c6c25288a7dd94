import { createRule } from '../engine/rule.js';
import { vmProtectionReports } from '../engine/vm-protection.js';

export default createRule({
  meta: {
    id: 'HA006',
    severity: 'warning',
    title: 'SIP nodes without virtualization-layer HA',
    family: 'high-availability',
    seed: 'High Availability: SIP: "A group of customers is affected, phone functionality is lost, current calls are not be dropped." OS LEVEL: "Protect SIP nodes using virtualization layer HA technologies."',
    remediation:
      'Protect SIP nodes with virtualization-layer HA (`ha: vm`), or accept the risk with a waiver and an automatic replacement plan.',
    messages: {
      lone: '{{role}} node {{node}} is the only one and has no ha: vm; if it fails all customers lose phone functionality (current calls are not dropped)',
      group:
        '{{role}} node {{node}} has no ha: vm; if it fails its group of customers loses phone functionality (current calls are not dropped)',
    },
  },
  check: (ctx) => vmProtectionReports(ctx, 'sip'),
});
