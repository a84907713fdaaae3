// A deterministic synthetic body for benchmarks: N people of the Almaty methodology
// over one year — heads with four KPIs, servants with differentiation scores, a 360 for
// everyone, some late appointments and dismissals.
import type { EvaluationInput, Person } from '../src/engine/index.js';
import type { Methodology } from '../src/methodology/index.js';

/** mulberry32: a small seeded generator, so every run builds the same people. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

export function population(methodology: Methodology, size: number, year = 2024, seed = 42): EvaluationInput {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const score = () => Math.round((2 + next() * 3) * 100) / 100;
  const survey = methodology.methods.survey360.survey!;
  const answers = Object.keys(survey.answers);
  const rows = methodology.methods.kpi.kpi!.scoreTable.rows.filter((r) => r.percent.min >= 50);
  const people: Person[] = [];
  for (let i = 0; i < size; i++) {
    const head = i % 10 === 0;
    const appointedOn = next() < 0.05 ? `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` : '2019-03-01';
    const person: Person = {
      id: `P${String(i).padStart(6, '0')}`, name: `Person ${i}`, positionCategory: head ? 'D-3' : pick(['C-O-4', 'C-O-5', 'C-R-3']),
      appointedOn, ...(next() < 0.02 ? { leftOn: `${year}-11-2${Math.floor(next() * 9)}` } : {}), quarters: {},
    };
    if (head) {
      person.workPlan = { kpis: [1, 2, 3, 4].map((k) => ({ id: `k${k}`, name: `KPI ${k}`, plan: { Q1: 100, Q2: 100, Q3: 100, Q4: 100 } })) };
      for (const q of QUARTERS) {
        const kpi: Record<string, { actual: number; score: number }> = {};
        for (let k = 1; k <= 4; k++) {
          const row = pick(rows);
          const actual = row.percent.max === undefined ? 100 + Math.floor(next() * 20) : row.percent.min;
          kpi[`k${k}`] = { actual, score: row.score.min };
        }
        person.quarters![q] = { kpi };
      }
    } else {
      for (const q of QUARTERS) {
        person.quarters![q] = { differentiation: { scores: { quality: score(), deadlines: score(), independence: score(), discipline: score() }, justification: 'OK' } };
      }
    }
    const questionnaire = survey.questionnaires[head ? 'heads' : 'servants'];
    const groups = ['self', 'directManager', 'peer', 'peer', 'subordinate', 'peer'];
    person.survey360 = {
      responses: groups.map((group) => ({
        group,
        answers: Object.fromEntries(Object.entries(questionnaire.competencies).map(([c, competency]) => [c, Object.fromEntries(Object.keys(competency.indicators).map((ind) => [ind, pick(answers)]))])),
      })),
    };
    people.push(person);
  }
  return { methodology: methodology.id, year, people };
}
