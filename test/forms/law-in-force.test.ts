// The law in force today as data: model-2025, and a body extending it (examples/zhaiyq-akimat)
// with two evaluators, the head's score standing and a chief-of-staff delegation, printed with
// no template of their own; the year of the change prints each period with the form of the
// methodology it was evaluated under. Run through the CLI, as a user runs it.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/forms/browser.js';
import { runCliIn } from '../helpers/cli.js';
import { flat, pdfFonts, pdfText } from './pdf-tools.js';

const root = join(import.meta.dirname, '../..');

async function render(...args: string[]): Promise<{ code: number; out: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-law-in-force-'));
  const { code, out } = await runCliIn(root, ['render', ...args, '--out', dir, '--pages', '2'], '2026-12-01');
  return { code, out, dir };
}

beforeAll(() => {
  findChromium();
});

describe('forms of the law in force today', () => {
  it('a blank model-2025 sheet has both evaluators and no trace of KPI or 360', async () => {
    const { code, dir } = await render('model-2025', '--blank', '--forms', 'all');
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['model-2025_blank_calibration-protocol.pdf', 'model-2025_blank_evaluation-sheet.pdf']);
    const text = flat(pdfText(join(dir, 'model-2025_blank_evaluation-sheet.pdf')));
    expect(text).toContain('Тоқсан қорытындысы бойынша бағалау парағы');
    expect(text).toContain('Тікелей басшы');
    expect(text).not.toMatch(/НМИ|360|саралау/);
    // an annex whose number the reports do not give (annex: true) still names its methodology
    expect(text).toContain('бағалаудың үлгілік әдістемесіне қосымша Нысан');
  }, 120_000);

  it('the body extending it prints two evaluators, the delegate, the score that stands and three signatures', async () => {
    const { code, dir } = await render('examples/zhaiyq-akimat/evaluation-2026.yaml', '--forms', 'all');
    expect(code).toBe(1); // the example's deliberate mistake (Z04, Q2) is reported; the others are printed
    const files = readdirSync(dir);
    expect(files).toContain('Z01_2026-Q1_evaluation-sheet.pdf');
    expect(files).not.toContain('Z04_2026-Q2_evaluation-sheet.pdf');
    // The evaluators' averages stay on the page of the last parameter they average (Z03's Q2,
    // with long criteria, runs to three pages: the last row moves with the end of the sheet).
    const pages = pdfText(join(dir, 'Z03_2026-Q2_evaluation-sheet.pdf')).split('\f');
    const averages = pages.findIndex((page) => flat(page).includes('Бағалаушының орташа бағасы'));
    expect(averages).toBeGreaterThan(0);
    expect(flat(pages[averages])).toContain('4. Еңбек тәртібін');
    const file = join(dir, 'Z01_2026-Q1_evaluation-sheet.pdf');
    const text = flat(pdfText(file));
    for (const phrase of [
      'Ахметов Серік Болатұлы',
      'Төлеуов Бақыт Ерланұлы',
      'Серікбаев Нұржан Әлібекұлы',
      'Аппарат басшысы',
      'Бағалаушының орташа бағасы 3,75 4,00',
      'Тоқсандық қорытынды баға 4,00',
      'Төлеуов Б.Е.',
      'Серікбаев Н.Ә.',
      'Ахметов С.Б.',
      '16.04.2026',
      // the body's own header (its formHeader), not the model's
      'Жайық ауданы әкімдігінің "Б" корпусы мемлекеттік әкімшілік қызметшілерінің қызметін бағалау әдістемесіне қосымша',
    ]) {
      expect(text, phrase).toContain(phrase);
    }
    expect(pdfFonts(file).every((f) => f.name.startsWith('Tinos') && f.embedded)).toBe(true);
  }, 120_000);

  it("the year of the change: Q1–Q2 on the 2023 act's annexes, Q3–Q4 on the 2025 sheet", async () => {
    const { dir } = await render('examples/zhaiyq-akimat/evaluation-2025.yaml', '--forms', 'all');
    const files = readdirSync(dir)
      .filter((f) => f.startsWith('Z02_'))
      .sort();
    expect(files).toEqual([
      'Z02_2025-Q1_annex-4.pdf',
      'Z02_2025-Q2_annex-4.pdf',
      'Z02_2025-Q3_evaluation-sheet.pdf',
      'Z02_2025-Q4_evaluation-sheet.pdf',
    ]);
    expect(flat(pdfText(join(dir, 'Z02_2025-Q1_annex-4.pdf')))).toContain('Саралау әдісі бойынша бағалау парағы');
  }, 120_000);
});
