// What each form prints, checked on the view models (no Chromium): the example body of the
// 2018 model (examples/baiterek-akimat) as an HR officer reads it before signing — the KPI
// sheet of a quarter without later actual values, a calibrated score with the evaluator's
// and the protocol, one sentence per calibration outcome, a form for every result with
// figures (a deferred one too), the fact and basis of an evaluation without participation,
// the justification of each parameter, questionnaires left blank for the respondents, the
// weakest competencies with their ties, no band for the 360, the HR officer's name, and
// names cleaned of invisible characters.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type CalibrationOutcome, type EvaluationInput } from '../../src/engine/index.js';
import { planDocuments, type PlannedDocument } from '../../src/forms/render.js';
import { cleanText, uncovered } from '../../src/forms/sanitize.js';
import { renderForm } from '../../src/forms/templates.js';
import { decisionOf, formIds, formView, plainText, type FormView, type Signature } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

const root = join(import.meta.dirname, '../..');
function load(id: string): Methodology {
  const loaded = loadResolved(id);
  if (!loaded.ok) throw new Error(`cannot load ${id}`);
  return loaded.methodology;
}
const m = load(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'));
const input = loadEvaluationInput(join(root, 'examples/baiterek-akimat/evaluation-2026.yaml')).input!;
const results = evaluate(m, input, loadCalendar());
const docs = planDocuments(m, { forms: formIds(m), combined: true }, results, input);
const doc = (file: string): PlannedDocument => {
  const found = docs.find((d) => d.file === file);
  if (!found) throw new Error(`no ${file} among ${docs.length} documents`);
  return found;
};
const view = (file: string): FormView => doc(file).views[0];
const signature = (v: FormView, role: RegExp) => (v.signatures as Signature[]).find((s) => role.test(s.role))!;

describe('annex 2: the KPI sheet of a quarter', () => {
  it('prints the planned values of the year and the actual values up to its quarter only', () => {
    const rows = view('H01_2026-Q1_annex-2.pdf').rows as { name: string; plan: string[]; actual: string[] }[];
    const investments = rows.find((r) => /инвестиция/.test(r.name))!;
    expect(investments.plan).toEqual(['500', '800', '900', '1200']);
    expect(investments.actual).toEqual(['460', '', '', '']);
    // no row of the Q1 sheet shows a later quarter's actual value (H01's Q4 actual was 1260)
    for (const row of rows) expect(row.actual.slice(1)).toEqual(['', '', '']);
    const q3 = view('H01_2026-Q3_annex-2.pdf').rows as { actual: string[] }[];
    expect(q3.every((r) => r.actual[3] === '' && r.actual[2] !== '')).toBe(true);
  });

  it("a calibrated sheet shows the evaluator's score, the session's score and the protocol", () => {
    const v = view('H01_2026-Q2_annex-2.pdf');
    expect(v.finalScore).toBe('4,57');
    expect(v.calibrated).toEqual({ original: '4,57', final: '4,90', changed: true, protocolDate: '21.07.2026' });
    // an uncalibrated sheet has no such line
    expect(view('H01_2026-Q1_annex-2.pdf').calibrated).toBeUndefined();
  });

  it('a deferred result with figures gets its sheet and its score table (H03, Q1, on leave)', () => {
    const result = results.people.find((p) => p.id === 'H03')!.results.find((r) => r.period === 'Q1' && r.method === 'kpi')!;
    expect(result.status).toBe('deferred');
    expect(view('H03_2026-Q1_annex-2.pdf').finalScore).toBe('4,77');
    expect(doc('H03_2026-Q1_annex-3.pdf')).toBeDefined();
    expect(view('H03_2026-Q1_annex-2.pdf').statusNote).toMatch(/жұмысқа шыққаннан кейін.*\(әдістеменің 6-тармағы\)\.$/);
  });
});

describe('evaluated without the person taking part', () => {
  for (const [file, clause] of [
    ['H06_2026-Q2_annex-2.pdf', '7'],
    ['S09_2026-Q3_annex-4.pdf', '7'],
    ['S10_2026-Q2_annex-4.pdf', '6'],
  ]) {
    it(`${file}: the fact and its clause, and the person's line left unsigned with the note`, () => {
      const v = view(file);
      expect(v.statusNote).toMatch(new RegExp(`қатысуынсыз бағаланады \\(әдістеменің ${clause}-тармағы\\)\\.$`));
      const person = signature(v, /^Бағаланатын адам$/);
      expect(person.date).toBe('');
      expect(person.note).toBe('қатысуынсыз бағаланды');
      expect(person.name).not.toBe('');
    });
  }

  it("an ordinary sheet has no such note and the person's date of familiarisation", () => {
    const v = view('S07_2026-Q1_annex-4.pdf');
    expect(v.statusNote).toBe('');
    expect(signature(v, /^Бағаланатын адам$/).date).toBe('09.04.2026');
    expect(signature(v, /^Бағаланатын адам$/).note).toBeUndefined();
  });
});

describe('annex 4: the justification of each parameter', () => {
  it("fills the Негіздеме column from the input's justification per parameter", () => {
    const rows = view('S07_2026-Q1_annex-4.pdf').parameters as { title: string; justifications: string[] }[];
    expect(rows.map((r) => r.justifications)).toEqual([
      ['Негізделген ескертулер мен шағымдар болған жоқ'],
      ['Бір тапсырма мерзімінен кеш орындалды'],
      ['Көбіне басшының нұсқауымен жұмыс істейді'],
      ['Дәлелді себепсіз бірнеше рет кешікті'],
    ]);
  });
});

describe('annexes 5–8: the 360', () => {
  it('a questionnaire is for respondents: filled, it names the person and prints no averages, answers or mark', () => {
    const v = view('H04_2026_annex-5.pdf');
    expect(v.personName).toBe('Омарова Айнұр Қанатқызы');
    expect(v.mark).toBeUndefined();
    const text = JSON.stringify(v.competencies);
    expect(text).not.toMatch(/\d,\d\d/);
    expect(v).not.toHaveProperty('respondents');
  });

  it('marks every competency tied with the third lowest (H04: rows 5, 6 and 11 at 3,89, row 10 lowest)', () => {
    const v = view('H04_2026_annex-7.pdf');
    const marked = (v.competencies as { n: number; weak: boolean; average: string }[]).filter((c) => c.weak);
    expect(marked.map((c) => c.n)).toEqual([5, 6, 10, 11]);
    expect(marked.map((c) => c.average)).toEqual(['3,89', '3,89', '3,56', '3,89']);
  });

  it('shades the cells of the weakest rows, never the radar beside them (competency 1 among the weakest)', () => {
    const v = view('H04_2026_annex-7.pdf');
    const competencies = (v.competencies as { weak: boolean }[]).map((c, i) => ({ ...c, weak: i === 0 || c.weak }));
    const html = renderForm({ ...v, competencies });
    const firstRow = /<tbody[^>]*>\s*<tr>([\s\S]*?)<\/tr>/.exec(html)![1];
    expect(firstRow).toMatch(/<td class="num marked">1<\/td>/);
    expect(firstRow).toMatch(/<td class="radar-cell"/);
    expect(firstRow).not.toMatch(/class="radar-cell[^"]*marked/);
    expect(html).not.toMatch(/<tr class="marked"/);
  });

  it('gives the 360 result no band the act does not define', () => {
    const v = view('H04_2026_annex-7.pdf');
    expect(v.score).toBe('4,05');
    expect(v.bandLabel).toBe('');
  });

  it("names the HR officer who signs the result (the input's signatories)", () => {
    expect(signature(view('H04_2026_annex-7.pdf'), /Персоналды басқару/).name).toBe('Қасымова Ж.Е.');
    expect(signature(view('S07_2026_annex-8.pdf'), /Персоналды басқару/).name).toBe('Қасымова Ж.Е.');
  });
});

describe('the calibration protocol: one sentence per outcome', () => {
  const outcome = (o: Partial<CalibrationOutcome>): CalibrationOutcome => ({
    appliedOn: '2026-07-14',
    originalScore: 4.57,
    votes: [],
    decidedBy: 'majority',
    finalScore: 4.57,
    direction: 'unchanged',
    band: 'effective',
    bandLabel: '',
    deadlines: [],
    ...o,
  });
  const cases: [string, CalibrationOutcome | undefined, number[], RegExp][] = [
    [
      'majorityUp',
      outcome({
        votes: [
          { score: 4.9, count: 3 },
          { score: 4.57, count: 1 },
        ],
        finalScore: 4.9,
        direction: 'up',
      }),
      [],
      /басым дауысымен \(3 дауыс, қатысушылар саны – 4\) қорытынды бағаны 4,90 деп қабылдады: бағалау жоғарылау жағына қарай түзетілді\.$/,
    ],
    [
      'majorityDown',
      outcome({
        votes: [
          { score: 4, count: 3 },
          { score: 4.8, count: 2 },
        ],
        finalScore: 4,
        direction: 'down',
      }),
      [],
      /\(3 дауыс, қатысушылар саны – 5\) қорытынды бағаны 4,00 деп қабылдады: бағалау төмендеу жағына қарай түзетілді\.$/,
    ],
    [
      'majorityUnchanged',
      outcome({ votes: [{ score: 4.57, count: 3 }] }),
      [],
      /басым дауысымен \(3 дауыс, қатысушылар саны – 3\) бағалаушы адам қойған 4,57 бағасын өзгеріссіз қалдырды\.$/,
    ],
    [
      'majorityNotAllowed',
      outcome({ votes: [{ score: 3.5, count: 3 }], finalScore: 4.57 }),
      [],
      /Басым дауыс 3,50 бағасына берілді, бірақ әдістеме бағалауды бұл бағытта түзетуге жол бермейді: бағалаушы адам қойған 4,57 бағасы өзгеріссіз қалдырылды\.$/,
    ],
    [
      'tieStands',
      outcome({
        decidedBy: 'tieRule',
        tieRule: 'evaluatorScoreStands',
        votes: [
          { score: 4.2, count: 2 },
          { score: 4.8, count: 2 },
        ],
      }),
      [],
      /^Ұсыныстардың ешқайсысы басым дауыс алмағандықтан, бағалаушы адам қойған 4,57 бағасы өзгеріссіз қалдырылды\.$/,
    ],
    [
      'tieLower',
      outcome({
        decidedBy: 'tieRule',
        tieRule: 'lowerScore',
        votes: [
          { score: 4.2, count: 2 },
          { score: 4.8, count: 2 },
        ],
        finalScore: 4.2,
        direction: 'down',
      }),
      [],
      /ең төменгісі – 4,20 – қорытынды баға болып қабылданды\.$/,
    ],
    [
      'tieHigher',
      outcome({
        decidedBy: 'tieRule',
        tieRule: 'higherScore',
        votes: [
          { score: 4.2, count: 2 },
          { score: 4.8, count: 2 },
        ],
        finalScore: 4.8,
        direction: 'up',
      }),
      [],
      /ең жоғарысы – 4,80 – қорытынды баға болып қабылданды\.$/,
    ],
    [
      'tieChair',
      outcome({
        decidedBy: 'tieRule',
        tieRule: 'chairDecides',
        votes: [
          { score: 4.2, count: 2 },
          { score: 4.8, count: 2 },
        ],
        finalScore: 4.8,
        direction: 'up',
      }),
      [],
      /төрағасының ұсынысы бойынша 4,80 болып қабылданды\.$/,
    ],
    [
      'outsideScale',
      undefined,
      [4.5, 6, 4.5],
      /^Ұсыныстардың бірі бағалау шкаласынан \(0–5\) тыс болғандықтан, калибрлеу сессиясының шешімі қолданылмады: бағалаушы адам қойған 4,57 бағасы өзгеріссіз қалды\.$/,
    ],
  ];
  for (const [kind, o, proposals, sentence] of cases) {
    it(`${kind}: one sentence, which says only that`, () => {
      const decision = decisionOf(m, o, proposals, 4.57)!;
      expect(decision.kind).toBe(kind);
      expect(decision.text).toMatch(sentence);
      // a single sentence: one full stop, at its end, and no word of another outcome
      expect(decision.text.match(/\.(\s|$)/g)).toHaveLength(1);
      if (!/^tie/.test(kind)) expect(decision.text).not.toMatch(/ешқайсысы басым дауыс алмағандықтан/);
      if (kind !== 'majorityUp' && kind !== 'majorityDown') expect(decision.text).not.toMatch(/басым дауысымен .* түзетілді/);
    });
  }

  it('through the engine: H01 (majority, up) and H05 (tied vote) of the example', () => {
    const h01 = view('H01_2026-Q2_calibration-protocol.pdf').decision as { kind: string; text: string; score: string };
    expect(h01).toMatchObject({ kind: 'majorityUp', score: '4,90' });
    const h05 = view('H05_2026-Q3_calibration-protocol.pdf').decision as { kind: string; text: string; score: string };
    expect(h05).toMatchObject({ kind: 'tieStands', score: '4,34' });
    expect(h05.text).not.toMatch(/басым дауысымен/);
  });

  it('a session whose proposal lies outside the scale gets its protocol, saying it was not applied', () => {
    const withOutside: EvaluationInput = structuredClone(input);
    const h01 = withOutside.people.find((p) => p.id === 'H01')!;
    h01.calibrations![0].members[0].proposal = 6;
    const res = evaluate(m, withOutside, loadCalendar());
    const planned = planDocuments(m, { forms: ['calibrationProtocol'] }, res, withOutside);
    const protocol = planned.find((d) => d.file === 'H01_2026-Q2_calibration-protocol.pdf')!.views[0];
    expect(protocol.decision as { kind: string; score: string }).toMatchObject({ kind: 'outsideScale', score: '4,57' });
  });
});

describe('what a form may print', () => {
  it('removes control and formatting characters, with a warning naming the field', () => {
    expect(cleanText('Ахметова\u200B Ә\u202EС\u2066\uFEFF')).toEqual({
      text: 'Ахметова ӘС',
      removed: ['U+200B', 'U+202E', 'U+2066', 'U+FEFF'],
    });
    const hostile: EvaluationInput = structuredClone(input);
    const s07 = hostile.people.find((p) => p.id === 'S07')!;
    s07.name = 'Ахметова Әйгерім\u202E Серікқызы';
    s07.position = 'бас\u200B маман';
    const warnings: string[] = [];
    const planned = planDocuments(m, { forms: ['annex4'], warnings }, evaluate(m, hostile, loadCalendar()), hostile);
    expect(warnings).toContain('S07: name: removed U+202E (invisible control or formatting characters are not printed)');
    expect(warnings).toContain('S07: position: removed U+200B (invisible control or formatting characters are not printed)');
    const v = planned.find((d) => d.file === 'S07_2026-Q1_annex-4.pdf')!;
    expect(v.views[0].personName).toBe('Ахметова Әйгерім Серікқызы');
    expect(v.error).toBeUndefined();
  });

  it('a character the font lacks stops that form (and the unit bundle holding it), not the others', () => {
    expect(uncovered('Сейітқали Ержан Болатұлы, «Б» № 5–7 — ӘҒҚҢӨҰҮҺІ')).toEqual([]);
    expect(uncovered('Ахметова 😀 中')).toEqual(['😀', '中']);
    const hostile: EvaluationInput = structuredClone(input);
    hostile.people.find((p) => p.id === 'S07')!.name = 'Ахметова Әйгерім 😀';
    const planned = planDocuments(m, { forms: ['annex4'], combined: true }, evaluate(m, hostile, loadCalendar()), hostile);
    expect(planned.find((d) => d.file === 'S07_2026-Q1_annex-4.pdf')!.error).toMatch(/"😀" \(U\+1F600\) cannot be printed/);
    expect(planned.find((d) => d.file === 'unit-econ_2026.pdf')!.error).toMatch(/S07_2026-Q1_annex-4\.pdf/);
    expect(planned.find((d) => d.file === 'S10_2026-Q1_annex-4.pdf')!.error).toBeUndefined();
  });
});

describe('metadata', () => {
  it('a form is titled by its title, authored by the body, its subject the person and period', () => {
    const v = view('H01_2026-Q1_annex-2.pdf');
    expect(v.title).toBe('НМИ бойынша бағалау парағы');
    expect(v.author).toBe('Бәйтерек ауданының әкімдігі');
    expect(v.subject).toBe('Сұлтанов Ерлан Қайратұлы, 2026 жылғы 1-тоқсан');
  });

  it("a unit's bundle has its own short title, not every form's", () => {
    const unit = doc('unit-econ_2026.pdf');
    expect(unit.meta).toEqual({
      title: 'Бағалау нысандары: Экономика және бюджеттік жоспарлау бөлімі, 2026 жыл',
      author: 'Бәйтерек ауданының әкімдігі',
      subject: 'Экономика және бюджеттік жоспарлау бөлімі, 2026 жыл',
    });
  });

  it('blank forms have no subject', () => {
    const v = formView(load('almaty-akimat-2023'), 'annex4');
    expect(v.subject).toBe('');
    expect(plainText(undefined)).toBe('');
  });
});
