// bagalau evaluate streams people through batches, in worker threads when asked: the
// output must not depend on how. Also: JSON, NDJSON and YAML inputs of the same body, a
// broken record among good ones, what the first batch cannot know, the results file
// forms and their reader.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readResultsFile } from '../../src/cli/resultsFile.js';

const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'bagalau-streaming-'));
let runs = 0;

async function run(...argv: string[]) {
  return runCli(argv);
}

/** Evaluates `input` with `args` into a fresh folder; returns the files and what was printed. */
async function evaluate(input: string, ...args: string[]) {
  const out = join(dir, `run-${++runs}`);
  const { code, out: stdout, err } = await run('evaluate', input, '--out', out, ...args);
  const file = (name: string) => {
    try {
      return readFileSync(join(out, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  return { code, stdout, err, out, results: file('results.json'), ndjson: file('results.ndjson'), csv: file('summary.csv') };
}

const examples = [
  'examples/baiterek-akimat/evaluation-2026.yaml',
  'examples/zhaiyq-akimat/evaluation-2025.yaml',
  'examples/zhaiyq-akimat/evaluation-2026.yaml',
].map((f) => join(root, f));

describe('streamed, worker and single-thread runs give the same output', () => {
  it.each(examples)('%s', async (input) => {
    const whole = await evaluate(input, '--workers', '0', '--format', 'expanded');
    const golden = JSON.parse(whole.results!);
    // The expanded form: one batch here, batches of two here, batches of two in two workers.
    for (const args of [
      ['--workers', '0', '--batch-size', '2'],
      ['--workers', '2', '--batch-size', '2'],
    ]) {
      const expanded = await evaluate(input, ...args, '--format', 'expanded');
      expect(expanded.results, `expanded results with ${args.join(' ')}`).toBe(whole.results);
      expect(expanded.csv).toBe(whole.csv);
      expect(expanded.err.replace(expanded.out, 'OUT')).toBe(whole.err.replace(whole.out, 'OUT'));
      expect(expanded.stdout).toBe(whole.stdout);
      expect(expanded.code).toBe(whole.code);
    }
    // The json form: the same bytes for the same batches whatever the workers, and read back, the same result.
    const here = await evaluate(input, '--workers', '0', '--batch-size', '3');
    const threads = await evaluate(input, '--workers', '3', '--batch-size', '3');
    expect(threads.results).toBe(here.results);
    expect(threads.csv).toBe(whole.csv);
    expect(readResultsFile(join(threads.out, 'results.json'))).toEqual(golden);
    const ndjson = await evaluate(input, '--workers', '2', '--batch-size', '1', '--format', 'ndjson');
    expect(readResultsFile(join(ndjson.out, 'results.ndjson'))).toEqual(golden);
  });

  it('prints the expanded results with --json, as JSON.stringify(result, null, 2) would', async () => {
    const input = examples[2];
    const file = await evaluate(input, '--format', 'expanded', '--workers', '0');
    const printed = await run('evaluate', input, '--json', '--workers', '2', '--batch-size', '2');
    expect(printed.out).toBe(file.results);
    expect(JSON.stringify(readResultsFile(join(file.out, 'results.json')), null, 2) + '\n').toBe(file.results);
  });
});

describe('inputs in JSON, NDJSON and YAML', () => {
  const yamlInput = examples[0];
  const data = parse(readFileSync(yamlInput, 'utf8')) as { methodology: string; people: unknown[] } & Record<string, unknown>;
  data.methodology = join(root, 'examples/baiterek-akimat', data.methodology);
  const { people, ...header } = data;
  const pretty = join(dir, 'body.json');
  writeFileSync(pretty, JSON.stringify(data, null, 2));
  const oneLine = join(dir, 'body-one-line.json');
  writeFileSync(oneLine, JSON.stringify(data));
  const lines = join(dir, 'body.ndjson');
  writeFileSync(lines, [JSON.stringify(header), ...people.map((p) => JSON.stringify(p))].join('\n') + '\n');
  const strip = (results: string) => JSON.stringify(readResultsFile(results), (key, value) => (key === 'at' ? undefined : value));

  it('gives the same results and summary, each problem placed in its own file', async () => {
    const fromYaml = await evaluate(yamlInput, '--workers', '0');
    for (const input of [pretty, oneLine, lines]) {
      for (const args of [
        ['--workers', '0'],
        ['--workers', '2', '--batch-size', '3'],
      ]) {
        const got = await evaluate(input, ...args);
        expect(got.csv, `${input} ${args.join(' ')}`).toBe(fromYaml.csv);
        expect(strip(join(got.out, 'results.json'))).toBe(strip(join(fromYaml.out, 'results.json')));
        expect(got.code).toBe(fromYaml.code);
      }
    }
    // Each problem of the pretty JSON points at the line of the field it names.
    const text = readFileSync(pretty, 'utf8').split('\n');
    const results = readResultsFile(join((await evaluate(pretty)).out, 'results.json'));
    const located = results.people.flatMap((p) => [...p.problems, ...p.results.flatMap((r) => r.problems)]).filter((p) => p.at);
    expect(located.length).toBeGreaterThan(0);
    for (const p of located) {
      expect(p.at!.file).toBe(pretty);
      const key =
        p.field
          ?.split('.')
          .filter((s) => !/^\d+$/.test(s))
          .at(-1) ?? 'id';
      expect(text[p.at!.line - 1].slice(p.at!.col - 1), `${p.code} ${p.field}`).toMatch(new RegExp(`^("${key}"|\\{|\\[|"|\\d)`));
    }
  });

  it('sets aside a JSON record that is not valid JSON, and evaluates the others', async () => {
    const broken = join(dir, 'broken-record.json');
    const records = people.map((p) => JSON.stringify(p));
    records[1] = records[1].replace('"name":', '"name" ');
    writeFileSync(broken, `${JSON.stringify(header).slice(0, -1)},"people":[\n${records.join(',\n')}\n]}\n`);
    const got = await evaluate(broken, '--workers', '0');
    expect(got.code).toBe(1);
    expect(got.err).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: error: .* \\[yaml\\.[a-z-]+\\]$`, 'm'));
    const results = readResultsFile(join(got.out, 'results.json'));
    expect(results.people).toHaveLength(people.length);
    expect(results.people[1].results).toEqual([]);
    expect(results.people[2].results.length).toBeGreaterThan(0);
  });
});

describe('what the first batch cannot know', () => {
  const person = (id: string, quarters: string[], annual = false) => ({
    id,
    name: `Person ${id}`,
    positionCategory: 'C-O-5',
    appointedOn: '2020-01-01',
    quarters: Object.fromEntries(
      quarters.map((q) => [
        q,
        { differentiation: { scores: { quality: 4, deadlines: 4, independence: 5, discipline: 4 }, justification: 'жақсы' } },
      ]),
    ),
    ...(annual ? { annual: { survey360: { responses: [] } } } : {}),
  });
  const people = [
    person('A1', ['Q1']),
    person('A2', ['Q1', 'Q2']),
    person('A3', ['Q1']),
    person('A4', ['Q1', 'Q2', 'Q3'], true),
    person('A5', ['Q2']),
  ];

  it('a quarter or a yearly method that only a later person has: the run is made again with what the whole input has', async () => {
    const file = join(dir, 'late-quarter.json');
    writeFileSync(file, JSON.stringify({ methodology: 'almaty-akimat-2023', year: 2024, people }, null, 1));
    const whole = await evaluate(file, '--workers', '0', '--format', 'expanded');
    for (const args of [
      ['--workers', '0', '--batch-size', '1'],
      ['--workers', '2', '--batch-size', '2'],
    ]) {
      const got = await evaluate(file, ...args, '--format', 'expanded');
      expect(got.results).toBe(whole.results);
      expect(got.err.replace(got.out, 'OUT')).toBe(whole.err.replace(whole.out, 'OUT'));
    }
    const results = JSON.parse(whole.results!);
    expect(results.people[0].results.map((r: { period: string }) => r.period)).toContain('Q3');
    expect(results.people[0].results.map((r: { method: string }) => r.method)).toContain('survey360');
  });

  it('a key after the people (read once the first batches are evaluated): the run is made again with it', async () => {
    const first = join(dir, 'units-first.json');
    const last = join(dir, 'units-last.json');
    const units = { finance: { name: 'Қаржы бөлімі', corpsBServants: 40 } };
    // More people than are read before the first batch is evaluated.
    const many = Array.from({ length: 150 }, (_, k) => ({ ...people[k % people.length], id: `U${k}`, unit: 'finance' }));
    writeFileSync(first, JSON.stringify({ methodology: 'almaty-akimat-2023', year: 2024, units, people: many }, null, 1));
    writeFileSync(last, JSON.stringify({ methodology: 'almaty-akimat-2023', year: 2024, people: many, units }, null, 1));
    const a = await evaluate(first, '--format', 'expanded', '--batch-size', '2');
    const b = await evaluate(last, '--format', 'expanded', '--batch-size', '2');
    const placeless = (text: string) => JSON.stringify(JSON.parse(text), (key, value) => (key === 'at' ? undefined : value));
    expect(placeless(b.results!)).toBe(placeless(a.results!));
    expect(b.csv).toBe(a.csv);
    expect(a.results).toContain('"unitSize": 40');
  });

  it('reads a YAML flow list of people whole, with the same results', async () => {
    const block = join(dir, 'block.yaml');
    const flow = join(dir, 'flow.yaml');
    const body = 'methodology: almaty-akimat-2023\nyear: 2024\n';
    writeFileSync(block, body + 'people:\n' + people.map((p) => `  - ${JSON.stringify(p)}\n`).join(''));
    writeFileSync(flow, body + `people: [${people.map((p) => JSON.stringify(p)).join(',\n  ')}]\n`);
    const a = await evaluate(block, '--format', 'expanded');
    const b = await evaluate(flow, '--format', 'expanded');
    expect(b.csv).toBe(a.csv);
    expect(b.code).toBe(a.code);
  });
});

describe('limits, tables and progress', () => {
  it('refuses an input over 1 GiB, naming it an evaluation input', async () => {
    const huge = join(dir, 'huge.json');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 1024 ** 3 + 1);
    closeSync(fd);
    const { code, err } = await run('evaluate', huge);
    expect(code).toBe(2);
    expect(err).toContain('an evaluation input may be at most 1 GiB');
  });

  it('prints counts per method, period and unit with --table summary, and one row a person with --table full', async () => {
    const input = examples[0];
    const summary = await run('evaluate', input, '--table', 'summary');
    expect(summary.out).toMatch(/Results by method and period/);
    expect(summary.out).toMatch(/kpi\s+Q1\s/);
    expect(summary.out).toMatch(/By unit/);
    const full = await run('evaluate', input, '--table', 'full');
    expect(full.out.split('\n').filter((l) => l.includes(' │ ')).length).toBe(30 + 1);
    // By default: rows up to 100 people, the summary above.
    expect((await run('evaluate', input)).out).toContain(' │ ');
    const many = join(dir, 'many.json');
    const body = parse(readFileSync(input, 'utf8')) as { methodology: string; people: { id: string }[] };
    body.methodology = join(root, 'examples/baiterek-akimat', body.methodology);
    body.people = Array.from({ length: 120 }, (_, k) => ({ ...body.people[k % body.people.length], id: `M${k}` }));
    writeFileSync(many, JSON.stringify(body));
    const summaryByDefault = await run('evaluate', many);
    expect(summaryByDefault.out).toMatch(/120 people/);
    expect(summaryByDefault.out).not.toContain(' │ ');
  });
});
