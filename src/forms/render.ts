// From results to files: which documents to print for whom (planDocuments, pure), and
// printing them with one browser and a pool of pages (renderDocuments).
import type { EvaluationInput } from '../engine/input.generated.js';
import type { EvaluationResult, MethodResult, PersonResult } from '../engine/types.js';
import type { Methodology } from '../methodology/index.js';
import { t } from '../i18n/index.js';
import { FormPrinter } from './printer.js';
import { UnsafeOutputName, describeFileError, outputPath } from '../io/files.js';
import { printable, type TextProblem } from './sanitize.js';
import { renderDocument, type DocumentMeta } from './templates.js';
import { periodLabel, periodSlug } from './text.js';
import { formIds, formView, type FilledSource, type FormView } from './viewModels.js';

export interface PlannedDocument {
  /** File name inside the output folder. */
  file: string;
  /** The unit of the person, for combined documents. */
  unit?: string;
  person?: string;
  views: FormView[];
  /** The PDF's title, author and subject when they are not the one form's (a unit's bundle). */
  meta?: DocumentMeta;
  /** Why the document must not be printed (a character the font lacks): reported as a failure. */
  error?: string;
}

export interface PlanOptions {
  /** Form ids of the methodology (parseFormList). */
  forms: string[];
  blank?: boolean;
  /** One combined PDF per unit besides the single ones. */
  combined?: boolean;
  /** Receives a warning for each text printed without its invisible characters (the field named). */
  warnings?: string[];
}

/**
 * "2,4,8", "all", "protocol" or form ids → the form ids of the methodology, in its order.
 * Throws with a clear message on an unknown form.
 */
export function parseFormList(m: Methodology, list: string): string[] {
  const all = formIds(m);
  const ids = new Set<string>();
  for (const raw of list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === 'all') {
      all.forEach((id) => ids.add(id));
      continue;
    }
    if (/^(protocol|calibration-protocol|p)$/i.test(raw)) {
      all.filter((id) => m.forms[id].kind === 'calibrationProtocol').forEach((id) => ids.add(id));
      continue;
    }
    const byId = all.find((id) => id === raw || formFileSuffix(m, id) === raw);
    const n = /^(annex-?)?\d+$/i.test(raw) ? Number(raw.replace(/^annex-?/i, '')) : undefined;
    const byAnnex = n !== undefined ? all.find((id) => m.forms[id].annex === n) : undefined;
    const found = byId ?? byAnnex;
    if (!found) {
      const known = all.map((id) => (typeof m.forms[id].annex === 'number' ? String(m.forms[id].annex) : id)).join(', ');
      throw new Error(t('render.unknownForm', { form: raw, methodology: m.id, forms: known }));
    }
    ids.add(found);
  }
  if (ids.size === 0) throw new Error(t('render.noForm'));
  return all.filter((id) => ids.has(id));
}

/** In file names: "annex-4" for a form with an annex number, else its id in kebab case ("calibration-protocol"). */
export const formFileSuffix = (m: Methodology, id: string) => {
  const annex = m.forms[id]?.annex;
  return typeof annex === 'number' ? `annex-${annex}` : id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
};

/**
 * A result with figures gets its form, whatever the way it was reached: evaluated, without
 * the person's participation, or deferred and scored after the return. Results without a
 * score (not evaluated, refused, in error, missing) get none.
 */
const hasFigures = (r: MethodResult) =>
  r.status !== 'error' && r.status !== 'refused' && (r.score !== undefined || !!r.competencies?.length);

/** The periods for which a person gets a form, from their results of the form's method. */
function periodsFor(
  m: Methodology,
  person: PersonResult,
  formId: string,
  input?: EvaluationInput['people'][number],
): { period: string; calibration?: FilledSource['calibration'] }[] {
  const form = m.forms[formId];
  const ofMethod = person.results.filter((r) => r.method === form.method && hasFigures(r));
  switch (form.kind) {
    case 'workPlan':
      // one plan a year, when the person has one (or the results show KPIs)
      return input?.workPlan || ofMethod.some((r) => r.kpis?.length) ? [{ period: 'year' }] : [];
    case 'kpiSheet':
    case 'scoreTable':
      return ofMethod.filter((r) => r.kpis?.length).map((r) => ({ period: r.period }));
    case 'parameterSheet':
      // the quarters (or the year, for a yearly method) that were scored; not the yearly mean
      return ofMethod.filter((r) => r.parameters?.length || r.sheets?.length).map((r) => ({ period: r.period }));
    case 'questionnaire':
    case 'surveyResult':
      return ofMethod.some((r) => r.period === 'year' && r.competencies?.length) ? [{ period: 'year' }] : [];
    case 'calibrationProtocol':
      // a protocol for each calibration session (of the form's method, when it names one): the
      // calibrated results, and the cases not applied because a proposal lay outside the scale
      return person.results
        .filter(
          (r) =>
            (r.calibration || r.problems.some((p) => p.code === 'calibration.proposal-outside-scale')) &&
            (form.method === undefined || r.method === form.method),
        )
        .map((r) => ({ period: r.period, calibration: { result: r, outcome: r.calibration } }));
  }
}

/**
 * The view of a form, its texts made printable: invisible characters removed (warnings), and
 * an error when one has a character the font lacks.
 */
function printableView(
  m: Methodology,
  id: string,
  source: FilledSource | undefined,
  prefix: string,
  warnings: TextProblem[],
): { view: FormView; error?: string } {
  const errors: TextProblem[] = [];
  const view = printable(formView(m, id, source), prefix, warnings, errors);
  return { view, error: errors.length ? errors.map((e) => e.message).join('; ') : undefined };
}

/** Every document to print: blank forms from the methodology alone, or each person's filled forms. */
export function planDocuments(
  m: Methodology,
  options: PlanOptions,
  results?: EvaluationResult,
  input?: EvaluationInput,
): PlannedDocument[] {
  const problems: TextProblem[] = [];
  const report = () => {
    // one warning per field (a name is printed on several forms)
    const seen = new Set<string>();
    for (const p of problems)
      if (!seen.has(p.message)) {
        seen.add(p.message);
        options.warnings?.push(p.message);
      }
  };
  if (options.blank || !results) {
    const docs = options.forms.map((id) => {
      const { view, error } = printableView(m, id, undefined, `${m.id} ${id}: `, problems);
      return { file: `${m.id}_blank_${formFileSuffix(m, id)}.pdf`, views: [view], error };
    });
    report();
    return docs;
  }
  const docs: PlannedDocument[] = [];
  // What the input says, printable: names and texts without invisible characters, with a
  // warning naming the input's field. (A character the font lacks is found in the view, below.)
  const signatories = input?.signatories ? printable(input.signatories, '', problems, undefined, 'signatories') : undefined;
  for (const raw of results.people) {
    if (!raw.category) continue;
    const categoryForms = new Set(m.categories[raw.category]?.forms ?? []);
    const person = printable(raw, `${raw.id}: `, problems, undefined);
    const rawInput = input?.people.find((p) => p.id === raw.id);
    const submitted = rawInput ? printable(rawInput, `${raw.id}: `, problems, undefined) : undefined;
    const rawUnit = person.unit ? input?.units?.[person.unit] : undefined;
    const unitName = (rawUnit ? printable(rawUnit.name, '', problems, undefined, `units.${person.unit}.name`) : undefined) || person.unit;
    for (const id of options.forms) {
      // the protocol is not a form of a category: it follows each calibration session
      if (m.forms[id].kind !== 'calibrationProtocol' && !categoryForms.has(id)) continue;
      for (const { period, calibration } of periodsFor(m, person, id, submitted)) {
        const source: FilledSource = { year: results.year, person, input: submitted, unitName, period, calibration, signatories };
        const { view, error } = printableView(m, id, source, `${person.id} ${formFileSuffix(m, id)}: `, problems);
        docs.push({
          file: `${person.id}_${periodSlug(results.year, period)}_${formFileSuffix(m, id)}.pdf`,
          unit: person.unit ?? 'no-unit',
          person: person.id,
          views: [view],
          error,
        });
      }
    }
  }
  if (options.combined) {
    const units = [...new Set(docs.map((d) => d.unit!))];
    for (const unit of units) {
      const members = docs.filter((d) => d.unit === unit && d.person);
      const unitName = (unit !== 'no-unit' && input?.units?.[unit]?.name) || unit;
      const failed = members.filter((d) => d.error).map((d) => d.file);
      docs.push({
        file: `unit-${unit}_${results.year}.pdf`,
        unit,
        views: members.flatMap((d) => d.views),
        // the bundle's own title, not every form's: "Бағалау нысандары: <unit>, 2026 жыл"
        meta: {
          title: `Бағалау нысандары: ${printable(unitName, '', [], undefined)}, ${periodLabel(results.year, 'year')}`,
          author: m.body.name.kk,
          subject: `${printable(unitName, '', [], undefined)}, ${periodLabel(results.year, 'year')}`,
        },
        error: failed.length ? `it would hold ${failed.join(', ')}, which cannot be printed` : undefined,
      });
    }
  }
  report();
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
 * The path of a document in outDir. Its name is built from ids in the data: one that would
 * leave the folder marks the document as failed instead (nothing is written outside --out).
 */
function safePath(outDir: string, doc: PlannedDocument): string {
  try {
    return outputPath(outDir, doc.file);
  } catch (error) {
    if (!(error instanceof UnsafeOutputName)) throw error;
    doc.error ??= error.message;
    return doc.file;
  }
}

/**
 * Prints the documents into outDir with one Chromium and `pages` reused pages, up to the
 * printer's batchSize documents per page.pdf call; PDFs are written atomically.
 */
export async function renderDocuments(
  docs: PlannedDocument[],
  outDir: string,
  options: { pages?: number; onProgress?: (p: RenderProgress) => void; printer?: FormPrinter; tagged?: boolean } = {},
): Promise<RenderOutcome> {
  const printer = options.printer ?? (await FormPrinter.launch({ pages: options.pages ?? 3, tagBatches: options.tagged }));
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
      const report = (doc: PlannedDocument) => options.onProgress?.({ done: ++done, total: docs.length, file: doc.file });
      const chunk = chunks[next++]
        .map((doc) => ({ doc, file: safePath(outDir, doc) }))
        .filter(({ doc, file }) => {
          if (!doc.error) return true;
          // never printed with a fallback font: reported, and the others are printed
          outcome.failed.push({ file, error: doc.error });
          report(doc);
          return false;
        });
      if (chunk.length === 0) continue;
      try {
        await printer.writePdfs(chunk.map(({ doc, file }) => ({ html: renderDocument(doc.views, doc.meta), file })));
        for (const { doc, file } of chunk) {
          outcome.written.push(file);
          report(doc);
        }
      } catch {
        // one failing document must not take the others with it: print them one by one
        for (const { doc, file } of chunk) {
          try {
            await printer.writePdf(renderDocument(doc.views, doc.meta), file);
            outcome.written.push(file);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            outcome.failed.push({ file, error: code ? describeFileError(error, file, 'write').message : (error as Error).message });
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
