// `npm run bench` (bench/excel.ts): the intake workbook of a body of 10,000 people — written
// from an input (bagalau template --from), read back with every cell located, and the
// results workbook written. The bar: the intake of 10,000 people reads in under 10 s.
//
//   npx tsx bench/excel.ts [people=10000] [--almaty]
//
// Two bodies: model-2025 (each person two evaluator sheets a quarter: 8 rows, 4 parameters
// with a justification each) and, with --almaty, the Almaty methodology on the 2018 model
// (KPIs or differentiation every quarter and a 360 of six responses for everyone).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalendar, defaultCalendarPath } from '../src/calendar/index.js';
import { evaluate, type EvaluationInput, type Person } from '../src/engine/index.js';
import { fillIntake } from '../src/excel/fill.js';
import { intakeLayout } from '../src/excel/layout.js';
import { readIntakeWorkbook } from '../src/excel/read.js';
import { writeResultsWorkbook } from '../src/excel/results.js';
import { writeIntakeWorkbook } from '../src/excel/template.js';
import { loadResolved, type Methodology } from '../src/methodology/index.js';
import { population } from './population.js';

const size = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const almaty = process.argv.includes('--almaty');

function methodology(id: string): Methodology {
  const loaded = loadResolved(id);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  return loaded.methodology;
}

/** A model-2025 body: every quarter two sheets (the methodology's two evaluator roles), a justification per parameter. */
function model2025Body(m: Methodology, people: number, year = 2026): EvaluationInput {
  const method = Object.entries(m.methods).find(([, d]) => d.period === 'quarter' && d.kind === 'parameters')!;
  const [methodId, declared] = method;
  const parameters = Object.keys(declared.sheet!.parameters);
  const roles = declared.evaluators!.roles;
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const list: Person[] = [];
  for (let i = 0; i < people; i++) {
    const quarters: Record<string, unknown> = {};
    for (const [k, q] of ['Q1', 'Q2', 'Q3', 'Q4'].entries()) {
      const month = String(k * 3 + 4).padStart(2, '0');
      const y = k === 3 ? year + 1 : year;
      const m2 = k === 3 ? '01' : month;
      quarters[q] = {
        communicatedOn: `${y}-${m2}-16`,
        [methodId]: {
          sheets: roles.map((role, r) => ({
            role,
            name: `Бағалаушы ${r + 1}-${i % 40}`,
            evaluatedOn: `${y}-${m2}-1${r}`,
            scores: Object.fromEntries(parameters.map((p) => [p, 1 + Math.floor(next() * 5)])),
            justifications: Object.fromEntries(parameters.map((p) => [p, 'Ескертулер мен шағымдар жоқ'])),
          })),
        },
      };
    }
    list.push({
      id: `P${String(i).padStart(6, '0')}`,
      name: `Қызметші ${i}`,
      position: 'Бас маман',
      positionCategory: i % 10 === 0 ? 'D-3' : 'C-O-4',
      unit: `u${Math.floor(i / 25)}`,
      appointedOn: '2019-03-01',
      quarters,
    } as Person);
  }
  const units = Object.fromEntries(
    Array.from({ length: Math.ceil(people / 25) }, (_, u) => [`u${u}`, { name: `Бөлім ${u}`, corpsBServants: 25 }]),
  );
  return { methodology: m.id, year, units, people: list };
}

const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const mb = () => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`;

const m = methodology(almaty ? 'almaty-akimat-2023' : 'model-2025');
const input = almaty ? population(m, size, 2024) : model2025Body(m, size);
if (almaty)
  for (const p of input.people as (Person & { survey360?: unknown })[])
    if (p.survey360) {
      p.annual = { survey360: p.survey360 };
      delete p.survey360;
    }
const dir = mkdtempSync(join(tmpdir(), 'bagalau-bench-excel-'));
const file = join(dir, 'intake.xlsx');
try {
  const layout = intakeLayout([m], input.year);
  let t = performance.now();
  const filled = fillIntake(layout, input);
  await writeIntakeWorkbook(layout, file, { methodologyRefs: [m.id], fill: filled, spareRows: 100 });
  const rows = [...filled.rows.values()].reduce((n, r) => n + r.length, 0);
  console.log(
    `${m.id}: ${size.toLocaleString('en')} people, ${rows.toLocaleString('en')} rows, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log(`  write intake (template --from)  ${ms(t)}`);

  t = performance.now();
  const read = await readIntakeWorkbook(file, [m]);
  const readTime = performance.now() - t;
  console.log(
    `  read intake (located)           ${readTime.toFixed(0)} ms  (${read.counts.read.toLocaleString('en')} read, ${read.counts.setAside} set aside; rss ${mb()})  bar: 10,000 people < 10 s`,
  );
  if (!read.input || read.counts.read !== size)
    throw new Error(`read ${read.counts.read} of ${size}: ${read.diagnostics.map((d) => d.message).join('; ')}`);

  t = performance.now();
  const result = evaluate([m], read.input, loadCalendar(defaultCalendarPath()), { allowOutOfForce: true });
  console.log(`  evaluate (engine)               ${ms(t)}`);

  t = performance.now();
  await writeResultsWorkbook(result, [m], join(dir, 'results.xlsx'), {
    locate: (id, field) => {
      const i = read.indexOf(id);
      return i === undefined ? undefined : read.locate(i, field);
    },
  });
  console.log(`  write results.xlsx              ${ms(t)}  (${(statSync(join(dir, 'results.xlsx')).size / 2 ** 20).toFixed(1)} MiB)`);
  if (size >= 10_000 && readTime > 10_000) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
