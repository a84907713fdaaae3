// One batch of people of `bagalau evaluate`: their records parsed and checked, evaluated by
// the engine, and turned into what the command writes (results, CSV lines, problems, table
// rows, counts). The same code runs in the main thread and in the workers
// (evaluateWorker.ts), so a run gives the same bytes whatever the number of workers.
import { WorkingCalendar, type CalendarFile } from '../calendar/index.js';
import { buildContext, type EngineContext } from '../engine/context.js';
import { evaluateWithContexts } from '../engine/evaluate.js';
import type { EvaluationResult, Person, PersonResult, Problem } from '../engine/index.js';
import { RecordReader, locateField, type RecordOutcome, type RecordPlaces } from '../input/records.js';
import { readRange, type InputFormat, type RecordSpan } from '../input/scan.js';
import { closeSync, openSync } from 'node:fs';
import type { Methodology } from '../methodology/index.js';
import { resultsWorkbookLine } from '../excel/results.js';
import { summaryCsvLines, type CsvStyle } from './csv.js';
import { allProblems, formatProblem, tableRow, tally } from './evaluateOutput.js';
import { problemDiagnostic } from './findingsFormat.js';
import { useLanguage, type Language } from '../i18n/index.js';
import { ByteSink, TextDictionary, collectTexts, expandedPerson, type ResultsForm, type ResultsTop } from './resultsFile.js';

/** What every batch of a run shares. */
export interface BatchSetup {
  file: string;
  format: InputFormat;
  /** The header of the input (people: []), already checked. */
  header: Record<string, unknown>;
  methodologies: Methodology[];
  /** The working-day calendar as read and checked by main (a worker builds it again without reading the file). */
  calendar: { file: CalendarFile; label: string };
  allowOutOfForce?: boolean;
  /**
   * What the whole input has (see `featuresOf`): the engine decides from every person which
   * quarters are evaluated and which yearly methods have results, and a batch sees only its own.
   */
  features: number;
  /** The recurring texts of the results (absent: this batch, the first, collects them). */
  texts?: string[];
  /**
   * The forms of the results for the file (--out) and for stdout (--json); rows of the full
   * table; with --out, the style of summary.csv and whether results.xlsx is written.
   */
  outputs: { file?: ResultsForm; stdout?: ResultsForm; rows: boolean; csvStyle?: CsvStyle; workbook?: boolean };
  /** For the table rows. */
  columns: number;
  quarterlyMethods: string[];
  yearlyColumns: string[];
  /** --format sarif: each problem as a line of JSON (a Diagnostic), for one SARIF log at the end; else in the file:line:col form. */
  problemsAsJson?: boolean;
  /** The language of the run: a worker thread writes its problems, rows and CSV lines in it. */
  language?: Language;
}

export interface BatchTask {
  batch: number;
  /** The records' bytes, from the first record's start to the last one's end; absent, they are read from the file here (a worker reads its own batches). */
  bytes?: Uint8Array;
  /** Where each record is in the file; `start`/`end` are offsets in the file. */
  spans: RecordSpan[];
  /** Index (in people) of the first record. */
  first: number;
}

/** One person (or one set-aside record): what main needs besides the bytes. */
export interface PersonOutput {
  index: number;
  /** The id as written (a text), for the check of ids used twice. */
  id?: string;
  /** Evaluated (its record is valid): counts for the features of the input. */
  valid: boolean;
  features: number;
  /** Its problems, formatted for stderr. */
  problems: string;
  errors: number;
  warnings: number;
  /** The codes of its problems, a line each. */
  codes: string;
  /** Its row of the full table. */
  row?: string;
  /** What it counts for in the summary (evaluateOutput.ts tally). */
  tally: string;
  unit?: string;
}

/**
 * Bytes written person by person: `ends[k]` is where person k's part ends. A part starts
 * with its separator (",\n" in the json and expanded forms: main drops the comma of the
 * very first person), so a batch is written with one call.
 */
export interface Block {
  bytes: Uint8Array;
  ends: number[];
}

export interface BatchOutput {
  batch: number;
  people: PersonOutput[];
  results?: Block;
  /** The results for stdout, when they take another form than the file's. */
  stdout?: Block;
  csv?: Block;
  /** What results.xlsx shows of each person (resultsWorkbookLine), a line each. */
  workbook?: Block;
  /** Only from the first batch: the dictionary it collected. */
  texts?: string[];
}

/** People evaluated by the engine at once, then written (a batch holds several such groups). */
const ENGINE_GROUP = 32;

interface Writers {
  results?: BlockWriter;
  csv?: BlockWriter;
  stdout?: BlockWriter;
  workbook?: BlockWriter;
}

/** Parts of people written one after the other, with where each ends; the buffer can be handed to another thread. */
class BlockWriter {
  readonly sink = new ByteSink();
  readonly ends: number[] = [];

  add(text: string): void {
    this.sink.text(text);
    this.end();
  }

  /** Closes the part of the current person. */
  end(): void {
    this.ends.push(this.sink.length);
  }

  block(): Block {
    return { bytes: new Uint8Array(this.sink.buffer.buffer, this.sink.buffer.byteOffset, this.sink.length), ends: this.ends };
  }
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** The ids of every method of the methodologies, in a fixed order: bit 4 + k of the features is method k. */
export function featureMethods(methodologies: Methodology[]): string[] {
  return [...new Set(methodologies.flatMap((m) => Object.keys(m.methods)))].sort();
}

/**
 * The features of a person, as bits: 0–3 the quarters with data (quarters.Qn), 4 + k the
 * method k with yearly data (annual.<id>, or <id> on the person in inputs before 2026) —
 * the two things the engine computes from the whole input.
 */
export function featuresOf(person: Person, methods: string[]): number {
  let bits = 0;
  const quarters = person.quarters as Record<string, unknown> | undefined;
  if (quarters)
    QUARTERS.forEach((q, k) => {
      if (quarters[q]) bits |= 1 << k;
    });
  const annual = person.annual as Record<string, unknown> | undefined;
  const own = person as unknown as Record<string, unknown>;
  methods.forEach((id, k) => {
    if ((annual && Object.hasOwn(annual, id)) || (Object.hasOwn(own, id) && typeof own[id] === 'object')) bits |= 1 << (4 + k);
  });
  return bits;
}

/** A person who stands for the rest of the input: it has what `features` says, and its results are dropped. */
export function standIn(features: number, methods: string[]): Person {
  const quarters: Record<string, object> = {};
  QUARTERS.forEach((q, k) => {
    if (features & (1 << k)) quarters[q] = {};
  });
  const annual: Record<string, object> = {};
  methods.forEach((id, k) => {
    if (features & (1 << (4 + k))) annual[id] = {};
  });
  return { id: '\u0000rest of the input', name: '', positionCategory: '', appointedOn: '1900-01-01', quarters, annual } as Person;
}

export class BatchEvaluator {
  private readonly contexts: EngineContext[];
  private readonly reader: RecordReader;
  private readonly methods: string[];
  private dictionary?: TextDictionary;
  private fd?: number;

  constructor(readonly setup: BatchSetup) {
    // In a worker thread the language is not chosen yet: the setup brings main's.
    if (setup.language) useLanguage(setup.language);
    const calendar = new WorkingCalendar(setup.calendar.file, setup.calendar.label);
    this.contexts = setup.methodologies.map((m) => buildContext(m, calendar));
    this.reader = new RecordReader(setup.file, setup.format, setup.header);
    this.methods = featureMethods(setup.methodologies);
    if (setup.texts) this.dictionary = new TextDictionary(setup.texts);
  }

  /** The engine's result for an input of no one but the stand-in: the top of the results. */
  top(features: number): ResultsTop {
    // `people` keeps its place among the keys (undefined), so the file lists them in the engine's order.
    return { ...this.evaluate([standIn(features, this.methods)]), people: undefined };
  }

  private evaluate(people: Person[]): EvaluationResult {
    return evaluateWithContexts(this.contexts, { ...(this.setup.header as object), people } as never, {
      allowOutOfForce: this.setup.allowOutOfForce,
    });
  }

  private read(task: BatchTask): { texts: string[]; records: RecordOutcome[] } {
    const base = task.spans.length ? task.spans[0].start : 0;
    const bytes = task.bytes
      ? Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength)
      : task.spans.length
        ? readRange((this.fd ??= openSync(this.setup.file, 'r')), base, task.spans.at(-1)!.end)
        : Buffer.alloc(0);
    const texts = task.spans.map((span) => bytes.toString('utf8', span.start - base, span.end - base));
    return { texts, records: texts.map((text, k) => this.reader.read(text, task.spans[k], task.first + k)) };
  }

  /** What the valid records of a batch have (a record whose id came before in the batch does not count). */
  features(task: BatchTask): number {
    const ids = new Set<string>();
    let bits = 0;
    for (const record of this.read(task).records) {
      if (record.id !== undefined) {
        if (ids.has(record.id)) continue;
        ids.add(record.id);
      }
      if (record.person) bits |= featuresOf(record.person, this.methods);
    }
    return bits;
  }

  run(task: BatchTask): BatchOutput {
    const { texts, records } = this.read(task);
    const featureByRecord = new Map<RecordOutcome, number>();
    for (const r of records) if (r.person) featureByRecord.set(r, featuresOf(r.person, this.methods));
    const meta = records.map((r) => ({ index: r.index, id: r.id, valid: !!r.person, features: featureByRecord.get(r) ?? 0 }));
    if (!this.dictionary && this.needsTexts()) {
      // The first batch: the whole batch is evaluated before anything is written, to collect the recurring texts.
      const persons = this.evaluateRecords(records, texts, featureByRecord);
      const collected = collectTexts(persons);
      this.dictionary = new TextDictionary(collected);
      return { batch: task.batch, texts: collected, ...this.write(persons, meta) };
    }
    // Then a few people at a time are evaluated and written: fewer results alive at once, less for the collector to copy.
    const writers = this.writers();
    const people: PersonOutput[] = [];
    for (let from = 0; from < records.length; from += ENGINE_GROUP) {
      const to = Math.min(records.length, from + ENGINE_GROUP);
      const persons = this.evaluateRecords(records.slice(from, to), texts.slice(from, to), featureByRecord);
      people.push(...this.writeWith(writers, persons, meta.slice(from, to)));
    }
    return { batch: task.batch, people, ...this.blocks(writers) };
  }

  /** The records' people evaluated (a record set aside stays as it is, with its problems), each problem placed in the file. */
  private evaluateRecords(records: RecordOutcome[], texts: string[], featureByRecord: Map<RecordOutcome, number>): PersonResult[] {
    const valid = records.filter((r) => r.person);
    const people = valid.map((r) => r.person!);
    // The group stands for itself only if it has all the input has; otherwise one more person stands for the rest.
    let have = 0;
    for (const r of valid) have |= featureByRecord.get(r)!;
    const extra = (this.setup.features & ~have) !== 0;
    const result = this.evaluate(extra ? [...people, standIn(this.setup.features, this.methods)] : people);
    const evaluated = new Map<RecordOutcome, PersonResult>(valid.map((r, k) => [r, result.people[k]]));
    return records.map((record, k): PersonResult => {
      const person = evaluated.get(record);
      if (!person) return setAside(record);
      // The record is read again, with positions, only if it has a problem to place.
      let origins: RecordPlaces | undefined;
      for (const p of allProblems(person)) {
        if (p.at || p.person === undefined) continue;
        origins ??= this.reader.places(texts[k], record.span, record.index);
        p.at = locateField(origins, record.index, p.field);
      }
      return person;
    });
  }

  private needsTexts(): boolean {
    const { file, stdout } = this.setup.outputs;
    return file === 'json' || file === 'ndjson' || stdout === 'json' || stdout === 'ndjson';
  }

  /** A person's part of the results in a form, with its separator (",\n" before, or a line feed after). */
  private part(form: ResultsForm, person: PersonResult, writer: BlockWriter): void {
    if (form === 'expanded') {
      writer.add(',\n' + expandedPerson(person));
      return;
    }
    if (form === 'json') {
      writer.sink.byte(0x2c);
      writer.sink.byte(0x0a);
    }
    this.dictionary!.write(person, writer.sink);
    if (form === 'ndjson') writer.sink.byte(0x0a);
    writer.end();
  }

  private writers(): Writers {
    const { file, stdout, workbook } = this.setup.outputs;
    return {
      results: file ? new BlockWriter() : undefined,
      csv: file ? new BlockWriter() : undefined,
      stdout: stdout && stdout !== file ? new BlockWriter() : undefined,
      workbook: file && workbook ? new BlockWriter() : undefined,
    };
  }

  private blocks(writers: Writers): Pick<BatchOutput, 'results' | 'csv' | 'stdout' | 'workbook'> {
    return {
      results: writers.results?.block(),
      csv: writers.csv?.block(),
      stdout: writers.stdout?.block(),
      workbook: writers.workbook?.block(),
    };
  }

  private writeWith(
    writers: Writers,
    persons: PersonResult[],
    records: Pick<PersonOutput, 'index' | 'id' | 'valid' | 'features'>[],
  ): PersonOutput[] {
    const { file, stdout, rows, csvStyle } = this.setup.outputs;
    return persons.map((person, k): PersonOutput => {
      const problems = allProblems(person);
      const errors = problems.filter((p) => p.severity === 'error').length;
      if (writers.results) this.part(file!, person, writers.results);
      writers.csv?.add(summaryCsvLines(person, csvStyle));
      writers.workbook?.add(resultsWorkbookLine(person));
      if (writers.stdout) this.part(stdout!, person, writers.stdout);
      return {
        ...records[k],
        problems: problems.map((p) => problemLine(p, this.setup.problemsAsJson)).join(''),
        errors,
        warnings: problems.length - errors,
        codes: problems.map((p) => p.code).join('\n'),
        row: rows ? tableRow(person, this.setup.quarterlyMethods, this.setup.yearlyColumns, this.setup.columns) : undefined,
        tally: tally(person),
        unit: person.unit,
      };
    });
  }

  private write(
    persons: PersonResult[],
    records: Pick<PersonOutput, 'index' | 'id' | 'valid' | 'features'>[],
  ): Omit<BatchOutput, 'batch' | 'texts'> {
    const writers = this.writers();
    return { people: this.writeWith(writers, persons, records), ...this.blocks(writers) };
  }

  /** A record set aside by main (an id used twice), written like any other. */
  outputOf(person: PersonResult, index: number): Omit<BatchOutput, 'batch' | 'texts'> {
    return this.write([person], [{ index, id: person.id, valid: false, features: 0 }]);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The dictionary, once the first batch has collected it. */
  useTexts(texts: string[]): void {
    this.dictionary = new TextDictionary(texts);
  }
}

/** A record set aside: the person appears with the problems of the record and no results. */
export function setAside(record: Pick<RecordOutcome, 'id' | 'name' | 'index' | 'diagnostics'>): PersonResult {
  return {
    id: record.id ?? `#${record.index + 1}`,
    name: record.name ?? '',
    positionCategory: '',
    results: [],
    problems: (record.diagnostics ?? []).map((d): Problem => ({
      code: d.code,
      severity: 'error',
      person: record.id,
      message: d.message,
      hint: d.hint ?? '',
      clause: d.clause,
      at: d.at,
    })),
  };
}

/** A problem as evaluate prints it (file:line:col: error: message [code]), or as a line of JSON for --format sarif. */
export function problemLine(p: Problem, json?: boolean): string {
  return (json ? JSON.stringify(problemDiagnostic(p)) : formatProblem(p)) + '\n';
}
