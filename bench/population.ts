// Deterministic synthetic bodies for benchmarks, one year each:
//   - the Almaty methodology (the 2018 model): heads with four KPIs, servants with
//     differentiation scores, a 360 for everyone, some late appointments and dismissals;
//   - model-2025: one quarterly evaluation with two evaluator sheets (direct manager and
//     unit head), units of about 25 people, some late appointments and dismissals.
// People are generated one at a time (`…People` generators), so a file of 100,000 people
// is written without holding them (`writePopulation`).
import { closeSync, openSync, writeSync } from 'node:fs';
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
  return { methodology: methodology.id, year, people: [...almatyPeople(methodology, size, year, seed)] };
}

/** The people of `population`, one at a time (the same people in the same order). */
export function* almatyPeople(methodology: Methodology, size: number, year = 2024, seed = 42): Generator<Person> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const score = () => Math.round((2 + next() * 3) * 100) / 100;
  const survey = methodology.methods.survey360.survey!;
  const answers = Object.keys(survey.answers);
  const rows = methodology.methods.kpi.kpi!.scoreTable.rows.filter((r) => r.percent.min >= 50);
  for (let i = 0; i < size; i++) {
    const head = i % 10 === 0;
    const appointedOn = next() < 0.05 ? `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` : '2019-03-01';
    const person: Person = {
      id: `P${String(i).padStart(6, '0')}`,
      name: `Person ${i}`,
      positionCategory: head ? 'D-3' : pick(['C-O-4', 'C-O-5', 'C-R-3']),
      appointedOn,
      ...(next() < 0.02 ? { leftOn: `${year}-11-2${Math.floor(next() * 9)}` } : {}),
      quarters: {},
    };
    if (head) {
      person.workPlan = {
        kpis: [1, 2, 3, 4].map((k) => ({ id: `k${k}`, name: `KPI ${k}`, plan: { Q1: 100, Q2: 100, Q3: 100, Q4: 100 } })),
      };
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
        person.quarters![q] = {
          differentiation: {
            scores: { quality: score(), deadlines: score(), independence: score(), discipline: score() },
            justification: 'OK',
          },
        };
      }
    }
    const questionnaire = survey.questionnaires[head ? 'heads' : 'servants'];
    const groups = ['self', 'directManager', 'peer', 'peer', 'subordinate', 'peer'];
    person.survey360 = {
      responses: groups.map((group) => ({
        group,
        answers: Object.fromEntries(
          Object.entries(questionnaire.competencies).map(([c, competency]) => [
            c,
            Object.fromEntries(Object.keys(competency.indicators).map((ind) => [ind, pick(answers)])),
          ]),
        ),
      })),
    };
    yield person;
  }
}

const SURNAMES = ['Ахметов', 'Байжанова', 'Дәулетов', 'Есенова', 'Жұмабеков', 'Қайыпова', 'Нұрғалиев', 'Омарова', 'Серікбаев', 'Төлеуова'];
const NAMES = [
  'Серік Болатұлы',
  'Айгүл Маратқызы',
  'Ерлан Нұрланұлы',
  'Гүлмира Асқарқызы',
  'Арман Серікұлы',
  'Мадина Ерланқызы',
  'Дархан Маратұлы',
  'Сәуле Қайратқызы',
];
const WHY: Record<string, string[]> = {
  quality: ['Ескертулер мен шағымдар жоқ', 'Құжаттар сапалы дайындалды', 'Бір ескерту алды'],
  deadlines: ['Мерзімдер сақталды', 'Бір тапсырма кешіктірілді', 'Барлық тапсырмалар мерзімінде орындалды'],
  independence: ['Ұсыныстар енгізді', 'Өз бетінше шешім қабылдайды', 'Басшының көмегін жиі қажет етеді'],
  discipline: ['Тәртіп бұзушылық жоқ', 'Еңбек тәртібін сақтайды', 'Бір рет кешікті'],
};

/**
 * A body on model-2025 (`methodology`: its id or path), one year: every quarter two sheets
 * (the direct manager's and the unit head's) with the four parameters and a justification
 * each; units of 25; 5 % appointed during the year, 2 % dismissed. With `mistakes`, one
 * person in 500 has a score outside the scale and one in 2,000 a malformed date (set aside).
 */
export function* model2025People(size: number, year = 2026, seed = 7, mistakes = false): Generator<Person> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const score = () => Math.round((2.5 + next() * 2.5) * 4) / 4;
  const name = () => `${pick(SURNAMES)} ${pick(NAMES)}`;
  for (let i = 0; i < size; i++) {
    const unit = `u${String(Math.floor(i / 25)).padStart(4, '0')}`;
    const head = i % 25 === 0;
    const appointedOn = next() < 0.05 ? `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}` : '2020-09-01';
    const person: Person = {
      id: `Z${String(i).padStart(6, '0')}`,
      name: name(),
      position: head ? 'Бөлім басшысы' : 'Бас маман',
      positionCategory: head ? 'D-3' : pick(['C-O-3', 'C-O-4', 'C-O-5']),
      unit,
      appointedOn,
      ...(next() < 0.02 ? { leftOn: `${year}-11-2${Math.floor(next() * 9)}` } : {}),
      quarters: {},
    };
    if (mistakes && i % 2000 === 1999) person.appointedOn = `${year}-13-01`;
    const manager = name();
    const unitHead = name();
    QUARTERS.forEach((q, k) => {
      const month = String(k * 3 + 4).padStart(2, '0');
      const sheetYear = k === 3 ? year + 1 : year;
      const m = k === 3 ? '01' : month;
      const sheets = (['directManager', 'unitHead'] as const).map((role) => ({
        role,
        name: role === 'unitHead' ? unitHead : manager,
        evaluatedOn: `${sheetYear}-${m}-${role === 'unitHead' ? '15' : '10'}`,
        scores: { quality: score(), deadlines: score(), independence: score(), discipline: score() },
        justifications: {
          quality: pick(WHY.quality),
          deadlines: pick(WHY.deadlines),
          independence: pick(WHY.independence),
          discipline: pick(WHY.discipline),
        },
      }));
      if (mistakes && i % 500 === 250 && k === 1) sheets[0].scores.quality = 7;
      person.quarters![q] = { communicatedOn: `${sheetYear}-${m}-16`, quarterly: { sheets } } as never;
    });
    yield person;
  }
}

/** The units of a model-2025 body of `size` people (25 each). */
export function model2025Units(size: number): Record<string, { name: string; corpsBServants: number }> {
  const units: Record<string, { name: string; corpsBServants: number }> = {};
  for (let u = 0; u * 25 < size; u++)
    units[`u${String(u).padStart(4, '0')}`] = { name: `${u + 1}-бөлім`, corpsBServants: Math.min(25, size - u * 25) };
  return units;
}

/**
 * Writes an evaluation input person by person: `json` (one person a line inside
 * "people"), `yaml` (block style, as an HR officer writes it) or `ndjson` (a header line,
 * then one person a line). Returns the size in bytes.
 */
export function writePopulation(
  file: string,
  format: 'json' | 'yaml' | 'ndjson',
  header: Omit<EvaluationInput, 'people'>,
  people: Iterable<Person>,
): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  let pending = '';
  const write = (text: string) => {
    pending += text;
    if (pending.length > 1 << 20) {
      bytes += writeSync(fd, pending);
      pending = '';
    }
  };
  try {
    if (format === 'ndjson') {
      write(JSON.stringify(header) + '\n');
      for (const person of people) write(JSON.stringify(person) + '\n');
    } else if (format === 'json') {
      const top = JSON.stringify({ ...header, people: [] });
      write(top.slice(0, -3) + '[\n');
      let first = true;
      for (const person of people) {
        write((first ? '' : ',\n') + JSON.stringify(person));
        first = false;
      }
      write('\n]}\n');
    } else {
      for (const [key, value] of Object.entries(header)) write(`${key}: ${JSON.stringify(value)}\n`);
      write('people:\n');
      for (const person of people) write(yamlItem(person));
    }
    bytes += writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** One person as a YAML block list item; maps of scalars in flow style, as in the examples. */
function yamlItem(person: Person): string {
  const lines = yamlMap(person as unknown as Record<string, unknown>, '    ');
  lines[0] = `  - ${lines[0].trimStart()}`;
  return lines.join('\n') + '\n';
}

function yamlScalar(v: unknown): string {
  if (typeof v !== 'string') return String(v);
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(v) || (/^\p{L}[\p{L}\p{N} .-]*$/u.test(v) && !/^(true|false|null|yes|no|on|off)$/i.test(v));
  return plain ? v : JSON.stringify(v);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const flatMap = (v: Record<string, unknown>) =>
  `{ ${Object.entries(v)
    .map(([k, x]) => `${k}: ${yamlScalar(x)}`)
    .join(', ')} }`;
const isFlat = (v: unknown) => isMap(v) && Object.values(v).every((x) => x === null || typeof x !== 'object');

function yamlMap(map: Record<string, unknown>, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (isFlat(value)) lines.push(`${indent}${key}: ${flatMap(value as Record<string, unknown>)}`);
    else if (isMap(value)) lines.push(`${indent}${key}:`, ...yamlMap(value, indent + '  '));
    else if (Array.isArray(value)) {
      if (value.every((x) => x === null || typeof x !== 'object')) {
        lines.push(`${indent}${key}: [${value.map(yamlScalar).join(', ')}]`);
        continue;
      }
      lines.push(`${indent}${key}:`);
      for (const item of value) {
        if (isFlat(item)) {
          lines.push(`${indent}  - ${flatMap(item as Record<string, unknown>)}`);
          continue;
        }
        const inner = yamlMap(item as Record<string, unknown>, indent + '    ');
        inner[0] = `${indent}  - ${inner[0].trimStart()}`;
        lines.push(...inner);
      }
    } else lines.push(`${indent}${key}: ${yamlScalar(value)}`);
  }
  return lines;
}

const MALE_SURNAMES = ['Ахметов', 'Дәулетов', 'Жұмабеков', 'Нұрғалиев', 'Серікбаев', 'Сейітқали', 'Бекмұхамбетов'];
const FEMALE_SURNAMES = ['Байжанова', 'Есенова', 'Қайыпова', 'Омарова', 'Төлеуова', 'Әбдірахманова', 'Өтеғұлова'];
const MALE_NAMES = ['Серік Болатұлы', 'Ерлан Нұрланұлы', 'Арман Серікұлы', 'Дархан Маратұлы', 'Ержан Қайратұлы', 'Дәурен Асқарұлы'];
const FEMALE_NAMES = [
  'Айгүл Маратқызы',
  'Гүлмира Асқарқызы',
  'Мадина Ерланқызы',
  'Сәуле Қайратқызы',
  'Гүлнәр Сәкенқызы',
  'Әйгерім Бекқызы',
];
const KPI_NAMES = [
  'Электрондық форматта көрсетілген мемлекеттік қызметтердің үлесі',
  'Мерзімінде қаралған өтініштердің үлесі',
  'Ақпараттық жүйеге қосылған мекемелердің үлесі',
  'Бюджет қаражатының игерілу деңгейі',
];
const DEPARTMENTS = [
  'Цифрландыру және мемлекеттік қызметтер бөлімі',
  'Қаржы бөлімі',
  'Құқықтық қамтамасыз ету бөлімі',
  'Персоналды басқару қызметі',
  'Білім бөлімі',
  'Жер қатынастары бөлімі',
  'Құрылыс және сәулет бөлімі',
  'Тұрғын үй-коммуналдық шаруашылығы бөлімі',
  'Ішкі саясат бөлімі',
  'Кәсіпкерлік және өнеркәсіп бөлімі',
];

/**
 * The header of an Almaty body of `size` people for printing its forms: the body's name,
 * the HR officer who signs the 360 results, and units of 10 (one head each, as
 * `almatyPeople` makes every tenth person a head), named after an akimat's departments.
 */
export function almatyFormsHeader(size: number, year = 2024): Omit<EvaluationInput, 'people'> {
  const units: Record<string, { name: string; corpsBServants: number }> = {};
  for (let u = 0; u * 10 < size; u++) {
    const round = Math.floor(u / DEPARTMENTS.length);
    units[`u${String(u).padStart(4, '0')}`] = {
      name: DEPARTMENTS[u % DEPARTMENTS.length] + (round ? `, ${round + 1}-сектор` : ''),
      corpsBServants: Math.min(10, size - u * 10),
    };
  }
  return {
    methodology: 'almaty-akimat-2023',
    body: 'Алматы қаласы әкімдігі',
    year,
    signatories: { hrService: { name: 'Өтеғұлова Айгүл Бекқызы' } },
    units,
  };
}

/**
 * The people of `almatyPeople` (the same scores, in the same order) with what their forms
 * print: a Kazakh name, a position and unit, the evaluator of each quarter (a head's is a
 * deputy akim, a servant's the head of their unit), the work plan's approver, and a
 * justification per differentiation parameter. A separate generator picks the names, so the
 * scores are those of `almatyPeople` for the same seed.
 */
export function* almatyFormsPeople(methodology: Methodology, size: number, year = 2024, seed = 42): Generator<Person> {
  const next = random(seed + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const name = () => (next() < 0.5 ? `${pick(MALE_SURNAMES)} ${pick(MALE_NAMES)}` : `${pick(FEMALE_SURNAMES)} ${pick(FEMALE_NAMES)}`);
  const deputies = ['Нұрланов Дәурен Қайратұлы', 'Сапарова Жанар Ерланқызы', 'Ермеков Талғат Серікұлы'];
  let headName = '';
  for (const person of almatyPeople(methodology, size, year, seed)) {
    const i = Number(person.id.slice(1));
    const head = i % 10 === 0;
    const own = name();
    if (head) headName = own;
    const evaluator = head ? deputies[Math.floor(i / 10) % deputies.length] : headName;
    person.name = own;
    person.position = head ? 'Бөлім басшысы' : person.positionCategory === 'C-R-3' ? 'Бас маман' : 'Жетекші маман';
    person.unit = `u${String(Math.floor(i / 10)).padStart(4, '0')}`;
    if (person.workPlan) {
      person.workPlan.approvedBy = evaluator.replace(/^(\S+) (\S)\S* (\S)\S*$/, '$1 $2.$3.');
      person.workPlan.kpis.forEach((kpi, k) => Object.assign(kpi, { name: KPI_NAMES[k % KPI_NAMES.length], unit: '%' }));
    }
    for (const quarter of Object.values(person.quarters ?? {})) {
      const data = quarter as Record<string, unknown> & {
        differentiation?: { justification?: string; justifications?: Record<string, string> };
      };
      data.evaluator = evaluator;
      if (data.differentiation) {
        delete data.differentiation.justification;
        data.differentiation.justifications = {
          quality: pick(WHY.quality),
          deadlines: pick(WHY.deadlines),
          independence: pick(WHY.independence),
          discipline: pick(WHY.discipline),
        };
      }
    }
    yield person;
  }
}
