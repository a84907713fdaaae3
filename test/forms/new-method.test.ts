// A body adds a method of its own (two evaluators, combine: mean) and a form for it in its
// methodology file alone (fixtures/forms-quarterly-2024.yaml): the parameterSheet template
// prints it with the body's title and wording, a score column per evaluator, the combined
// score, the justifications per parameter and a signature line per evaluator.
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate } from '../../src/engine/index.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { parseFormList, planDocuments, renderDocuments } from '../../src/forms/render.js';
import { formView } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import { expectPhrase, firstPagePng, flat, pdfFonts, pdfText } from './pdf-tools.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const outputRoot = join(process.env.BAGALAU_FORMS_OUTPUT ?? join(tmpdir(), 'bagalau-forms-test'), 'forms-quarterly-2024');

function load(): Methodology {
  const loaded = loadResolved(join(fixtures, 'forms-quarterly-2024.yaml'));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.methodology;
}

let printer: FormPrinter;

beforeAll(async () => {
  findChromium();
  rmSync(outputRoot, { recursive: true, force: true });
  mkdirSync(outputRoot, { recursive: true });
  printer = await FormPrinter.launch({ pages: 2 });
}, 60_000);

afterAll(async () => {
  await printer?.close();
});

describe('a form for a method the body adds', () => {
  const m = load();
  const input = loadEvaluationInput(join(fixtures, 'evaluation-quarterly-2024.yaml')).input!;
  const results = evaluate(m, input, loadCalendar());

  it('is printed by the template of its kind', () => {
    expect(m.forms.quarterlySheet.template).toBeUndefined();
    expect(formView(m, 'quarterlySheet').template).toBe('parameter-sheet');
    expect(parseFormList(m, 'quarterlySheet')).toEqual(['quarterlySheet']);
    expect(parseFormList(m, 'quarterly-sheet')).toEqual(['quarterlySheet']);
  });

  it('evaluates the fixture with two sheets and no errors', () => {
    const problems = results.people
      .flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)])
      .filter((p) => p.severity === 'error');
    expect(problems).toEqual([]);
    const q1 = results.people[0].results.find((r) => r.method === 'quarterly' && r.period === 'Q1');
    expect(q1?.sheets?.map((s) => s.role)).toEqual(['directManager', 'unitHead']);
  });

  it("prints both evaluators, their scores, the combined score and the body's wording", async () => {
    const docs = planDocuments(m, { forms: parseFormList(m, 'all') }, results, input);
    // the servant's category prints only the new form (and no protocol: nothing was calibrated)
    expect(docs.map((d) => d.file)).toEqual(['S2_2024-Q1_quarterly-sheet.pdf']);
    const outcome = await renderDocuments(docs, join(outputRoot, 'filled'), { printer });
    expect(outcome.failed).toEqual([]);
    const file = join(outputRoot, 'filled', 'S2_2024-Q1_quarterly-sheet.pdf');
    const text = flat(pdfText(file));
    for (const s of [
      'Тоқсандық бағалау парағы (екі бағалаушы)',
      'Мұхтарова Айгерім Нұрланқызы',
      '2024 жылғы 1-тоқсан',
      // each evaluator: name and role title in the header, initials and date on the signature line
      'Бекова Сәуле Ермекқызы',
      'Омаров Талғат Серікұлы',
      '(Тікелей басшы)',
      '(Құрылымдық бөлімшенің/мемлекеттік органның басшысы)',
      'Бекова С.Е.',
      'Омаров Т.С.',
      '03.04.2024',
      '05.04.2024',
      'Мұхтарова А.Н.',
      '09.04.2024',
      'Бағаланатын адам',
      // the wording of the methodology, its placeholders filled
      'өз парағында 1-ден 5 баллға дейінгі шкала бойынша бағалайды',
      'Бағалау өлшемдері',
      'Көрсеткіштер',
      'Балл (1-ден 5 баллға дейін)',
      'Әр балдың негіздемесі',
      'Екі бағалаушының орташа бағасы',
      'қорытынды баға екі бағалаушының орташа бағаларының орташа мәні ретінде есептеледі',
      'Тоқсандық бағалау нәтижесі екі бағалаушының орташа бағасы негізінде қойылады.',
      // the parameters and every evaluator's justification
      'Тапсырмалардың белгіленген мерзімде орындалуы',
      'Бір хат кешігіп жіберілді',
      'Мұрағатты цифрландыруды ұсынды',
    ])
      expectPhrase(text, s, 'quarterlySheet');
    // per evaluator: the scores of each parameter and the sheet's average; then the mean of both
    const layout = pdfText(file);
    // (the first line of each parameter's row starts with its number)
    expect(layout).toMatch(/^1\.[^\n]*\s4,00\s+5,00\s/m);
    expect(layout).toMatch(/^2\.[^\n]*\s5,00\s+4,00\s/m);
    expect(layout).toMatch(/^3\.[^\n]*\s3,00\s+3,50\s/m);
    expect(layout).toMatch(/Бағалаушының орташа бағасы\s+4,00\s+4,17/);
    expect(layout).toMatch(/Екі бағалаушының орташа бағасы\s+4,08/);
    expect(text).toContain('Бағалау нәтижесі: Функционалдық міндеттерін тиімді атқарады');
    for (const font of pdfFonts(file)) expect(font.name).toMatch(/^Tinos-(Regular|Bold)$/);
    firstPagePng(file, join(outputRoot, 'png', 'filled-quarterly-sheet'));
    // nothing of the model's annex 4 wording leaks into the body's form
    expect(text).not.toContain('саралау әдісімен');
    expect(text).not.toContain('Критерийлер');
  });

  it('prints the blank form with a column and a signature line per evaluator', async () => {
    const docs = planDocuments(m, { forms: ['quarterlySheet'], blank: true });
    const outcome = await renderDocuments(docs, join(outputRoot, 'blank'), { printer });
    expect(outcome.failed).toEqual([]);
    const file = join(outputRoot, 'blank', 'forms-quarterly-2024_blank_quarterly-sheet.pdf');
    const text = flat(pdfText(file));
    expect(text.match(/Бағалайтын қызметшінің Т\.А\.Ә\./g)).toHaveLength(2);
    expect(text).toContain('Тікелей басшы');
    expect(text).toContain('Құрылымдық бөлімшенің/мемлекеттік органның басшысы');
    expect(text).not.toContain('Мұхтарова');
    firstPagePng(file, join(outputRoot, 'png', 'blank-quarterly-sheet'));
  });
});
