// From results to files: which documents to print for whom (planDocuments, pure), and
// printing them with one browser and a pool of pages (renderDocuments).
import { join } from 'node:path';
import type { EvaluationInput } from '../engine/input.generated.js';
import type { EvaluationResult, MethodResult, PersonResult } from '../engine/types.js';
import type { Methodology } from '../methodology/index.js';
import { FormPrinter } from './printer.js';
import { renderDocument } from './templates.js';
import { periodSlug } from './text.js';
import { FORM_KEYS, VIEW_MODELS, type FilledSource, type FormKey, type FormView } from './viewModels.js';

export interface PlannedDocument {
  /** File name inside the output folder. */
  file: string;
  /** The unit of the person, for combined documents. */
  unit?: string;
  person?: string;
  views: FormView[];
}

export interface PlanOptions {
  forms: FormKey[];
  blank?: boolean;
  /** One combined PDF per unit besides the single ones. */
  combined?: boolean;
}

/** "2,4,8", "all", "protocol" → form keys of the methodology. Throws with a clear message on an unknown form. */
export function parseFormList(m: Methodology, list: string): FormKey[] {
  const keys = new Set<FormKey>();
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'all') { FORM_KEYS.filter((k) => m.forms[k]).forEach((k) => keys.add(k)); continue; }
    if (/^(protocol|calibration-protocol|calibrationProtocol|p)$/i.test(raw)) { keys.add('calibrationProtocol'); continue; }
    const n = Number(raw.replace(/^annex-?/i, ''));
    const key = FORM_KEYS.find((k) => m.forms[k]?.annex === n);
    if (!Number.isInteger(n) || !key) {
      const known = FORM_KEYS.filter((k) => m.forms[k]).map((k) => m.forms[k].annex ?? 'protocol').join(', ');
      throw new Error(`unknown form "${raw}": ${m.id} has the forms ${known} (or "all")`);
    }
    keys.add(key);
  }
  if (keys.size === 0) throw new Error('no form given: write e.g. --forms 2,4,8 or --forms all');
  return FORM_KEYS.filter((k) => keys.has(k));
}

export const formFileSuffix = (m: Methodology, key: FormKey) => (key === 'calibrationProtocol' ? 'calibration-protocol' : `annex-${m.forms[key].annex}`);

const printable = (r: MethodResult) => r.status === 'evaluated' || r.status === 'withoutParticipation';

/** The periods for which a person gets a form, from their results. */
function periodsFor(person: PersonResult, key: FormKey, input?: EvaluationInput['people'][number]): { period: string; calibration?: FilledSource['calibration'] }[] {
  const quarterly = (method: string, need: (r: MethodResult) => boolean) => person.results
    .filter((r) => r.method === method && r.period !== 'year' && printable(r) && need(r)).map((r) => ({ period: r.period }));
  const yearly = (method: string) => person.results.some((r) => r.method === method && r.period === 'year' && printable(r) && r.competencies?.length) ? [{ period: 'year' }] : [];
  switch (key) {
    case 'annex1': return input?.workPlan || person.results.some((r) => r.method === 'kpi' && r.kpis?.length) ? [{ period: 'year' }] : [];
    case 'annex2': case 'annex3': return quarterly('kpi', (r) => !!r.kpis?.length);
    case 'annex4': return quarterly('differentiation', (r) => !!r.parameters?.length);
    case 'annex5': case 'annex6': case 'annex7': case 'annex8': return yearly('survey360');
    case 'calibrationProtocol': return person.results.filter((r) => r.calibration).map((r) => ({ period: r.period, calibration: { result: r, outcome: r.calibration! } }));
  }
}

/** Every document to print: blank forms from the methodology alone, or each person's filled forms. */
export function planDocuments(m: Methodology, options: PlanOptions, results?: EvaluationResult, input?: EvaluationInput): PlannedDocument[] {
  if (options.blank || !results) {
    return options.forms.map((key) => ({ file: `${m.id}_blank_${formFileSuffix(m, key)}.pdf`, views: [VIEW_MODELS[key](m)] }));
  }
  const docs: PlannedDocument[] = [];
  for (const person of results.people) {
    if (!person.category) continue;
    const categoryForms = new Set(m.categories[person.category]?.forms ?? []);
    const submitted = input?.people.find((p) => p.id === person.id);
    const unitName = (person.unit && input?.units?.[person.unit]?.name) || person.unit;
    for (const key of options.forms) {
      if (key !== 'calibrationProtocol' && !categoryForms.has(key)) continue;
      for (const { period, calibration } of periodsFor(person, key, submitted)) {
        const source: FilledSource = { year: results.year, person, input: submitted, unitName, period, calibration };
        docs.push({ file: `${person.id}_${periodSlug(results.year, period)}_${formFileSuffix(m, key)}.pdf`, unit: person.unit ?? 'no-unit', person: person.id, views: [VIEW_MODELS[key](m, source)] });
      }
    }
  }
  if (options.combined) {
    const units = [...new Set(docs.map((d) => d.unit!))];
    for (const unit of units) {
      docs.push({ file: `unit-${unit}_${results.year}.pdf`, unit, views: docs.filter((d) => d.unit === unit && d.person).flatMap((d) => d.views) });
    }
  }
  return docs;
}

export interface RenderProgress {
  done: number;
  total: number;
  file: string;
}

export interface RenderOutcome {
  written: string[];
  failed: { file: string; error: string }[];
}

/**
 * Prints the documents into outDir with one Chromium and `pages` reused pages, up to the
 * printer's batchSize documents per page.pdf call; PDFs are written atomically.
 */
export async function renderDocuments(docs: PlannedDocument[], outDir: string, options: { pages?: number; onProgress?: (p: RenderProgress) => void; printer?: FormPrinter } = {}): Promise<RenderOutcome> {
  const printer = options.printer ?? await FormPrinter.launch({ pages: options.pages ?? 3 });
  const outcome: RenderOutcome = { written: [], failed: [] };
  const workers = Math.max(1, options.pages ?? 3);
  // Batches of at most batchSize, but enough of them to keep every page busy.
  const size = Math.max(1, Math.min(printer.batchSize, Math.ceil(docs.length / workers)));
  const chunks: PlannedDocument[][] = [];
  for (let i = 0; i < docs.length; i += size) chunks.push(docs.slice(i, i + size));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++].map((doc) => ({ doc, file: join(outDir, doc.file) }));
      const report = (doc: PlannedDocument) => options.onProgress?.({ done: ++done, total: docs.length, file: doc.file });
      try {
        await printer.writePdfs(chunk.map(({ doc, file }) => ({ html: renderDocument(doc.views), file })));
        for (const { doc, file } of chunk) { outcome.written.push(file); report(doc); }
      } catch {
        // one failing document must not take the others with it: print them one by one
        for (const { doc, file } of chunk) {
          try {
            await printer.writePdf(renderDocument(doc.views), file);
            outcome.written.push(file);
          } catch (error) {
            outcome.failed.push({ file, error: (error as Error).message });
          }
          report(doc);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    if (!options.printer) await printer.close();
  }
  outcome.written.sort();
  return outcome;
}
