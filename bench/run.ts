import { benchEngine } from './engine.js';

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

const engine = benchEngine();
console.log('## Engine (issue: check ≤ 3× yaml.parse at 10,000 nodes; 1k→10k ≤ 12×; what-if ≤ 5 ms at 1,000)\n');
console.log('| nodes | bytes | yaml.parse ms | full check ms | check / parse |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of engine.rows) console.log(`| ${r.nodes} | ${r.bytes} | ${fmt(r.parseMs)} | ${fmt(r.checkMs)} | ${fmt(r.ratio)}× |`);
const at10k = engine.rows[2]!.ratio;
console.log(`\n- check / parse at 10,000 nodes: ${fmt(at10k)}× (target ≤ 3×) ${mark(at10k <= 3)}`);
console.log(`- growth 1,000 → 10,000 nodes: ${fmt(engine.growth)}× (target ≤ 12×) ${mark(engine.growth <= 12)}`);
console.log(`- one what-if question at 1,000 nodes: ${fmt(engine.whatIfMs, 3)} ms median (target ≤ 5 ms) ${mark(engine.whatIfMs <= 5)}`);
