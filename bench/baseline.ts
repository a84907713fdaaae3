// The hand-written baseline: the Almaty rules written straight into TypeScript, with no
// methodology file, no rules engine and no explanations. It is what bagalau must not be
// much slower than (goal: within 3×). It computes the same statuses, scores and bands as
// the engine for the synthetic population (bench/population.ts): the benchmark checks
// that both give the same fingerprint.
import type { EvaluationInput, Person } from '../src/engine/index.js';

const HEADS = new Set(['D-3', 'D-O-1', 'E-1', 'E-2']);
const POINTS: Record<string, number> = { notShown: 1, rarely: 2, halfTheTime: 3, mostOfTheTime: 4, always: 5 };
// Annex 3 as printed: [percent min, percent max, score min, score max], in hundredths.
const TABLE: [number, number, number, number][] = [
  [10000, Infinity, 500, 500],
  [9500, 9999, 475, 499],
  [9000, 9499, 450, 474],
  [8500, 8999, 425, 449],
  [8000, 8499, 400, 424],
  [7500, 7999, 375, 399],
  [7000, 7499, 350, 374],
  [6500, 6999, 325, 349],
  [6000, 6499, 300, 324],
  [5500, 5999, 275, 299],
  [5000, 5499, 250, 274],
  [4500, 4999, 225, 249],
  [4000, 4449, 200, 224],
  [3500, 3999, 175, 199],
  [3000, 3499, 150, 174],
  [2500, 2999, 125, 149],
  [2000, 2499, 100, 124],
  [1500, 1999, 75, 99],
  [1000, 1499, 50, 74],
  [500, 999, 25, 49],
  [0, 499, 0, 24],
];
const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];
const QUARTER_STARTS = ['01-01', '04-01', '07-01', '10-01'];

const round2 = (x: number) => Math.floor(x * 100 + 0.5 + 1e-9) / 100;
const band = (score: number) => (score >= 4 ? 'effective' : score >= 3 ? 'proper' : score >= 2 ? 'satisfactory' : 'unsatisfactory');

function daysInMonth(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
/** Whole calendar months from `from` to `to` inclusive (same rule as the methodology's calendarMonths). */
function months(from: string, to: string): number {
  if (to < from) return 0;
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const reached = (n: number) => {
    const total = fm - 1 + n;
    const y = fy + Math.floor(total / 12),
      m = (total % 12) + 1;
    const dim = daysInMonth(y, m);
    if (fd > dim) return y * 10000 + m * 100 + dim;
    const d = new Date(Date.UTC(y, m - 1, fd - 1));
    return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  };
  const end = ty * 10000 + tm * 100 + td;
  let n = 0;
  while (reached(n + 1) <= end) n++;
  return n;
}

export function baseline(input: EvaluationInput, deadlines: { quarters: string[]; year: string }): string[] {
  const out: string[] = [];
  const year = input.year;
  for (const person of input.people) {
    const head = HEADS.has(person.positionCategory);
    const method = head ? 'kpi' : 'differentiation';
    const quarterScores: number[] = [];
    for (let q = 0; q < 4; q++) {
      const start = `${year}-${QUARTER_STARTS[q]}`,
        end = `${year}-${QUARTER_ENDS[q]}`;
      // Not in the post on any day of the quarter (appointed after it, or gone before it).
      if (person.appointedOn > end || (person.leftOn !== undefined && person.leftOn < start)) {
        out.push(`${person.id} Q${q + 1} ${method} notInPost`);
        continue;
      }
      const from = person.appointedOn > start ? person.appointedOn : start;
      const to = person.leftOn && person.leftOn < end ? person.leftOn : end;
      if (months(from, to) < 1) {
        out.push(`${person.id} Q${q + 1} ${method} notEvaluated`);
        continue;
      }
      const dismissed = person.leftOn !== undefined && person.leftOn <= deadlines.quarters[q];
      const data = person.quarters?.[`Q${q + 1}` as 'Q1'] as
        { kpi?: Record<string, { actual: number; score: number }>; differentiation?: { scores: Record<string, number> } } | undefined;
      let score: number | undefined;
      if (head) score = kpiScore(person, `Q${q + 1}` as 'Q1', data?.kpi);
      else if (data?.differentiation) {
        const s = data.differentiation.scores;
        score = (s.quality + s.deadlines + s.independence + s.discipline) / 4;
      }
      if (score === undefined) {
        out.push(`${person.id} Q${q + 1} ${method} error`);
        continue;
      }
      const rounded = round2(score);
      quarterScores.push(rounded);
      out.push(
        `${person.id} Q${q + 1} ${method} ${dismissed ? 'withoutParticipation' : 'evaluated'} ${rounded.toFixed(2)} ${band(rounded)}`,
      );
    }
    if (quarterScores.length) {
      const y = round2(quarterScores.reduce((a, b) => a + b, 0) / quarterScores.length);
      out.push(`${person.id} year ${method} evaluated ${y.toFixed(2)} ${band(y)}`);
    } else out.push(`${person.id} year ${method} notEvaluated`);
    // 360 over the year
    const from = person.appointedOn > `${year}-01-01` ? person.appointedOn : `${year}-01-01`;
    const to = person.leftOn && person.leftOn < `${year}-12-31` ? person.leftOn : `${year}-12-31`;
    if (months(from, to) < 1) {
      out.push(`${person.id} year survey360 notEvaluated`);
      continue;
    }
    const dismissed = person.leftOn !== undefined && person.leftOn <= deadlines.year;
    const sums: Record<string, [number, number]> = {};
    let respondents = 0;
    for (const response of person.survey360?.responses ?? []) {
      if (response.group === 'self') continue;
      respondents++;
      for (const c in response.answers) {
        const s = (sums[c] ??= [0, 0]);
        for (const i in response.answers[c]) {
          s[0] += POINTS[response.answers[c][i]];
          s[1]++;
        }
      }
    }
    if (respondents < 3 || respondents > 7) {
      out.push(`${person.id} year survey360 refused`);
      continue;
    }
    const averages = Object.values(sums).map(([p, n]) => round2(p / n));
    const overall = round2(averages.reduce((a, b) => a + b, 0) / averages.length);
    // The 360 result has no band (the act defines none; survey.result.band: none).
    out.push(`${person.id} year survey360 ${dismissed ? 'withoutParticipation' : 'evaluated'} ${overall.toFixed(2)} -`);
  }
  return out;
}

function kpiScore(person: Person, quarter: 'Q1', data: Record<string, { actual: number; score: number }> | undefined): number | undefined {
  const kpis = person.workPlan?.kpis ?? [];
  if (!data || kpis.length < 3 || kpis.length > 5) return undefined;
  let sum = 0;
  for (const kpi of kpis) {
    const entry = data[kpi.id];
    const plan = kpi.plan[quarter];
    if (!entry || plan === undefined || plan === 0) return undefined;
    const percent = Math.round((kpi.lowerIsBetter ? plan / entry.actual : entry.actual / plan) * 10000);
    const row = TABLE.find(([min, max]) => min <= percent && percent <= max);
    const score = Math.round(entry.score * 100);
    if (!row || score < row[2] || score > row[3]) return undefined;
    sum += entry.score;
  }
  return sum / kpis.length;
}
