// results.xlsx is written for every input form — YAML, JSON and NDJSON through the
// streaming path (batches, worker threads) and the intake workbook — and holds the same
// content for the same people: only the place of a problem (a line of the file, a cell of
// the workbook) depends on the form.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { examples, exampleWorkbook, runSoffice } from '../excel/helpers.js';
import { runCliIn } from '../helpers/cli.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bagalau-results-xlsx-'));
// The inputs made here name their methodologies as the examples do, relative to the input.
for (const example of examples) for (const m of example.methodologies) copyFileSync(join(root, m), join(dir, basename(m)));
let runs = 0;

async function evaluate(input: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = join(dir, `run-${++runs}`);
  // results.xlsx is asked for, except where a test says otherwise (YAML, JSON and NDJSON get it with --xlsx yes)
  const xlsx = args.includes('--xlsx') ? [] : ['--xlsx', 'yes'];
  const { code, err } = await runCliIn(root, ['evaluate', input, '--out', out, ...xlsx, ...args]);
  return { code, out, err };
}

type Sheets = Record<string, unknown[][]>;

/** Every sheet's cell values, row by row (dates as ISO text); the problems' place column apart. */
async function contents(file: string): Promise<{ sheets: Sheets; places: unknown[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets: Sheets = {};
  let places: unknown[] = [];
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null)));
      rows.push(values);
    });
    if (ws.name === 'Мәселелер') {
      places = rows.map((r) => r[6]);
      for (const r of rows) r[6] = null;
    }
    sheets[ws.name] = rows;
  }
  return { sheets, places };
}

/** The example's YAML input as NDJSON: its header on the first line, then one person a line. */
function asNdjson(yamlFile: string): string {
  const { people, ...header } = parse(readFileSync(join(root, yamlFile), 'utf8')) as { people: unknown[] };
  delete (header as Record<string, unknown>).$schema;
  const file = join(dir, yamlFile.replace(/\W+/g, '-') + '.ndjson');
  writeFileSync(file, [header, ...people].map((x) => JSON.stringify(x)).join('\n') + '\n');
  return file;
}

describe.each(examples)('results.xlsx of $name from every input form', (example) => {
  let yaml: Awaited<ReturnType<typeof contents>>;
  let yamlFile: string;
  beforeAll(async () => {
    const run = await evaluate(example.input, '--workers', '0');
    expect(run.err).toContain('results in');
    yamlFile = join(run.out, 'results.xlsx');
    yaml = await contents(yamlFile);
  }, 120_000);

  it('opens in LibreOffice: every sheet converts', () => {
    const out = join(dir, `lo-${example.name}`);
    const run = runSoffice(
      ['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, yamlFile],
      join(dir, 'profile'),
    );
    expect(run.status, run.output).toBe(0);
    expect(readdirSync(out)).toHaveLength(Object.keys(yaml.sheets).length);
  }, 120_000);

  it('has the sheets of the methodology, each with a row per result', () => {
    expect(Object.keys(yaml.sheets)[0]).toBe('Ақпарат');
    expect(Object.keys(yaml.sheets).at(-1)).toBe('Мәселелер');
    expect(Object.keys(yaml.sheets).filter((n) => /^Q[1-4] /.test(n)).length).toBeGreaterThan(0);
    // A YAML input's problems are placed at file:line:col.
    expect(yaml.places.slice(1).every((p) => typeof p === 'string' && /\.yaml:\d+:\d+$/.test(p))).toBe(true);
  });

  it('is the same in batches and worker threads, byte for byte in every cell', async () => {
    const threads = await contents(join((await evaluate(example.input, '--workers', '2', '--batch-size', '2')).out, 'results.xlsx'));
    expect(threads).toEqual(yaml);
    const ndjsonForm = await contents(join((await evaluate(example.input, '--format', 'ndjson', '--batch-size', '3')).out, 'results.xlsx'));
    expect(ndjsonForm).toEqual(yaml);
  }, 120_000);

  it('is the same from an NDJSON input, only the lines of the problems differ', async () => {
    const ndjson = await contents(
      join((await evaluate(asNdjson(example.input), '--workers', '1', '--batch-size', '2')).out, 'results.xlsx'),
    );
    expect(ndjson.sheets).toEqual(yaml.sheets);
    expect(ndjson.places.length).toBe(yaml.places.length);
  }, 120_000);

  it('is the same from the intake workbook of the same people, problems placed at their cells', async () => {
    const intake = join(dir, `${example.name}-intake.xlsx`);
    await exampleWorkbook(example, intake);
    const run = await evaluate(intake);
    const workbook = await contents(join(run.out, 'results.xlsx'));
    expect(Object.keys(workbook.sheets)).toEqual(Object.keys(yaml.sheets));
    // Baiterek's YAML has its 360 responses on the person (the form before 2026), the workbook under annual.<method>: the field says so.
    const field = (sheets: Sheets) =>
      sheets['Мәселелер'].map((row) => [...row.slice(0, 5), String(row[5]).replace(/^annual\./, ''), ...row.slice(6)]);
    expect(field(workbook.sheets)).toEqual(field(yaml.sheets));
    for (const name of Object.keys(yaml.sheets).filter((n) => n !== 'Мәселелер'))
      expect(workbook.sheets[name], name).toEqual(yaml.sheets[name]);
    expect(workbook.places.slice(1).every((p) => typeof p === 'string' && /^[^!]+![A-Z]+\d+$/.test(p))).toBe(true);
  }, 120_000);
});

describe('--xlsx: results.xlsx for an intake workbook, or as asked', () => {
  const input = examples[0].input;
  it('auto: not written for a YAML, JSON or NDJSON input (it costs about 0.5 ms a person)', async () => {
    const run = await evaluate(input, '--table', 'none', '--xlsx', 'auto');
    expect(readdirSync(run.out).sort()).toEqual(['results.json', 'summary.csv']);
  });
  it('auto: written for an intake workbook', async () => {
    const run = await evaluate('examples/zhaiyq-akimat/intake-2026.xlsx', '--table', 'none', '--xlsx', 'auto');
    expect(readdirSync(run.out).sort()).toEqual(['results.json', 'results.xlsx', 'summary.csv']);
  });
  it('no: only results.json and summary.csv, without a note', async () => {
    const run = await evaluate(input, '--table', 'none', '--xlsx', 'no');
    expect(readdirSync(run.out).sort()).toEqual(['results.json', 'summary.csv']);
    expect(run.err).not.toContain('results.xlsx');
  });
  it('a value it does not know is refused', async () => {
    const run = await evaluate(input, '--xlsx', 'maybe');
    expect(run.code).toBe(2);
  });
});
