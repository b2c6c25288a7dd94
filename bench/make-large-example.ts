import { writeFileSync } from 'node:fs';
import { generateTopology } from './generate-topology.js';

const header =
  '# yaml-language-server: $schema=../schema/topology.schema.json\n# A large provider: ~300 nodes, SQL sharded four ways, three zones. Made by bench/make-large-example.ts.\n';
writeFileSync(
  new URL('../../examples/large.yaml', import.meta.url),
  header +
    generateTopology(300, 'large-provider', [
      {
        rule: 'HA007',
        reason: 'PBX groups are small and a replacement PBX is deployed automatically (seed: alternate strategies)',
        expires: '2099-12-31',
      },
    ]),
);
