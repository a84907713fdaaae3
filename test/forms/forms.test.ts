// Every form, blank and filled, for Almaty and for Enbekshikazakh, printed by Chromium and
// read back with poppler: title, header, names, figures, band label, only Tinos embedded,
// no word mixing Latin and Cyrillic. Page 1 of each is kept as a PNG for a human to look at
// ($BAGALAU_FORMS_OUTPUT or <tmp>/bagalau-forms-test/).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationResult } from '../../src/engine/index.js';
import { documentParts } from '../../src/forms/batch.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { formFileSuffix, planDocuments, renderDocuments } from '../../src/forms/render.js';
import { renderDocument } from '../../src/forms/templates.js';
import { formIds } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import { findMixedScriptWords } from '../../src/text/mixedScript.js';
import {
  expectPhrase,
  firstPagePng,
  flat,
  pdfFonts,
  pdfPages,
  pdfRawPages,
  pdfRawText,
  pdfStructure,
  pdfTagged,
  pdfText,
} from './pdf-tools.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// Kept after the run for a human to look at (the PNGs of page 1): not in the repository.
const outputRoot = process.env.BAGALAU_FORMS_OUTPUT ?? join(tmpdir(), 'bagalau-forms-test');
const fixture = join(here, 'fixtures', 'evaluation-2023.yaml');
const input = loadEvaluationInput(fixture).input!;

function load(id: string): Methodology {
  const result = loadResolved(id);
  if (!result.ok) throw new Error(`cannot load ${id}`);
  return result.methodology;
}

const bodies = [
  {
    id: 'almaty-akimat-2023',
    header: 'Алматы қаласы әкімдігінің "Б" корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалау әдістемесіне',
    unitHeadRole: 'Құрылымдық бөлімшенің/мемлекеттік органның басшысы',
    appointing: 'лауазымды адам',
  },
  {
    id: 'enbekshikazakh-maslikhat-2023',
    header: '"Б" корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалаудың үлгілік әдістемесіне',
    unitHeadRole: 'Аудандық мәслихат аппаратының басшысы',
    appointing: 'Мәслихат төрағасы',
  },
];

// Figures the fixture's results must show, per form (filled).
const HEAD = 'Сейітқали Ержан Болатұлы';
const SERVANT = 'Әбдірахманова Гүлнәр Сәкенқызы';
const expected: Record<string, { file: string; strings: string[] }> = {
  annex1: {
    file: 'H1_2023_annex-1.pdf',
    strings: [
      HEAD,
      'БЕКІТЕМІН',
      'Жоғары тұрған басшы',
      'Нұрланов Д.Қ.',
      'күні 13.01',
      'жыл 2023',
      'Электрондық форматта',
      '31.03.2023',
      'Қызмет алушылардың уақыты үнемделеді',
    ],
  },
  annex2: {
    file: 'H1_2023-Q3_annex-2.pdf',
    strings: [
      `${HEAD}, Бөлім басшысы`,
      '2023 жылғы 3-тоқсан',
      '86,4',
      '88,89',
      '4,80',
      '4,40',
      '4,10',
      '4,43',
      'Кестенің жалғасы',
      'Функционалдық міндеттерін тиімді атқарады',
      'Бағаланатын адам',
      'Бағалайтын адам',
      'Сейітқали Е.Б.',
      `НМИ бойынша бағалау парағы: ${HEAD}, 2023 жылғы 3-тоқсан`,
    ],
  },
  annex3: { file: 'H1_2023-Q3_annex-3.pdf', strings: ['100 және одан жоғары', '40–44,49', '2–2,24', '0–4,99', '0–0,24', '96 %, 4,80'] },
  annex4: {
    file: 'S1_2023-Q3_annex-4.pdf',
    strings: [
      SERVANT,
      'Сейітқали Ержан Болатұлы',
      '2023 жылғы 3-тоқсан',
      'Негізделген ескертулер мен шағымдардың болмауы',
      '3,50',
      '3,63',
      '3,75',
      'Функционалдық міндеттерін тиісті түрде атқарады',
      'бір құжат мерзімінен кеш ұсынылды',
      'Екі құжат мерзімінен кеш ұсынылды',
      '24.10.2023 хаттамасы',
    ],
  },
  annex5: {
    file: 'H1_2023_annex-5.pdf',
    strings: [
      HEAD,
      'Құрметті респондент!',
      'Қызметті басқару бойынша орташа баға',
      'Команданы басқару',
      'құзырет жағдайлардың жартысында көрінеді',
    ],
  },
  annex6: {
    file: 'S1_2023_annex-6.pdf',
    strings: [SERVANT, 'Тиімді коммуникацияларды құру бойынша орташа баға', 'құзырет әрқашан көрінеді'],
  },
  annex7: {
    file: 'H1_2023_annex-7.pdf',
    strings: [HEAD, 'Паутинка', 'Көшбасшылық қасиеттер', '3,00', 'Бағалау нәтижесі: 3,69', 'Ең аз көрінген құзыреттер', 'Өтеғұлова А.Б.'],
  },
  annex8: {
    file: 'S1_2023_annex-8.pdf',
    strings: [SERVANT, 'Паутинка', 'Өзін-өзі дамыту', '2,67', 'Бағалау нәтижесі: 3,42', 'Ең аз көрінген құзыреттер', 'Өтеғұлова А.Б.'],
  },
  calibrationProtocol: {
    file: 'S1_2023-Q3_calibration-protocol.pdf',
    strings: [
      SERVANT,
      'Жақыпова Әйгерім Серікқызы',
      '3,63',
      '3,75',
      'басым дауысымен (2 дауыс, қатысушылар саны – 3)',
      'жоғарылау жағына қарай түзетілді',
      '24.10.2023',
      'Өтеғұлов Б.Н.',
    ],
  },
};
// On the blank forms: what comes from the methodology alone.
const blankStrings: Record<string, string[]> = {
  annex1: ['БЕКІТЕМІН', 'Жоғары тұрған басшы', 'Жоспарлы мәні', 'Қол жеткізу мерзімі', 'Түйінді нәтиже'],
  annex2: [
    'Жоспарлы мәні',
    'Нақты мәні',
    'Кестенің жалғасы',
    'НМИ пайыздық іске асуы',
    'функционалдық міндеттерін қанағаттанарлықсыз түрде атқарады (қанағаттанарлықсыз баға)',
    'Бағалайтын адам',
  ],
  annex3: ['100 және одан жоғары', '95–99,99', '4,75–4,99', '40–44,49'],
  annex4: ['Функционалдық міндеттерді орындау сапасы', 'Еңбек тәртібін сақтау', 'Бағалау (1-ден 5 баллға дейін)', 'Негіздеме'],
  annex5: [
    'Стратегиялық мақсаттарға сәйкес нақты міндеттер қояды',
    'Бастамашылық бойынша орташа бағалау',
    'Нәтижеге бағдар бойынша орташа баға',
    'құзырет көрінбейді',
  ],
  annex6: [
    'Мүдделі тараптармен топтың/команданың тиімді жұмысын құрады',
    'Өзін-өзі дамыту бойынша орташа баға',
    'құзырет көп жағдайда көрінеді',
  ],
  annex7: ['Паутинка', 'Қызметті басқару', 'Бастамашылдық'],
  annex8: ['Паутинка', 'Тиімді коммуникациялар құру', 'Дербестік және шешім қабылдау дағдылары', 'Өзін-өзі дамыту'],
  calibrationProtocol: ['Ұсынылған баға', 'Дауыс саны', 'Шешім', 'Қорытынды баға:', 'Бағалау нәтижесі:', '(тегі, бас әріптер) (қолы)'],
};

let printer: FormPrinter;

beforeAll(async () => {
  findChromium(); // fails with the setup message when there is no Chromium: nothing is skipped
  // only this file's folders: layout/ and forms-quarterly-2024/ beside them belong to test files that run at the same time
  for (const body of bodies) rmSync(join(outputRoot, body.id), { recursive: true, force: true });
  mkdirSync(outputRoot, { recursive: true });
  printer = await FormPrinter.launch({ pages: 3 });
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

function checkCommon(file: string, m: Methodology, key: string, header: string, showsResults: boolean): string {
  expect(existsSync(file), file).toBe(true);
  const text = pdfText(file);
  const flatText = flat(text);
  expect(flatText).toContain(flat(m.forms[key].title.kk));
  if (m.forms[key].annex !== undefined) expect(flatText).toContain(`${header} ${m.forms[key].annex}-қосымша`);
  const fonts = pdfFonts(file);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.name, `${file}: ${font.name}`).toMatch(/^Tinos-(Regular|Bold)$/);
    expect(font.embedded, `${file}: ${font.name} not embedded`).toBe(true);
  }
  expect(
    findMixedScriptWords(text).map((w) => w.word),
    file,
  ).toEqual([]);
  // the confidentiality mark on every page of a form that shows results, and only there
  const pages = text.split('\f').filter((p) => p.trim());
  const mark = m.confidentiality.mark!.kk;
  // page numbers counted per form, also when the form was printed in a batch with others
  pages.forEach((page, i) => {
    if (showsResults) expect(page).toContain(mark);
    expect(page.match(/\d+ \/ \d+ бет/g), `${file}: page ${i + 1}`).toEqual([`${i + 1} / ${pages.length} бет`]);
  });
  if (!showsResults) expect(text).not.toContain(mark);
  return flatText;
}

for (const body of bodies) {
  describe(`forms of ${body.id}`, () => {
    const m = load(body.id);
    const results: EvaluationResult = evaluate(m, { ...input, methodology: body.id }, loadCalendar(), { allowOutOfForce: true });
    const dir = join(outputRoot, body.id);

    it('has results for both people without errors in the fixture', () => {
      const errors = results.people
        .flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)])
        .filter((p) => p.severity === 'error');
      expect(errors).toEqual([]);
    });

    it('prints every form blank from the methodology alone', async () => {
      const docs = planDocuments(m, { forms: formIds(m), blank: true });
      const outcome = await renderDocuments(docs, join(dir, 'blank'), { printer });
      expect(outcome.failed).toEqual([]);
      for (const key of formIds(m)) {
        const file = join(dir, 'blank', `${m.id}_blank_${formFileSuffix(m, key)}.pdf`);
        const text = checkCommon(file, m, key, body.header, false);
        for (const s of blankStrings[key]) expectPhrase(text, s, key);
        expect(text).not.toContain(HEAD);
        firstPagePng(file, join(dir, 'png', `blank-${formFileSuffix(m, key)}`));
      }
    });

    it('prints every form filled from the results', async () => {
      const docs = planDocuments(m, { forms: formIds(m), combined: true }, results, input);
      const outcome = await renderDocuments(docs, join(dir, 'filled'), { printer });
      expect(outcome.failed).toEqual([]);
      for (const key of formIds(m)) {
        const file = join(dir, 'filled', expected[key].file);
        // the work plan and the questionnaires (for respondents) show no results: no mark
        const text = checkCommon(file, m, key, body.header, !['workPlan', 'questionnaire'].includes(m.forms[key].kind));
        for (const s of expected[key].strings) expectPhrase(text, s, key);
        firstPagePng(file, join(dir, 'png', `filled-${formFileSuffix(m, key)}`));
      }
      const combined = join(dir, 'filled', 'unit-u1_2023.pdf');
      const text = flat(pdfText(combined));
      for (const key of formIds(m)) expect(text).toContain(flat(m.forms[key].title.kk));
      // the filled questionnaires print no average of the results
      for (const key of ['annex5', 'annex6']) expect(flat(pdfText(join(dir, 'filled', expected[key].file)))).not.toMatch(/\d,\d\d/);
    });

    it('prints documents in one batch as it prints them alone — pages, text, fonts — with page numbers per document', async () => {
      const docs = planDocuments(m, { forms: formIds(m), combined: true }, results, input);
      const htmls = docs.map((d) => renderDocument(d.views));
      const batched = await printer.pdfs(htmls);
      // documents are batched with those of the same head (annex 1, without the mark, has its own)
      const heads = htmls.map((h) => documentParts(h)?.head);
      expect(heads.every((h) => h !== undefined)).toBe(true);
      for (const [i, doc] of docs.entries()) {
        const alone = join(dir, 'batch', `alone-${doc.file}`);
        const inBatch = join(dir, 'batch', `batched-${doc.file}`);
        mkdirSync(join(dir, 'batch'), { recursive: true });
        writeFileSync(alone, await printer.pdf(htmls[i]));
        writeFileSync(inBatch, batched[i]);
        // printed alone, a document is tagged; split from a batch, untagged unless the printer tags batches (below)
        const shared = heads.filter((h) => h === heads[i]).length > 1 || doc.views.length > 1;
        expect(pdfTagged(alone), `${doc.file}: printed alone, tagged`).toBe(doc.views.length === 1);
        expect(pdfTagged(inBatch), `${doc.file}: split from a batch, untagged`).toBe(!shared);
        expect(pdfPages(inBatch), doc.file).toBe(pdfPages(alone));
        expect(pdfRawPages(inBatch), doc.file).toEqual(pdfRawPages(alone));
        for (const font of pdfFonts(inBatch)) {
          expect(font.name, `${doc.file}: ${font.name}`).toMatch(/^Tinos-(Regular|Bold)$/);
          expect(font.embedded).toBe(true);
        }
      }
    });

    it('tagging batches (--tagged): each split PDF keeps its part of the structure tree, the same as printed alone', async () => {
      const docs = planDocuments(m, { forms: formIds(m), combined: true }, results, input);
      const htmls = docs.map((d) => renderDocument(d.views));
      const tagging = await FormPrinter.launch({ pages: 2, tagBatches: true });
      try {
        const batched = await tagging.pdfs(htmls);
        mkdirSync(join(dir, 'tagged'), { recursive: true });
        for (const [i, doc] of docs.entries()) {
          const inBatch = join(dir, 'tagged', `batched-${doc.file}`);
          writeFileSync(inBatch, batched[i]);
          expect(pdfTagged(inBatch), doc.file).toBe(true);
          expect(pdfRawText(inBatch), doc.file).toBe(pdfRawText(join(dir, 'batch', `batched-${doc.file}`)));
          if (doc.views.length > 1) continue; // a bundle is always printed as a batch
          const alone = join(dir, 'batch', `alone-${doc.file}`);
          expect(pdfStructure(inBatch), `${doc.file}: the structure tree of the split PDF`).toBe(pdfStructure(alone));
        }
      } finally {
        await tagging.close();
      }
    }, 120_000);

    it('takes the body-specific wording from the methodology', () => {
      const text = flat(pdfText(join(dir, 'filled', expected.annex4.file)));
      expectPhrase(text, body.unitHeadRole, 'annex4');
      const protocol = flat(pdfText(join(dir, 'filled', expected.calibrationProtocol.file)));
      expect(protocol).toContain(m.body.name.kk);
      expect(protocol).toContain(body.appointing);
    });
  });
}
