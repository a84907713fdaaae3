// Cost of one model-2018 eligibility condition: compiled (src/engine/conditions.ts) versus run
// through json-rules-engine. Run with: npx tsx bench/conditions.ts
import { performance } from 'node:perf_hooks';
import { compileCondition } from '../src/engine/conditions.js';
import { jsonRulesEngineEvaluator } from '../src/engine/jsonRulesEngineReference.js';
import { loadResolved } from '../src/methodology/index.js';

const COMPILED_RUNS = 1_000_000;
const REFERENCE_RUNS = 10_000;
const RULE = 'noKpiTimeLeft'; // two conditions, one compared with a value of the methodology

const loaded = loadResolved('model-2018');
if (!loaded.ok) throw new Error('model-2018 does not load');
const methodology = loaded.methodology;
const condition = methodology.eligibility.rules[RULE].conditions;

// A few different people, so neither side sees the same facts every time.
const factSets: Record<string, unknown>[] = [];
for (let person = 0; person < 16; person++) {
  factSets.push({
    monthsInPostInPeriod: person % 4,
    monthsFromAppointmentToPeriodEnd: person % 6,
    appointedDuringPeriod: person % 3 !== 0,
    absentDuringEvaluation: person % 5 === 0,
    absenceKind: null,
    dismissedBeforeDeadline: false,
    category: 'B',
    positionCategory: 'C-4',
    method: 'kpi',
    unitSize: 12,
    methodology,
  });
}

const compiled = compileCondition(condition);
const reference = jsonRulesEngineEvaluator(condition);

// Both must agree before their speed means anything.
for (const facts of factSets) {
  if (compiled(facts) !== (await reference(facts)))
    throw new Error(`compiled and json-rules-engine disagree on ${JSON.stringify({ ...facts, methodology: '…' })}`);
}

function timeCompiled(runs: number): { perRunNs: number; holds: number } {
  let holds = 0;
  const start = performance.now();
  for (let run = 0; run < runs; run++) if (compiled(factSets[run & 15])) holds++;
  return { perRunNs: ((performance.now() - start) * 1e6) / runs, holds };
}

async function timeReference(runs: number): Promise<{ perRunNs: number; holds: number }> {
  let holds = 0;
  const start = performance.now();
  for (let run = 0; run < runs; run++) if (await reference(factSets[run & 15])) holds++;
  return { perRunNs: ((performance.now() - start) * 1e6) / runs, holds };
}

// Warm both up so the JIT has done its work before the clock starts.
timeCompiled(COMPILED_RUNS / 10);
await timeReference(REFERENCE_RUNS / 10);

const fast = timeCompiled(COMPILED_RUNS);
const slow = await timeReference(REFERENCE_RUNS);

const format = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);
console.log(`condition: model-2018 eligibility.rules.${RULE} — ${JSON.stringify(condition)}`);
console.log(
  `compiled:          ${format(fast.perRunNs).padStart(9)} per run (${COMPILED_RUNS.toLocaleString('en')} runs, ${fast.holds.toLocaleString('en')} held)`,
);
console.log(
  `json-rules-engine: ${format(slow.perRunNs).padStart(9)} per run (${REFERENCE_RUNS.toLocaleString('en')} runs, ${slow.holds.toLocaleString('en')} held)`,
);
console.log(`ratio:             ${Math.round(slow.perRunNs / fast.perRunNs).toLocaleString('en')}× faster compiled`);
const decisions = 100_000 * 4 * 3 * 5;
console.log(
  `${decisions.toLocaleString('en')} decisions (100,000 servants × 4 quarters × 3 methods × 5 rules): ` +
    `${((decisions * fast.perRunNs) / 1e9).toFixed(2)} s compiled, ${((decisions * slow.perRunNs) / 1e9).toFixed(0)} s json-rules-engine`,
);
