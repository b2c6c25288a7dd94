import { defineInputRule } from '../engine/rule.js';

export default defineInputRule({
  meta: {
    id: 'SCH003',
    severity: 'error',
    title: 'A role id is unknown',
    family: 'schema',
    seed: 'Roles of the guide: SQL, Distributed Database, Elasticsearch, Web Management Interface, SIP, PBX, Infrastructure Controller, Worker.',
    remediation:
      'Use one of the role ids (sql-master, sql-slave, distributed-db, elasticsearch, web, sip, pbx, infrastructure-controller, worker, queue, jabber) or an accepted alias.',
  },
});
