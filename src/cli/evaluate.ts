// bagalau evaluate: the data a body submitted for a year → results (results.json and a CSV
// summary) and a summary table. Every problem names the person, period, field, clause
// and place in the file; one person's bad data never stops the others.
//
// People stream through: the input is read as bytes and cut into records (src/input/scan.ts),
// batches of records are parsed, checked, evaluated and written (evaluateBatch.ts) — in
// worker threads when the input is large — and written in the order of the input, so
// memory does not grow with the body and the output is the same whatever the workers.
//
// Two things the engine decides from the whole input — which quarters are evaluated (when
// the input does not list them) and which yearly methods have results — are taken from
// the first batch and checked at the end; in the rare input where a later person has what
// no one in the first batch has (or a key after the people), the run is made again with
// what the whole input has. Everything is written to temporary files until then.
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Worker } from 'node:worker_threads';
import { Option, type Command } from 'commander';
import { defaultCalendarPath } from '../calendar/index.js';
import type { PersonResult, Problem } from '../engine/index.js';
import { checkInputFile, detectFormat, readHeader, RecordReader, locateField, type Header } from '../input/records.js';
import { openScanner, readRange, type InputFormat, type RecordScanner, type RecordSpan } from '../input/scan.js';
import { wholeDocumentScanner } from '../input/wholeDocument.js';
import {
  BatchEvaluator,
  featureMethods,
  setAside,
  type BatchOutput,
  type BatchSetup,
  type BatchTask,
  type PersonOutput,
  problemLine,
} from './evaluateBatch.js';
import { ResultsWorkbook } from '../excel/results.js';
import type { Methodology } from '../methodology/index.js';
import { CSV_STYLES, summaryCsvHeader, type CsvStyle } from './csv.js';
import { Tally, methodologiesUsed, methodologyLegend, summaryTable, tableHead, tableLegend } from './evaluateOutput.js';
import { currentLanguage, localText, t } from '../i18n/index.js';
import { openCalendar, openMethodologies, sourceOf } from './open.js';
import { isWorkbookInput, runEvaluateWorkbook } from './evaluateWorkbook.js';
import { AtomicFile, FileWriteError, describeFileError, makeFolder, produceAtomically, removeOpenTemporaries } from '../io/files.js';
import { onStop } from './signals.js';
import { ExitCode, printDiagnostics, type Io } from './output.js';
import { evaluateProgress, startProgress, type Progress } from './progress.js';
import { collectDiagnostics, printSarif, problemDiagnostic } from './findingsFormat.js';
import type { Diagnostic } from '../methodology/index.js';
import { compactHead, compactTail, expandedFrame, ndjsonHead, type ResultsForm, type ResultsTop } from './resultsFile.js';

export { allProblems, formatProblem } from './evaluateOutput.js';

export interface EvaluateOptions {
  methodology?: string[];
  out?: string;
  json?: boolean;
  calendar?: string;
  allowOutOfForce?: boolean;
  /** The form of the results: json (default for --out), ndjson, expanded (default for --json); sarif prints the problems as a SARIF log on stdout instead. */
  format?: ResultsForm | 'sarif';
  /** No progress, no closing count: only the problems (and what stdout is asked for). */
  quiet?: boolean;
  /** summary (default above 100 people), full (one row a person), none. */
  table?: 'auto' | 'summary' | 'full' | 'none';
  /** Worker threads: a number, or auto (by the size of the input). */
  workers?: string;
  /** summary.csv for Excel under the Kazakh and Russian locales (default) or plain RFC 4180. */
  csvStyle?: CsvStyle;
  /** results.xlsx: auto (for an intake workbook; this path reads YAML, JSON, NDJSON: none), yes, no. */
  xlsx?: 'auto' | 'yes' | 'no';
  /** People per batch (tests use small batches to exercise the batching). */
  batchSize?: number;
}

/** People per batch, and the most bytes of records in one. */
const BATCH_PEOPLE = 256;
const BATCH_BYTES = 4 << 20;
/** Inputs from this size are evaluated in workers (below it, starting them costs more than it saves). */
const WORKERS_FROM_BYTES = 16 << 20;
/** The young generation of each worker (V8's default, 16 MiB of semi-space, makes a batch's garbage cost a third more). */
const YOUNG_GENERATION_MB = 64;
/** Batches main evaluates itself, beyond what the workers have queued, while it waits for them. */
const MAIN_AHEAD = 1;
/** Up to this many people the terminal gets one row a person unless --table says otherwise. */
/**
 * results.xlsx answers an intake workbook (--xlsx auto); for YAML, JSON and NDJSON it is asked
 * for with --xlsx yes. Laying it out (exceljs) costs about 0.5 ms a person: 40 % of a
 * 2,000-person run, minutes for a nationwide one.
 */

const FULL_TABLE_UP_TO = 100;

export function registerEvaluate(program: Command, io: Io): void {
  program
    .command('evaluate')
    .description(t('help.evaluate'))
    .argument('<input>', t('help.evaluate.input'))
    .option('--methodology <id|path...>', t('help.evaluate.methodology'))
    .option('--out <dir>', t('help.evaluate.out'))
    .option('--json', t('help.evaluate.json'))
    .option('--format <form>', t('help.evaluate.format'))
    .option('--quiet', t('help.evaluate.quiet'))
    .option('--table <kind>', t('help.evaluate.table'), 'auto')
    .option('--workers <n>', t('help.evaluate.workers'), 'auto')
    .addOption(new Option('--csv-style <style>', t('help.evaluate.csvStyle')).choices(CSV_STYLES).default('excel'))
    .addOption(
      new Option('--xlsx <when>', 'with --out, results.xlsx: auto (when the input is an intake workbook), yes, no')
        .choices(['auto', 'yes', 'no'])
        .default('auto'),
    )
    .option('--calendar <path>', t('help.calendar'), defaultCalendarPath())
    .option('--allow-out-of-force', t('help.allowOutOfForce'))
    // For the tests: small batches exercise the batching and the workers on small inputs.
    .addOption(new Option('--batch-size <n>', 'people per batch').argParser((v) => Math.max(1, Number.parseInt(v, 10) || 1)).hideHelp())
    .action(async (inputFile: string, options: EvaluateOptions) => {
      io.exitCode = await runEvaluate(io, inputFile, options);
    });
}

export async function runEvaluate(io: Io, inputFile: string, options: EvaluateOptions): Promise<number> {
  if (options.format && !['json', 'ndjson', 'expanded', 'sarif'].includes(options.format)) {
    io.err(`bagalau: ${t('evaluate.format.invalid', { value: options.format })}\n`);
    return ExitCode.unusable;
  }
  if (options.format !== 'sarif') return runEvaluateAs(io, inputFile, options as EvaluateOptions & { format?: ResultsForm });
  // --format sarif: stdout is the SARIF log of every problem; no table, no JSON results there.
  if (options.json) {
    io.err(`bagalau: ${t('cli.twoOutputs', { format: 'sarif' })}\n`);
    return ExitCode.unusable;
  }
  collectDiagnostics(io);
  try {
    return await runEvaluateAs(io, inputFile, { ...options, format: undefined, table: 'none', sarif: true });
  } finally {
    printSarif(io);
  }
}

async function runEvaluateAs(
  io: Io,
  inputFile: string,
  options: EvaluateOptions & { format?: ResultsForm; sarif?: boolean },
): Promise<number> {
  // An intake workbook (bagalau template) is read whole, with every problem at its cell.
  if (isWorkbookInput(inputFile)) return runEvaluateWorkbook(io, inputFile, options);
  if (options.table && !['auto', 'summary', 'full', 'none'].includes(options.table)) {
    io.err(`bagalau: ${t('evaluate.table.invalid', { value: options.table })}\n`);
    return ExitCode.unusable;
  }
  if (options.workers && options.workers !== 'auto' && !/^\d{1,2}$/.test(options.workers)) {
    io.err(`bagalau: ${t('evaluate.workers.invalid', { value: options.workers })}\n`);
    return ExitCode.unusable;
  }
  const unusable = checkInputFile(inputFile);
  if (unusable) {
    printDiagnostics(io, [unusable]);
    return ExitCode.unusable;
  }
  const run = new EvaluationRun(io, inputFile, detectFormat(inputFile), options);
  // Stopped (Ctrl+C, kill, a closed terminal): the files being written are removed, so --out
  // holds only whole files (the previous run's, if any). The loop yields after each batch,
  // so the signal is seen within one batch even without workers.
  const stopHandlers = onStop((signal, exitCode) => {
    removeOpenTemporaries();
    io.err(`bagalau: ${t(signal === 'SIGINT' ? 'evaluate.interrupted' : 'evaluate.stopped')}\n`);
    process.exit(exitCode);
  });
  try {
    let outcome = await run.attempt({});
    if (typeof outcome !== 'number') outcome = await run.attempt(outcome);
    return typeof outcome === 'number' ? outcome : ExitCode.unusable;
  } catch (error) {
    // --out cannot be written (a file in the way, no permission, the disk full): said in words, nothing half-written left.
    if (!(error instanceof FileWriteError)) throw error;
    io.err(`bagalau: ${t('cli.resultsNotWritten', { reason: error.message })}\n    ${t('diagnostic.hint')}: ${error.hint}\n`);
    return ExitCode.unusable;
  } finally {
    stopHandlers();
    await run.close();
  }
}

/** What a second attempt knows that the first had to guess. */
interface Known {
  features?: number;
  wholeHeader?: boolean;
}

class EvaluationRun {
  private pool?: WorkerPool;

  constructor(
    private readonly io: Io,
    private readonly file: string,
    private readonly format: InputFormat,
    private readonly options: EvaluateOptions & { format?: ResultsForm; sarif?: boolean },
  ) {}

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** One pass over the input; returns the exit code, or what a second pass must know. */
  async attempt(known: Known): Promise<number | Known> {
    const { io, file, options } = this;
    let scanner: RecordScanner = openScanner(file, this.format);
    const queue: RecordSpan[] = [];
    // Workers start loading now, while the first batch is read here.
    const workers = this.workerCount(scanner.size);
    if (workers > 0) this.pool ??= new WorkerPool(workers);
    try {
      // Records up to the first batch, and the header; the whole file first when the header must be complete.
      const batchSize = options.batchSize ?? BATCH_PEOPLE;
      const fillTo = (count: number) => {
        while (queue.length < count) {
          const found = scanner.next();
          if (!found) return;
          queue.push(...found);
        }
      };
      const asked = Math.max(batchSize, FULL_TABLE_UP_TO) + 1;
      fillTo(known.wholeHeader ? Infinity : asked);
      // Fewer records than asked for: the file has been read to its end.
      const wholeFileRead = known.wholeHeader || queue.length < asked;
      if (scanner.unsupported) {
        scanner.close();
        scanner = wholeDocumentScanner(file);
        queue.length = 0;
        fillTo(Infinity);
      }
      let header = readHeader(file, this.format, scanner.header());
      if (!header.data && !known.wholeHeader) {
        // The header may be whole only at the end of the file (a key after the people).
        fillTo(Infinity);
        header = readHeader(file, this.format, scanner.header());
      }
      if (!header.data) {
        printDiagnostics(io, header.diagnostics);
        return ExitCode.unusable;
      }
      const methodologies = openMethodologies(io, options.methodology, header.data, file);
      if (!methodologies) return ExitCode.unusable;
      const calendar = openCalendar(io, options.calendar ?? defaultCalendarPath());
      if (!calendar) return ExitCode.unusable;

      const first = takeBatch(queue, batchSize);
      const firstTask = this.task(0, first, 0);
      const methods = featureMethods(methodologies);
      const tableOption = options.table ?? 'auto';
      // One row a person for a small body (known now: the whole file has been read), counts for a large one.
      const table =
        options.json || tableOption === 'none'
          ? 'none'
          : tableOption === 'auto'
            ? wholeFileRead && first.length + queue.length <= FULL_TABLE_UP_TO
              ? 'full'
              : 'summary'
            : tableOption;
      const stdoutForm: ResultsForm | undefined = options.json ? (options.format ?? 'expanded') : undefined;
      const fileForm: ResultsForm | undefined = options.out ? (options.format ?? 'json') : undefined;
      const quarterlyMethods = [
        ...new Set(
          methodologies.flatMap((m) =>
            Object.entries(m.methods)
              .filter(([, d]) => d.period === 'quarter')
              .map(([id]) => id),
          ),
        ),
      ];
      const setup: BatchSetup = {
        file,
        format: scanner.format,
        header: header.data,
        methodologies,
        calendar: { file: calendar.file, label: calendar.label },
        allowOutOfForce: options.allowOutOfForce,
        features: 0,
        outputs: {
          file: fileForm,
          stdout: stdoutForm,
          rows: table === 'full',
          csvStyle: options.csvStyle,
          workbook: !!options.out && options.xlsx === 'yes',
        },
        columns: io.columns ?? 160,
        quarterlyMethods,
        yearlyColumns: [],
        problemsAsJson: options.sarif,
        language: currentLanguage(),
      };
      const local = new BatchEvaluator(setup);
      // What the input has, as far as the first batch tells (or as the first attempt found).
      const features = known.features ?? local.features(firstTask);
      setup.features = features;
      setup.yearlyColumns = methodologies
        .flatMap((m) =>
          Object.entries(m.methods)
            .filter(([, d]) => d.period === 'year')
            .map(([id]) => id),
        )
        .filter((id, k, all) => all.indexOf(id) === k && (features & (1 << (4 + methods.indexOf(id)))) !== 0);
      const top = local.top(features);
      // Which files the results were made with: a later render or appeal can check they did not change.
      const latestSource = sourceOf(methodologies.find((m) => m.id === top.methodology.id) ?? methodologies[methodologies.length - 1]);
      if (latestSource) top.methodology = { ...top.methodology, ...latestSource };
      if (top.methodologies)
        top.methodologies = top.methodologies.map((entry) => ({ ...entry, ...sourceOf(methodologies.find((m) => m.id === entry.id)!) }));
      const uncovered = top.problems.find((p) => p.code === 'calendar.not-covered');
      if (uncovered) {
        printDiagnostics(io, [problemDiagnostic(uncovered)]);
        return ExitCode.unusable;
      }

      const sink = new Sinks(io, options, fileForm, stdoutForm, setup.outputs.workbook === true);
      let progress: Progress | undefined;
      try {
        const stats = new Tally();
        // Each id's first record, and where every record is (kept compactly: they are read again only for an id used twice).
        const seen = new Map<string, number>();
        const places = new SpanList();
        let union = 0;
        let texts: string[] = [];
        progress = startProgress(io, { total: scanner.size, format: evaluateProgress(), payload: { people: '0' } }, options.quiet);
        const write = (output: Omit<BatchOutput, 'batch' | 'texts'>, task: BatchTask) => {
          // Runs of people are written as they come; a record whose id came before is replaced.
          let from = 0;
          const flush = (to: number) => {
            if (to > from) sink.write(output, from, to);
            from = to;
          };
          for (const [k, person] of output.people.entries()) {
            places.set(person.index, task.spans[k]);
            const firstSeen = person.id !== undefined ? seen.get(person.id) : undefined;
            if (person.id !== undefined && firstSeen === undefined) seen.set(person.id, person.index);
            if (firstSeen === undefined) {
              if (person.valid) union |= person.features;
              stats.add(person);
              sink.person(person);
              continue;
            }
            // A second record with one id: set aside, naming both places (a record refused by the schema is shown as such too).
            flush(person.valid ? k : k + 1);
            if (!person.valid) {
              stats.add(person);
              sink.person(person);
            }
            from = k + 1;
            const twice = local.outputOf(
              this.duplicate(scanner, person.id!, person.index, task.spans[k], { index: firstSeen, span: places.get(firstSeen) }),
              person.index,
            );
            sink.write(twice, 0, 1);
            stats.add(twice.people[0]);
            sink.person(twice.people[0]);
          }
          flush(output.people.length);
          progress?.update(task.spans.at(-1)?.end ?? 0, { people: stats.people.toLocaleString('en') });
        };

        // The first batch, here: it collects the texts of the dictionary.
        const firstOutput = local.run(firstTask);
        texts = firstOutput.texts ?? [];
        setup.texts = texts;
        const topForFile: ResultsTop = top;
        sink.open(topForFile, texts, methodologies);
        for (const p of top.problems) sink.problem(problemLine(p, options.sarif));
        if (setup.outputs.rows) sink.row(tableHead(setup.yearlyColumns, setup.columns));
        write(firstOutput, firstTask);

        // The rest: in workers when the input is large, else here.
        if (workers > 0) this.pool!.setup(setup);
        // Batches go to the workers, a few queued for each; when they all have enough, main evaluates the next one
        // itself rather than wait (it would sit idle otherwise), up to a few batches ahead of the oldest unwritten.
        const pending: { task: BatchTask; output?: Promise<BatchOutput>; done?: BatchOutput }[] = [];
        const pool = workers > 0 ? this.pool : undefined;
        // Enough queued for each worker that it does not run dry while main evaluates a batch.
        const limit = Math.max(1, workers * 4);
        let batch = 1;
        let index = first.length;
        const dispatch = (spans: RecordSpan[], here: boolean) => {
          const task = this.task(batch++, spans, index);
          index += spans.length;
          if (here || !pool) {
            pending.push({ task, done: local.run(task) });
            return;
          }
          const entry: (typeof pending)[number] = { task };
          entry.output = pool.run(task).then((output) => (entry.done = output));
          pending.push(entry);
        };
        const writeOldest = async () => {
          const oldest = pending.shift()!;
          write(oldest.done ?? (await oldest.output!), oldest.task);
        };
        const nextBatch = (): RecordSpan[] | undefined => {
          while (!(queue.length >= batchSize || (queue.length > 0 && bytesOf(queue, batchSize) >= BATCH_BYTES))) {
            const found = scanner.next();
            if (!found) return queue.length ? takeBatch(queue, Infinity) : undefined;
            queue.push(...found);
          }
          return takeBatch(queue, batchSize);
        };
        for (let spans = nextBatch(); spans; spans = nextBatch()) {
          // A signal (Ctrl+C) is handled between batches, also when main evaluates them all.
          if (!pool) await new Promise((resolve) => setImmediate(resolve));
          while (pending.length > 0 && pending[0].done) await writeOldest();
          if (!pool || pending.length < limit) dispatch(spans, false);
          else if (pending.length < limit + MAIN_AHEAD) {
            dispatch(spans, true);
            // Let the workers' answers in.
            await new Promise((resolve) => setImmediate(resolve));
          } else {
            await writeOldest();
            dispatch(spans, false);
          }
        }
        while (pending.length) await writeOldest();
        progress?.update(scanner.size, { people: stats.people.toLocaleString('en') });
        progress?.stop();

        // Was the guess right?
        // The header as the whole file gives it: a key after the people changes it (the text differs anyway: the end of the file is known now).
        const wholeHeader =
          !known.wholeHeader && JSON.stringify(readHeader(file, this.format, scanner.header()).data) !== JSON.stringify(header.data);
        if (wholeHeader || union !== features) {
          sink.discard();
          return { features: union, wholeHeader: known.wholeHeader || wholeHeader };
        }
        sink.commit();
        await sink.writeWorkbook();
        // Problems first (stderr), then the results (--json) or the table on stdout, then the count.
        sink.drainProblems();
        sink.drainResults();
        const title = localText(methodologies.find((m) => m.id === top.methodology.id)?.title) || top.methodology.title;
        if (table === 'summary')
          io.out(
            summaryTable(title, top.year, stats, Object.keys(methodologies.at(-1)!.bands.levels), unitNames(header)) +
              '\n' +
              methodologyLegend(methodologies.at(-1)!),
          );
        else if (table === 'full') {
          io.out(`${title} — ${top.year}\n`);
          sink.row(tableLegend());
          sink.row(methodologyLegend(methodologies.at(-1)!));
          sink.drainRows();
        }
        if (!options.quiet)
          io.err(
            t(options.out ? 'evaluate.done.out' : 'evaluate.done', {
              people: stats.people,
              methodology: methodologiesUsed(top),
              year: String(top.year),
              errors: stats.errors + errorsIn(top.problems),
              warnings: stats.warnings + top.problems.length - errorsIn(top.problems),
              out: options.out ?? '',
            }) + '\n',
          );
        return stats.errors + errorsIn(top.problems) > 0 ? ExitCode.findings : ExitCode.clean;
      } finally {
        progress?.stop();
        sink.discard();
        local.close();
      }
    } finally {
      scanner.close();
    }
  }

  private workerCount(size: number): number {
    const given = this.options.workers;
    if (given && given !== 'auto') return Number(given);
    // As many workers as cores: main mostly reads and writes, and evaluates a batch only when
    // every worker has enough queued. On 2 cores, in four pairs of runs of 100,000 people,
    // 2 workers were as fast as 1 or up to 17 % faster, for 120 MB more (docs/benchmarks.md).
    return size >= WORKERS_FROM_BYTES ? Math.max(1, Math.min(4, availableParallelism())) : 0;
  }

  /** A batch of records: where they are (whoever evaluates it reads them: main has enough to do). */
  private task(batch: number, spans: RecordSpan[], first: number): BatchTask {
    return { batch, spans, first };
  }

  /** The record at `index` set aside because its id was used before, at `first`. */
  private duplicate(
    scanner: RecordScanner,
    id: string,
    index: number,
    span: RecordSpan,
    first: { index: number; span: RecordSpan },
  ): PersonResult {
    const reader = new RecordReader(this.file, scanner.format, {});
    const idAt = (i: number, s: RecordSpan) =>
      locateField(reader.places(readRange(scanner.fd, s.start, s.end).toString('utf8'), s, i), i, 'id');
    const at = idAt(index, span);
    const firstAt = idAt(first.index, first.span);
    const { name } = reader.read(readRange(scanner.fd, span.start, span.end).toString('utf8'), span, index);
    return setAside({
      id,
      name,
      index,
      diagnostics: [
        {
          severity: 'error',
          code: 'input.duplicate-id',
          at: at ? { ...at, file: this.file } : undefined,
          pointer: `/people/${index}/id`,
          message: t('input.duplicate-id', {
            id,
            first: String(first.index + 1),
            line: firstAt ? String(firstAt.line) : 'none',
            second: String(index + 1),
          }),
          hint: t('input.duplicate-id.hint'),
        },
      ],
    });
  }
}

/** Where each record is, by index, in one growing array of numbers. */
class SpanList {
  private data = new Float64Array(4 * 1024);

  set(index: number, span: RecordSpan): void {
    if (4 * index + 4 > this.data.length) {
      const bigger = new Float64Array(Math.max(this.data.length * 2, 4 * index + 4));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.set([span.start, span.end, span.line, span.col], 4 * index);
  }

  get(index: number): RecordSpan {
    const [start, end, line, col] = this.data.subarray(4 * index, 4 * index + 4);
    return { start, end, line, col };
  }
}

function errorsIn(problems: Problem[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}

function unitNames(header: Header): Record<string, string> {
  const units = (header.data?.units ?? {}) as Record<string, { name?: string }>;
  return Object.fromEntries(Object.entries(units).map(([id, u]) => [id, u.name ?? '']));
}

function takeBatch(queue: RecordSpan[], size: number): RecordSpan[] {
  let count = 0;
  let bytes = 0;
  while (count < queue.length && count < size && (count === 0 || bytes + queue[count].end - queue[count].start <= BATCH_BYTES)) {
    bytes += queue[count].end - queue[count].start;
    count++;
  }
  return queue.splice(0, count);
}

function bytesOf(queue: RecordSpan[], upTo: number): number {
  let bytes = 0;
  for (let k = 0; k < queue.length && k < upTo; k++) bytes += queue[k].end - queue[k].start;
  return bytes;
}

/**
 * Where the command writes: the results file and summary.csv (temporary names until the run
 * is confirmed, then renamed: a reader never sees half a file), and stdout and stderr,
 * held in spools until then.
 */
class Sinks {
  private results?: OutputFile;
  private csv?: OutputFile;
  private workbook?: { file: string; writer: ResultsWorkbook };
  private readonly stdout = new Spool();
  private readonly stderr = new Spool();
  private readonly rows = new Spool();
  private any = false;
  private anyStdout = false;
  private after = '';
  private stdoutAfter = '';

  constructor(
    private readonly io: Io,
    private readonly options: EvaluateOptions,
    private readonly fileForm?: ResultsForm,
    private readonly stdoutForm?: ResultsForm,
    private readonly withWorkbook = false,
  ) {}

  open(top: ResultsTop, texts: string[], methodologies: Methodology[]): void {
    if (this.options.out) {
      makeFolder(this.options.out);
      this.results = new OutputFile(join(this.options.out, this.fileForm === 'ndjson' ? 'results.ndjson' : 'results.json'));
      this.csv = new OutputFile(join(this.options.out, 'summary.csv'));
      this.csv.write(summaryCsvHeader(this.options.csvStyle));
      if (this.withWorkbook)
        this.workbook = { file: join(this.options.out, 'results.xlsx'), writer: new ResultsWorkbook(top, methodologies) };

      this.after = this.head(this.fileForm!, top, texts, (s) => this.results!.write(s));
    }
    if (this.stdoutForm) this.stdoutAfter = this.head(this.stdoutForm, top, texts, (s) => this.stdout.write(s));
  }

  private head(form: ResultsForm, top: ResultsTop, texts: string[], write: (s: string) => void): string {
    if (form === 'ndjson') {
      write(ndjsonHead(top, texts));
      return '';
    }
    if (form === 'json') {
      write(compactHead(top, texts));
      return '';
    }
    const [before, after] = expandedFrame(top);
    write(before);
    return after;
  }

  /** The bytes of people [from, to) of a batch. */
  write(output: Omit<BatchOutput, 'batch' | 'texts'>, from: number, to: number): void {
    if (this.results && output.results) {
      this.results.bytes(part(output.results, from, to, !this.any && this.fileForm !== 'ndjson'));
      this.csv!.bytes(part(output.csv!, from, to, false));
      if (this.workbook && output.workbook) this.workbook.writer.addLines(part(output.workbook, from, to, false));
      this.any = true;
    }
    const stdout = output.stdout ?? (this.stdoutForm === this.fileForm ? output.results : undefined);
    if (this.stdoutForm && stdout) {
      this.stdout.write(part(stdout, from, to, !this.anyStdout && this.stdoutForm !== 'ndjson'));
      this.anyStdout = true;
    }
  }

  /** A person's problems (stderr) and row (stdout). */
  person(p: PersonOutput): void {
    if (p.problems) this.stderr.write(p.problems);
    if (p.row) this.rows.write(p.row);
  }

  problem(text: string): void {
    this.stderr.write(text);
  }

  row(text: string): void {
    this.rows.write(text);
  }

  private tail(form: ResultsForm, after: string, any: boolean): string {
    if (form === 'ndjson') return '';
    if (form === 'json') return compactTail(any);
    return (any ? '\n  ' : '') + after;
  }

  /** The run stands: the files take their names. */
  commit(): void {
    if (this.results) {
      this.results.write(this.tail(this.fileForm!, this.after, this.any));
      this.results.commit();
      this.csv!.commit();
    }
    if (this.stdoutForm) this.stdout.write(this.tail(this.stdoutForm, this.stdoutAfter, this.anyStdout));
  }

  /** results.xlsx, laid out from what the people left (after commit: the run stands). */
  async writeWorkbook(): Promise<void> {
    const workbook = this.workbook;
    this.workbook = undefined;
    // Through the shared atomic writer: a folder in the way or a full disk is said in words, nothing half-written is left.
    if (workbook) await produceAtomically(workbook.file, (temporary) => workbook.writer.write(temporary));
  }

  drainProblems(): void {
    const collected = this.io.collected;
    if (!collected) {
      this.stderr.drain((s) => this.io.err(s));
      return;
    }
    // --format sarif: the problems are lines of JSON (Diagnostics), gathered for the log.
    let rest = '';
    const take = (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line) collected.push(JSON.parse(line) as Diagnostic);
    };
    this.stderr.drain(take);
    take('\n');
  }

  drainResults(): void {
    this.stdout.drain((s) => this.io.out(s));
  }

  drainRows(): void {
    this.rows.drain((s) => this.io.out(s));
  }

  discard(): void {
    this.results?.abort();
    this.csv?.abort();
    this.workbook?.writer.discard();
    this.workbook = undefined;
    this.stdout.discard();
    this.stderr.discard();
    this.rows.discard();
  }
}

/** A results file, buffered and written through the shared atomic writer (src/io/files.ts): renamed when complete, removed on failure. */
class OutputFile {
  private readonly file: AtomicFile;
  private pending: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.file = new AtomicFile(path);
  }

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  bytes(bytes: Uint8Array): void {
    this.flush();
    this.file.write(bytes);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.file.write(this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }

  commit(): void {
    this.flush();
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}

/** The bytes of people [from, to) of a block; the separator of the very first person of a file is dropped. */
function part(block: { bytes: Uint8Array; ends: number[] }, from: number, to: number, first: boolean): Uint8Array {
  const start = (from === 0 ? 0 : block.ends[from - 1]) + (first ? 1 : 0);
  return block.bytes.subarray(start, block.ends[to - 1]);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Output held until the run is confirmed: in memory, then in a temporary file past 8 MiB. */
class Spool {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  private file?: { path: string; fd: number };

  write(data: string | Uint8Array): void {
    this.parts.push(typeof data === 'string' ? data : Buffer.from(data));
    this.size += data.length;
    if (this.size >= 8 << 20) this.flush();
  }

  private flush(): void {
    const path = this.file?.path ?? join(tmpdir(), `bagalau-evaluate-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
    try {
      this.file ??= { path, fd: openSync(path, 'wx+') };
      writeAll(this.file.fd, Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    } catch (error) {
      const { message, hint } = describeFileError(error, path, 'write');
      throw new FileWriteError(`the output held until the end of the run cannot be kept: ${message}`, hint);
    }
    this.parts = [];
    this.size = 0;
  }

  drain(sink: (text: string) => void): void {
    if (this.file) {
      this.flush();
      const decoder = new StringDecoder('utf8');
      const chunk = Buffer.allocUnsafe(1 << 22);
      for (let position = 0; ;) {
        const n = readSync(this.file.fd, chunk, 0, chunk.length, position);
        if (n === 0) break;
        position += n;
        sink(decoder.write(chunk.subarray(0, n)));
      }
      const rest = decoder.end();
      if (rest) sink(rest);
    } else if (this.parts.length)
      sink(this.parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.length).toString('utf8'))).join(''));
    this.discard();
  }

  discard(): void {
    this.parts = [];
    this.size = 0;
    if (this.file) {
      closeSync(this.file.fd);
      rmSync(this.file.path, { force: true });
      this.file = undefined;
    }
  }
}

/** Worker threads, each given the run's setup once, then batches. */
class WorkerPool {
  private readonly workers: { worker: Worker; busy: number; queue: { resolve: (o: BatchOutput) => void; reject: (e: Error) => void }[] }[] =
    [];
  private next = 0;

  constructor(count: number) {
    // From the sources (tests, tsx), the worker registers tsx first to read TypeScript.
    const ts = import.meta.url.endsWith('.ts');
    const url = new URL(ts ? './evaluateWorker.ts' : './evaluateWorker.js', import.meta.url);
    const source = ts ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })` : url;
    for (let k = 0; k < count; k++) {
      // A young generation large enough for a batch's garbage: minor collections cost a third less.
      const worker = new Worker(source, { eval: ts, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const entry = { worker, busy: 0, queue: [] as { resolve: (o: BatchOutput) => void; reject: (e: Error) => void }[] };
      worker.on('message', (message: { output?: BatchOutput; error?: string; ready?: boolean }) => {
        if (message.ready) return;
        const waiting = entry.queue.shift();
        entry.busy--;
        if (!waiting) return;
        if (message.error) waiting.reject(new Error(`a worker failed: ${message.error}`));
        else waiting.resolve(message.output!);
      });
      worker.on('error', (error) => {
        for (const w of entry.queue.splice(0)) w.reject(error);
      });
      this.workers.push(entry);
    }
  }

  setup(setup: BatchSetup): void {
    for (const { worker } of this.workers) worker.postMessage({ setup });
  }

  run(task: BatchTask): Promise<BatchOutput> {
    // The least busy worker (in order), so batches spread evenly.
    let chosen = this.workers[this.next % this.workers.length];
    for (const w of this.workers) if (w.busy < chosen.busy) chosen = w;
    this.next++;
    chosen.busy++;
    return new Promise((resolve, reject) => {
      chosen.queue.push({ resolve, reject });
      chosen.worker.postMessage({ task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}
