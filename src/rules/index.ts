import type { Rule } from '../engine/rule.js';
import addr001 from './addr001.js';
import addr002 from './addr002.js';
import cnt001 from './cnt001.js';
import cnt002 from './cnt002.js';
import cnt003 from './cnt003.js';
import cnt004 from './cnt004.js';
import cnt005 from './cnt005.js';
import cnt006 from './cnt006.js';
import cnt007 from './cnt007.js';
import cnt008 from './cnt008.js';
import cnt009 from './cnt009.js';
import cnt010 from './cnt010.js';
import ha001 from './ha001.js';
import ha002 from './ha002.js';
import ha003 from './ha003.js';
import ha004 from './ha004.js';
import ha005 from './ha005.js';
import ha006 from './ha006.js';
import ha007 from './ha007.js';
import ha008 from './ha008.js';
import ha009 from './ha009.js';
import ha010 from './ha010.js';
import life001 from './life001.js';
import life002 from './life002.js';
import life003 from './life003.js';
import life004 from './life004.js';
import net001 from './net001.js';
import net002 from './net002.js';
import net003 from './net003.js';
import net004 from './net004.js';
import net005 from './net005.js';
import net006 from './net006.js';
import net007 from './net007.js';
import sch001 from './sch001.js';
import sch002 from './sch002.js';
import sch003 from './sch003.js';
import sch004 from './sch004.js';
import sch005 from './sch005.js';
import size001 from './size001.js';
import size002 from './size002.js';
import size003 from './size003.js';
import size004 from './size004.js';
import size005 from './size005.js';
import wvr001 from './wvr001.js';
import wvr002 from './wvr002.js';

/** Every rule, in catalogue order. A test fails when a catalogue id is missing here. */
export const RULES: readonly Rule[] = [
  sch001,
  sch002,
  sch003,
  sch004,
  sch005,
  net001,
  net002,
  net003,
  net004,
  net005,
  net006,
  net007,
  addr001,
  addr002,
  cnt001,
  cnt002,
  cnt003,
  cnt004,
  cnt005,
  cnt006,
  cnt007,
  cnt008,
  cnt009,
  cnt010,
  life001,
  life002,
  life003,
  life004,
  ha001,
  ha002,
  ha003,
  ha004,
  ha005,
  ha006,
  ha007,
  ha008,
  ha009,
  ha010,
  size001,
  size002,
  size003,
  size004,
  size005,
  wvr001,
  wvr002,
];

const BY_ID = new Map<string, Rule>(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id.toUpperCase());
}
