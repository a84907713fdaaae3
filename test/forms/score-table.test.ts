// Annex 3 filled: the score table with the column bagalau adds ("Осы кезеңде қолданылған НМИ",
// the KPIs scored in each marked row) fits one page for a head with five KPIs. At 60 mm that
// column wrapped each KPI over three or four lines and H03's Q1 and Q4 tables of the Baiterek
// example ran onto a second page holding the last row and the note; the act's own columns
// hold short figures ("95–99,99", "4,75–4,99") and give it the width.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate } from '../../src/engine/index.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { planDocuments, renderDocuments } from '../../src/forms/render.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved } from '../../src/methodology/index.js';
import { pdfPages, pdfText } from './pdf-tools.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bagalau-score-table-'));
let printer: FormPrinter;

beforeAll(async () => {
  findChromium();
  printer = await FormPrinter.launch({ pages: 2 });
}, 60_000);

afterAll(async () => {
  await printer?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('annex 3 filled', () => {
  it("fits one page with five KPIs named in its marked rows (H03's Q1 and Q4)", async () => {
    const loaded = loadResolved(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'));
    if (!loaded.ok) throw new Error('cannot load the example methodology');
    const input = loadEvaluationInput(join(root, 'examples/baiterek-akimat/evaluation-2026.yaml')).input!;
    const results = evaluate(loaded.methodology, input, loadCalendar());
    const docs = planDocuments(loaded.methodology, { forms: ['annex3'] }, results, input).filter((d) => /^H03_2026-Q[14]_/.test(d.file));
    expect(docs.map((d) => d.file)).toEqual(['H03_2026-Q1_annex-3.pdf', 'H03_2026-Q4_annex-3.pdf']);
    const outcome = await renderDocuments(docs, dir, { printer });
    expect(outcome.failed).toEqual([]);
    for (const doc of docs) {
      const file = join(dir, doc.file);
      expect(pdfPages(file), doc.file).toBe(1);
      expect(pdfText(file)).toContain('Пайдаланылмайтын жерлерді анықтау');
    }
  }, 60_000);
});
