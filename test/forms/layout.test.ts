// The layout an HR officer signs, checked page by page with poppler on every form kind, blank
// and filled, for Almaty and for Enbekshikazakh (whose role titles are the longest), with the
// fixture's people and two more whose names, positions, KPIs, justifications and calibration
// members are as long as such texts get:
// - the signatures share their page with the end of the form — the last rows of its table and
//   the result — and repeat the form's title and the person's name above them; every page
//   holds some of a table of the form or its end (page 1 too: not only the heading), and annex
//   2's "Кестенің жалғасы" is on the page where its table begins;
// - a word is never broken across two lines (Chromium has no Kazakh hyphenation);
// - a label sits on the first line of a value that wraps, and the date and signature lines of
//   every signer are level, also when one title wraps;
// - each form of a unit's bundle is numbered on its own;
// - the PDF's Info: the form's title, the body, the person and period, bagalau as creator, no keywords.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate, type EvaluationInput } from '../../src/engine/index.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { planDocuments, renderDocuments, type PlannedDocument } from '../../src/forms/render.js';
import { renderDocument } from '../../src/forms/templates.js';
import { formIds } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import { flat } from './pdf-tools.js';

const outputRoot = join(process.env.BAGALAU_FORMS_OUTPUT ?? join(tmpdir(), 'bagalau-forms-test'), 'layout');

function load(id: string): Methodology {
  const loaded = loadResolved(id);
  if (!loaded.ok) throw new Error(`cannot load ${id}`);
  return loaded.methodology;
}

// ——— the longest texts: two people added to the fixture ———
const LONG_HEAD = 'Мұхамедқалиева-Сейітбекова Гүлжаһан-Айнагүл Нұрмұхаммедқызы';
const LONG_SERVANT = 'Әбдіқадыров-Жанұзақов Бауыржан-Нұрсұлтан Сейітмұхамедұлы';
const LONG_POSITION = 'Цифрландыру, мемлекеттік қызметтер көрсету және ақпараттық қауіпсіздік мәселелері жөніндегі бөлімнің басшысы';
const longKpi = (i: number) =>
  `Халыққа электрондық форматта көрсетілген мемлекеттік және өзге де қызметтердің жалпы санындағы үлесін арттыру (${i}-бағыт)`;
const LONG_JUSTIFICATION =
  'Есепті тоқсанда тапсырмалардың басым бөлігі уақтылы және сапалы орындалды, алайда екі құжат белгіленген мерзімнен кеш ұсынылды, бір хатқа негізделген ескерту берілді';

function stressInput(): EvaluationInput {
  const input = structuredClone(loadEvaluationInput(join(import.meta.dirname, 'fixtures', 'evaluation-2023.yaml')).input!);
  input.units!.u2 = {
    name: 'Цифрландыру, мемлекеттік қызметтер көрсету және ақпараттық қауіпсіздік мәселелері жөніндегі бөлім',
    corpsBServants: 40,
  };
  const head = structuredClone(input.people.find((p) => p.id === 'H1')!);
  // left before the 360 was done: annex 7 evaluated without participation, its longest end
  // (the rule and its clause, the person's empty line with its note) under the 12 competencies
  Object.assign(head, { id: 'HL', name: LONG_HEAD, position: LONG_POSITION, unit: 'u2', leftOn: '2023-12-20' });
  head.workPlan!.kpis = Array.from({ length: 5 }, (_, i) => ({
    id: `k${i + 1}`,
    name: longKpi(i + 1),
    source: 'Алматы қаласын дамытудың 2025 жылға дейінгі бағдарламасы, 3.2.1-нысаналы индикатор және «А» корпусы қызметшісінің келісімі',
    unit: 'пайыз',
    plan: { Q1: 80, Q2: 85, Q3: 90, Q4: 95 },
    deadline: { Q1: '2023-03-31', Q2: '2023-06-30', Q3: '2023-09-29', Q4: '2023-12-29' },
    expectedResult: 'Қызмет алушылардың уақыты мен қаражаты үнемделеді, жүгіну саны азаяды',
  }));
  // 96–100.4 % of the plan of 90: scores within annex 3's ranges
  head.quarters!.Q3.kpi = Object.fromEntries(
    Array.from({ length: 5 }, (_, i) => [`k${i + 1}`, { actual: 86.4 + i, score: i < 4 ? 4.8 : 5 }]),
  );
  const servant = structuredClone(input.people.find((p) => p.id === 'S1')!);
  Object.assign(servant, { id: 'SL', name: LONG_SERVANT, position: LONG_POSITION.replace('басшысы', 'бас маманы'), unit: 'u2' });
  const sheet = servant.quarters!.Q3.differentiation as { justification: string; justifications: Record<string, string> };
  sheet.justification = LONG_JUSTIFICATION;
  sheet.justifications = {
    quality: LONG_JUSTIFICATION,
    deadlines: LONG_JUSTIFICATION,
    independence: LONG_JUSTIFICATION,
    discipline: LONG_JUSTIFICATION,
  };
  servant.quarters!.Q3.evaluator = LONG_HEAD;
  const members = [
    'Нұрланов Дәурен Қайратұлы',
    'Жақыпова Әйгерім Серікқызы',
    'Өтеғұлов Бауыржан Нұрланұлы',
    'Сейітбекова-Қалиева Ақмаржан Нұрсұлтанқызы',
    'Мұхамеджанов Ерғали Тұрсынбекұлы',
    'Бекмұхамбетова Гүлназ Асқарқызы',
    'Жанұзақов Бекзат Ерланұлы',
  ];
  servant.calibrations = [
    {
      ...servant.calibrations![0],
      chair: members[0],
      members: members.map((name, i) => ({ name, position: LONG_POSITION, proposal: i < 4 ? 3.75 : 3.63 })) as NonNullable<
        typeof servant.calibrations
      >[0]['members'],
    },
  ];
  input.people.push(head, servant);
  return input;
}

const input = stressInput();
let printer: FormPrinter;

beforeAll(async () => {
  findChromium();
  rmSync(outputRoot, { recursive: true, force: true });
  mkdirSync(outputRoot, { recursive: true });
  printer = await FormPrinter.launch({ pages: 3 });
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

/** pdftotext -layout, one string per page. */
const pages = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);

/** The words of `phrase` in order in `text` (pdftotext interleaves the lines of neighbouring cells). */
function hasPhrase(text: string, phrase: string): boolean {
  // (a line may break after the hyphen of a double name: the two halves are one word)
  const words = flat(text)
    .replace(/(\p{L})- (?=\p{L})/gu, '$1-')
    .split(' ');
  let at = 0;
  for (const word of phrase.split(/\s+/).filter(Boolean)) {
    const found = words.findIndex((w, i) => i >= at && w.includes(word));
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

const strip = (html: string) =>
  flat(
    html
      .replace(/<\/?(span|b|i)\b[^>]*>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;/g, "'"),
  ).trim();

/**
 * What must share a page in a form: the end (its first words), the table before it (its
 * longest head, repeated on every page the table runs on) and the last row of that table
 * (unless blank). From the form's HTML, one per form of the document.
 */
function markers(html: string): { ending: string; tableHead: string; tableHeads: string[]; lastRow: string; signedFor?: string }[] {
  return html
    .split('<section ')
    .slice(1)
    .flatMap((section) => {
      const at = section.indexOf('<div class="ending">');
      if (at < 0) return [];
      const before = section.slice(0, at);
      const table = before.slice(before.lastIndexOf('<table'));
      const heads = [...table.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => strip(m[1])).filter(Boolean);
      const rows = [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(
        (m) => [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => strip(c[1])).find((t) => t.length > 2) ?? '',
      );
      const endingText = strip(section.slice(at)).split(' ').slice(0, 3).join(' ');
      const signedFor = /<div class="signed-for">([\s\S]*?)<\/div>/.exec(section)?.[1];
      // the longest head of every table of the form (annex 2 has two: the values, then the continued table)
      const tableHeads = before
        .split('<table')
        .slice(1)
        .map((t) => [...t.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => strip(m[1])).sort((a, b) => b.length - a.length)[0] ?? '')
        .filter(Boolean);
      return [
        {
          ending: endingText,
          tableHead: heads.sort((a, b) => b.length - a.length)[0] ?? '',
          tableHeads,
          lastRow: (rows.at(-1) ?? '').split(' ').slice(0, 4).join(' '),
          signedFor: signedFor ? strip(signedFor) : undefined,
        },
      ];
    });
}

/** The page (0-based) of the last occurrence of a phrase among the pages of one form, or -1. */
const lastPageOf = (texts: string[], phrase: string) =>
  texts.map((t, i) => (hasPhrase(t, phrase) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);

interface Printed {
  file: string;
  doc: PlannedDocument;
  html: string;
}

async function printAll(m: Methodology, blank: boolean): Promise<Printed[]> {
  const results = blank ? undefined : evaluate(m, { ...input, methodology: m.id }, loadCalendar(), { allowOutOfForce: true });
  const docs = planDocuments(m, { forms: formIds(m), blank, combined: !blank }, results, input);
  const dir = join(outputRoot, m.id, blank ? 'blank' : 'filled');
  const outcome = await renderDocuments(docs, dir, { printer });
  expect(outcome.failed).toEqual([]);
  return docs.map((doc) => ({ file: join(dir, doc.file), doc, html: renderDocument(doc.views, doc.meta) }));
}

for (const id of ['almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023']) {
  describe(`the pages of ${id}'s forms`, () => {
    const m = load(id);
    const printed: { blank: Printed[]; filled: Printed[] } = { blank: [], filled: [] };

    beforeAll(async () => {
      printed.blank = await printAll(m, true);
      printed.filled = await printAll(m, false);
    }, 240_000);

    it("prints the long people's forms of every kind", () => {
      const kinds = new Set(printed.filled.filter((p) => /^(HL|SL)_/.test(p.doc.file)).flatMap((p) => p.doc.views.map((v) => v.kind)));
      expect([...kinds].sort()).toEqual([
        'calibrationProtocol',
        'kpiSheet',
        'parameterSheet',
        'questionnaire',
        'scoreTable',
        'surveyResult',
        'workPlan',
      ]);
    });

    for (const which of ['blank', 'filled'] as const) {
      it(`${which}: the end of every form — result, notes, signatures — shares its page with its table's last rows, and the signatures repeat the title and the person`, () => {
        const problems: string[] = [];
        for (const p of printed[which].filter((x) => x.doc.views.length === 1)) {
          const texts = pages(p.file);
          const [mark] = markers(p.html);
          if (!mark) continue;
          const endingPage = lastPageOf(texts, mark.ending);
          if (endingPage < 0) {
            problems.push(`${p.doc.file}: the end "${mark.ending}" is not printed`);
            continue;
          }
          if (!hasPhrase(texts[endingPage], mark.tableHead))
            problems.push(`${p.doc.file}: page ${endingPage + 1} holds the end of the form but none of its table ("${mark.tableHead}")`);
          if (mark.lastRow && lastPageOf(texts, mark.lastRow) !== endingPage)
            problems.push(
              `${p.doc.file}: the last row "${mark.lastRow}" is on page ${lastPageOf(texts, mark.lastRow) + 1}, the end of the form on page ${endingPage + 1}`,
            );
          const signaturePage = texts.findIndex((t) => /қолы/.test(t));
          if (mark.signedFor !== undefined) {
            if (signaturePage !== endingPage)
              problems.push(
                `${p.doc.file}: the signatures are on page ${signaturePage + 1}, the end of the form on page ${endingPage + 1}`,
              );
            if (!hasPhrase(texts[signaturePage] ?? '', mark.signedFor))
              problems.push(`${p.doc.file}: the signature page does not repeat "${mark.signedFor}"`);
            const view = p.doc.views[0];
            if (!hasPhrase(texts[signaturePage] ?? '', view.title)) problems.push(`${p.doc.file}: the signature page lacks the title`);
            if (
              which === 'filled' &&
              view.kind !== 'calibrationProtocol' &&
              !hasPhrase(texts[signaturePage] ?? '', String(view.signedFor.person))
            )
              problems.push(`${p.doc.file}: the signature page lacks the person's name`);
          }
          // annex 2's "Кестенің жалғасы" on the page where the table it announces begins
          const continued = /<p class="continued">([\s\S]*?)<\/p>/.exec(p.html)?.[1];
          if (continued) {
            const at = texts.findIndex((t) => hasPhrase(t, strip(continued)));
            if (at < 0 || !hasPhrase(texts[at], `${strip(continued)} ${mark.tableHead}`))
              problems.push(`${p.doc.file}: "${strip(continued)}" is not on the page where its table begins`);
          }
          // no page of a form is only a note or signatures, nor only its heading and fields (the
          // table gone to the next page): each holds some of the form's table or its end
          texts.forEach((t, i) => {
            if (!mark.tableHeads.some((head) => hasPhrase(t, head)) && !hasPhrase(t, mark.ending))
              problems.push(`${p.doc.file}: page ${i + 1} holds neither the table nor the end of the form`);
          });
        }
        expect(problems).toEqual([]);
      });

      it(`${which}: no word is broken across two lines`, () => {
        const problems: string[] = [];
        for (const p of printed[which]) {
          // every run of letters printed is a word of the document (or of the page margin)
          const words = new Set([...p.html.replace(/<[^>]+>/g, ' ').matchAll(/\p{L}+/gu)].map((w) => w[0]));
          for (const w of ['бет', 'Құпия']) words.add(w);
          const text = execFileSync('pdftotext', ['-raw', p.file, '-'], { encoding: 'utf8' });
          const broken = [...new Set([...text.matchAll(/\p{L}+/gu)].map((w) => w[0]).filter((w) => !words.has(w)))];
          if (broken.length) problems.push(`${p.doc.file}: ${broken.slice(0, 5).join(', ')}`);
        }
        expect(problems).toEqual([]);
      });
    }

    it("a label sits on the first line of a value that wraps; the signers' date lines are level", () => {
      const protocol = printed.filled.find((p) => p.doc.file === 'SL_2023-Q3_calibration-protocol.pdf')!;
      const words = bboxWords(protocol.file, 1);
      const label = words.find((w) => w.text === 'Лауазымы,')!;
      const value = words.find((w) => w.text === 'Цифрландыру,')!;
      expect(Math.abs(label.yMax - value.yMax), 'label and first line of the position').toBeLessThan(1);
      // the value wrapped: a second line of it below the label
      expect(words.some((w) => w.text === 'басшысы,' || w.text === 'маманы,')).toBe(true);
      for (const file of ['SL_2023-Q3_annex-4.pdf', 'HL_2023_annex-7.pdf', 'HL_2023-Q3_annex-2.pdf']) {
        const p = printed.filled.find((x) => x.doc.file === file)!;
        const last = pages(p.file).length;
        const dates = bboxWords(p.file, last).filter((w) => w.text === 'күні' || w.text === 'қолы');
        expect(dates.length, file).toBe(4);
        const days = dates.filter((w) => w.text === 'күні');
        expect(Math.abs(days[0].yMax - days[1].yMax), `${file}: the date lines of both signers`).toBeLessThan(1);
      }
    });

    it("numbers each form of a unit's bundle on its own", () => {
      const unit = printed.filled.find((p) => p.doc.file === 'unit-u2_2023.pdf')!;
      const texts = pages(unit.file);
      const numbers = texts.map((t) => /(\d+) \/ (\d+) бет/.exec(t)?.slice(1).map(Number));
      // each form restarts at 1 and ends at its own count
      let expected = 1;
      for (const n of numbers) {
        expect(n).toBeDefined();
        expect(n![0]).toBe(expected);
        expected = n![0] === n![1] ? 1 : expected + 1;
      }
      expect(numbers.filter((n) => n![0] === 1)).toHaveLength(unit.doc.views.length);
      expect(Math.max(...numbers.map((n) => n![1]))).toBeLessThan(10);
    });

    it("writes the PDF's Info: title, body, person and period, bagalau, no keywords", () => {
      const cases = [
        { file: 'HL_2023-Q3_annex-2.pdf', title: m.forms.annex2.title.kk, subject: `${LONG_HEAD}, 2023 жылғы 3-тоқсан` },
        { file: 'SL_2023_annex-8.pdf', title: m.forms.annex8.title.kk, subject: `${LONG_SERVANT}, 2023 жыл` },
        {
          file: 'unit-u2_2023.pdf',
          title: `Бағалау нысандары: ${input.units!.u2.name}, 2023 жыл`,
          subject: `${input.units!.u2.name}, 2023 жыл`,
        },
      ];
      for (const c of cases) {
        const p = printed.filled.find((x) => x.doc.file === c.file)!;
        const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', p.file], { encoding: 'utf8' });
        const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(info)?.[1];
        expect(field('Title'), c.file).toBe(c.title);
        expect(field('Author'), c.file).toBe(m.body.name.kk);
        expect(field('Subject'), c.file).toBe(c.subject);
        expect(field('Creator'), c.file).toMatch(/^bagalau \d+\.\d+\.\d+$/);
        expect(field('Keywords'), c.file).toBeUndefined();
        expect(info, c.file).not.toContain('&quot;');
      }
      // a blank form: the title (with its quotes as such), the body, no subject
      const blank = printed.blank.find((x) => x.doc.file.endsWith('annex-6.pdf'))!;
      const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', blank.file], { encoding: 'utf8' });
      expect(info).toMatch(/^Title:\s+"Б" корпусы қызметшілерін 360 әдісімен бағалау парағы$/m);
      expect(info).not.toMatch(/^Subject:/m);
    });
  });
}

/** The words of a page with their boxes (pdftotext -bbox). */
function bboxWords(file: string, page: number): { text: string; xMin: number; yMin: number; yMax: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
    text: w[4],
    xMin: Number(w[1]),
    yMin: Number(w[2]),
    yMax: Number(w[3]),
  }));
}
