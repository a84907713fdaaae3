// bagalau render: the official forms of a methodology (its forms:, e.g. the 2018 model's
// annexes 1–8 and the calibration protocol) as PDF, blank from the methodology or filled
// from results. Given an evaluation input (YAML, JSON or an intake workbook) it evaluates it
// first; given a results.json (bagalau evaluate --out) it prints those results.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { defaultCalendarPath } from '../calendar/index.js';
import { evaluate, type EvaluationInput, type EvaluationResult } from '../engine/index.js';
import { ChromiumMissingError, closeAllBrowsers, findChromium } from '../forms/browser.js';
import { describeFileError } from '../io/files.js';
import { readResultsFile } from './resultsFile.js';
import { parseFormList, planDocuments, renderDocuments } from '../forms/render.js';
import { loadEvaluationInput } from '../input/loadEvaluationInput.js';
import { methodologyPath, type Methodology } from '../methodology/index.js';
import { resolveMethodologyFile } from '../methodology/resolve.js';
import { isWorkbookInput, readWorkbookInput } from './evaluateWorkbook.js';
import { openCalendar, openMethodologies, openMethodology, sourceOf } from './open.js';
import { t } from '../i18n/index.js';
import { onStop } from './signals.js';
import { ExitCode, printDiagnostics, type Io } from './output.js';
import { renderProgress, startProgress } from './progress.js';

export interface RenderOptions {
  forms: string;
  blank?: boolean;
  methodology?: string;
  combined?: boolean;
  out: string;
  input?: string;
  calendar?: string;
  allowOutOfForce?: boolean;
  pages?: string;
  /** Tag every PDF, those printed in batches too (slower). */
  tagged?: boolean;
  /** Draw a progress bar on stderr (default: when stderr is a terminal, Io.progress). */
  progress?: boolean;
  /** No progress and no closing count on stderr. */
  quiet?: boolean;
}

export function registerRender(program: Command, io: Io): void {
  program
    .command('render')
    .description(t('help.render'))
    .argument('<source>', t('help.render.source'))
    .requiredOption('--forms <list>', t('help.render.forms'))
    .option('--blank', t('help.render.blank'))
    .option('--methodology <id|path>', t('help.render.methodology'))
    .option('--combined', t('help.render.combined'))
    .requiredOption('--out <dir>', t('help.render.out'))
    .option('--input <file>', t('help.render.input'))
    .option('--calendar <path>', t('help.calendar'), defaultCalendarPath())
    .option('--allow-out-of-force', t('help.allowOutOfForce'))
    .option('--pages <n>', t('help.render.pages'), '3')
    .option('--quiet', t('help.render.quiet'))
    .option('--tagged', t('help.render.tagged'))
    .action(async (source: string, options: RenderOptions) => {
      io.exitCode = await runRender(io, source, options);
    });
}

function looksLikeResults(data: unknown): data is EvaluationResult {
  const d = data as EvaluationResult;
  return (
    !!d &&
    typeof d === 'object' &&
    !!d.methodology &&
    typeof d.methodology === 'object' &&
    Array.isArray(d.people) &&
    d.people.every((p) => Array.isArray(p.results))
  );
}

/**
 * A bundled methodology id, or a file that is a methodology rather than an evaluation input —
 * by its shape, not its validity: a methodology with a mistake is opened as one, so its own
 * errors are reported (not an evaluation input's "missing people").
 */
function isMethodology(source: string): boolean {
  const data = resolveMethodologyFile(methodologyPath(source)).data;
  return !!data && !Object.hasOwn(data, 'people') && (Object.hasOwn(data, 'extends') || Object.hasOwn(data, 'methods'));
}

export async function runRender(io: Io, source: string, options: RenderOptions): Promise<number> {
  if (options.pages !== undefined && !/^[1-4]$/.test(String(options.pages))) {
    io.err(`bagalau: ${t('render.pages.invalid', { value: String(options.pages) })}\n`);
    return ExitCode.unusable;
  }
  let results: EvaluationResult | undefined;
  let input: EvaluationInput | undefined;
  let methodology: Methodology | undefined;
  /** With several methodologies (the year of a change): each prints the periods it evaluated. */
  let several: Methodology[] = [];
  let problems = 0;

  // 1. What to print from.
  let parsed: unknown;
  if (/\.(json|ndjson)$/i.test(source) && existsSync(source)) {
    // results.json in any of evaluate's forms (compact, ndjson, expanded); an input otherwise
    try {
      parsed = readResultsFile(source);
    } catch {
      parsed = undefined;
    }
  }
  if (looksLikeResults(parsed)) {
    results = parsed;
    if (options.input && !isWorkbookInput(options.input)) {
      const loaded = loadEvaluationInput(options.input);
      printDiagnostics(io, loaded.diagnostics);
      if (!loaded.input) return ExitCode.unusable;
      input = loaded.input;
    }
    // The results name the methodology that produced them: its file (checked against its
    // SHA-256), else its id; --methodology to name another.
    const fromResults = (entry: { id: string; file?: string; sha256?: string }) => {
      if (!entry.file || !existsSync(entry.file)) return openMethodology(io, entry.id);
      const opened = openMethodology(io, entry.file);
      if (opened && entry.sha256 && sourceOf(opened)?.sha256 !== entry.sha256) {
        io.err(`bagalau: ${t('render.warning')}: ${t('render.methodologyChanged', { file: entry.file })}\n`);
      }
      return opened;
    };
    methodology = options.methodology ? openMethodology(io, options.methodology) : fromResults(results.methodology);
    if (!options.methodology && results.methodologies) {
      const opened = results.methodologies.map((m) => (m.id === methodology?.id ? methodology : fromResults(m)));
      if (opened.some((m) => !m)) return ExitCode.unusable;
      several = opened as Methodology[];
    }
    // A workbook is read under the methodologies of the results (its sheets follow their methods).
    if (options.input && isWorkbookInput(options.input) && methodology) {
      const intake = await readWorkbookInput(io, options.input, { opened: several.length ? several : [methodology] });
      if (!intake) return ExitCode.unusable;
      input = intake.read.input;
    }
  } else if (options.blank && isMethodology(source)) {
    // Blank forms need only the methodology: `bagalau render almaty-akimat-2023 --blank`.
    methodology = openMethodology(io, options.methodology ?? source);
  } else if (isWorkbookInput(source)) {
    // An intake workbook (bagalau template): read with every problem at its cell, evaluated, printed.
    const intake = await readWorkbookInput(io, source, { ids: options.methodology ? [options.methodology] : undefined });
    if (!intake) return ExitCode.unusable;
    input = intake.read.input;
    const methodologies = [...intake.methodologies].sort((a, b) => (a.inForce.from < b.inForce.from ? -1 : 1));
    methodology = methodologies.at(-1);
    if (methodologies.length > 1) several = methodologies;
    if (methodology && !options.blank) {
      const calendar = openCalendar(io, options.calendar);
      if (!calendar) return ExitCode.unusable;
      const { withIntakePlaces, formatIntakeDiagnostic } = await import('../excel/index.js');
      // People set aside are in the results with their problems (counted below), no figures, so no forms.
      results = withIntakePlaces(evaluate(methodologies, input, calendar, { allowOutOfForce: options.allowOutOfForce }), intake.read);
      for (const r of intake.read.rejected)
        for (const d of r.diagnostics)
          io.err(`${formatIntakeDiagnostic(d)}\n    ${t('render.setAside', { person: r.id ?? `#${r.index + 1}` })}\n`);
    }
  } else {
    const loaded = loadEvaluationInput(source);
    printDiagnostics(io, loaded.diagnostics);
    if (!loaded.input) return ExitCode.unusable;
    input = loaded.input;
    const methodologies = openMethodologies(io, options.methodology ? [options.methodology] : undefined, input, source);
    // The latest methodology (in force at the end of the year) names the run; each prints its own periods.
    methodology = methodologies?.sort((a, b) => (a.inForce.from < b.inForce.from ? -1 : 1)).at(-1);
    if (methodologies && methodologies.length > 1) several = methodologies;
    if (methodologies && methodology && !options.blank) {
      const calendar = openCalendar(io, options.calendar);
      if (!calendar) return ExitCode.unusable;
      results = evaluate(methodologies, input, calendar, { allowOutOfForce: options.allowOutOfForce });
      for (const r of loaded.rejected)
        io.err(
          `bagalau: ${t('render.setAside.why', { person: r.id ?? `#${r.index + 1}`, why: r.diagnostics.map((d) => d.message).join('; ') })}\n`,
        );
      problems += loaded.rejected.length;
    }
  }
  if (!methodology) return ExitCode.unusable;
  if (results) {
    const errors = [...results.problems, ...results.people.flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)])].filter(
      (p) => p.severity === 'error',
    );
    if (errors.length) io.err(`bagalau: ${t('render.resultErrors', { count: errors.length })}\n`);
    problems += errors.length;
  }

  // 2. Which documents: per methodology, its forms for the results of the periods it evaluated.
  const docs = [];
  const refusals: string[] = [];
  const warnings: string[] = [];
  for (const m of several.length > 1 && results && !options.blank ? several : [methodology]) {
    let forms;
    try {
      forms = parseFormList(m, options.forms);
    } catch (error) {
      refusals.push((error as Error).message);
      continue;
    }
    const own = several.length > 1 && results ? resultsOf(results, m.id, methodology.id) : results;
    docs.push(...planDocuments(m, { forms, blank: options.blank, combined: options.combined, warnings }, own, input));
  }
  for (const w of warnings) io.err(`bagalau: ${t('render.warning')}: ${w}\n`);
  // A form one of the methodologies lacks (annex 4 in a year whose later act has none) is not an error.
  if (refusals.length === (several.length > 1 && results && !options.blank ? several.length : 1)) {
    io.err(`bagalau: ${refusals[0]}\n`);
    return ExitCode.unusable;
  }
  if (docs.length === 0) {
    io.err(`bagalau: ${t('render.nothing')}\n`);
    return ExitCode.findings;
  }

  // 3. Print.
  try {
    findChromium();
  } catch (error) {
    io.err(`bagalau: ${(error as ChromiumMissingError).message}\n`);
    return ExitCode.unusable;
  }
  try {
    mkdirSync(options.out, { recursive: true });
  } catch (error) {
    const { message, hint } = describeFileError(error, options.out, 'create');
    io.err(`bagalau: ${t('render.outNotMade', { reason: message })}\n    ${t('diagnostic.hint')}: ${hint}\n`);
    return ExitCode.unusable;
  }
  const started = Date.now();
  // Interrupted (Ctrl+C, kill): close Chromium, remove its profile and any half-written
  // PDF, and stop; a file in --out is either whole or absent.
  const stopHandlers = onStop((signal, exitCode) => {
    void closeAllBrowsers().finally(() => {
      removeTemporaries(options.out);
      io.err(`bagalau: ${t('render.interrupted', { signal: signal === 'SIGINT' ? 'interrupted' : 'stopped', out: options.out })}\n`);
      process.exit(exitCode);
    });
  });
  let outcome;
  const progress =
    options.progress === false ? undefined : startProgress(io, { total: docs.length, format: renderProgress() }, options.quiet);
  try {
    outcome = await renderDocuments(docs, options.out, {
      pages: Number(options.pages ?? 3),
      tagged: options.tagged,
      onProgress: progress ? (p) => progress.update(p.done) : undefined,
    });
  } finally {
    progress?.stop();
    stopHandlers();
  }
  for (const f of outcome.failed) io.err(`bagalau: ${t('render.failed', { file: f.file, reason: f.error })}\n`);
  const seconds = (Date.now() - started) / 1000;
  if (!options.quiet)
    io.err(
      t('render.done', {
        count: outcome.written.length,
        out: options.out,
        seconds: seconds.toFixed(1),
        failed: outcome.failed.length,
        methodology: methodology.id,
        kind: options.blank ? 'blank' : 'filled',
      }) + '\n',
    );
  for (const file of outcome.written) io.out(file + '\n');
  return outcome.failed.length || problems ? ExitCode.findings : ExitCode.clean;
}

/** Temporary files of this process's atomic writes left in `dir` by an interruption. */
function removeTemporaries(dir: string): void {
  try {
    for (const name of readdirSync(dir))
      if (name.includes(`.${process.pid}.`) && name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  } catch {
    /* the folder may not exist yet */
  }
}

/** The results a methodology gave: of several, each result records the one it was evaluated under. */
function resultsOf(results: EvaluationResult, id: string, latest: string): EvaluationResult {
  return { ...results, people: results.people.map((p) => ({ ...p, results: p.results.filter((r) => (r.methodology ?? latest) === id) })) };
}
