// Which documents the printer prints in one batch (no Chromium): those with the same head.
// The head used to hold each document's Info (<title>, <meta name="subject"> with the
// person and period), so no two filled forms of a run shared one: `render` printed every
// document alone (193 page.pdf calls for the Baiterek example), and the benchmark, whose
// copies share one subject, did not show it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { evaluate } from '../../src/engine/index.js';
import { documentParts } from '../../src/forms/batch.js';
import { planDocuments } from '../../src/forms/render.js';
import { renderDocument } from '../../src/forms/templates.js';
import { formIds } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved } from '../../src/methodology/index.js';

const root = join(import.meta.dirname, '../..');
const loaded = loadResolved(join(root, 'examples/baiterek-akimat/baiterek-akimat-2025.yaml'));
if (!loaded.ok) throw new Error('cannot load the example methodology');
const m = loaded.methodology;
const input = loadEvaluationInput(join(root, 'examples/baiterek-akimat/evaluation-2026.yaml')).input!;
const results = evaluate(m, input, loadCalendar());
const docs = planDocuments(m, { forms: formIds(m) }, results, input);
const parts = (file: string) => {
  const doc = docs.find((d) => d.file === file);
  if (!doc) throw new Error(`no ${file}`);
  const p = documentParts(renderDocument(doc.views));
  if (!p) throw new Error(`${file}: not a batchable document`);
  return p;
};

describe('batches: documents that differ only in what they print share a head', () => {
  it('the forms of different people and periods are printed in one batch, each PDF with its own Info', () => {
    const a = parts('S07_2026-Q1_annex-4.pdf');
    const b = parts('S09_2026-Q3_annex-4.pdf');
    expect(a.meta.subject).not.toBe(b.meta.subject);
    expect(a.head).toBe(b.head);
    // different forms with the same page style too (the title is the PDF's, not the batch's)
    expect(parts('H01_2026-Q2_annex-2.pdf').head).toBe(a.head);
    expect(a.head).not.toContain(a.meta.subject);
    expect(a.meta).toEqual({
      title: 'Саралау әдісі бойынша бағалау парағы',
      author: m.body.name.kk,
      subject: 'Ахметова Әйгерім Серікқызы, 2026 жылғы 1-тоқсан',
    });
  });

  it('all the filled forms of the example fall into a few batches (by page style and mark), not one per document', () => {
    const heads = new Set(docs.map((d) => documentParts(renderDocument(d.views))?.head));
    expect(heads.has(undefined)).toBe(false);
    expect(docs.length).toBeGreaterThan(150);
    // annex 1 and the questionnaires have no mark, the others have it
    expect(heads.size).toBeLessThanOrEqual(3);
  });
});
