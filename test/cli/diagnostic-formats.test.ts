// Issue 13.7: diagnostics in the form editors and CI read — GCC's
// "file:line:col: error: message [code]", which VS Code's $gcc problem matcher takes line by
// line — for validate, lint, evaluate and test; and --format sarif (SARIF 2.1.0) for CI.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { artifactUri, sarifLog } from '../../src/cli/sarif.js';
import { formatDiagnostic } from '../../src/methodology/diagnostic.js';

/**
 * VS Code's $gcc problem matcher (declared by the C/C++ extension, vscode-cpptools, in its
 * package.json): file 1, line 2, column 3, severity 4, message 5, matched against each line.
 */
const GCC = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;
/** What follows the message: the code, in brackets, at the end of the line. */
const CODE = /\s\[([a-z0-9-]+(?:\.[a-z0-9-]+)*)\]$/;

async function run(...argv: string[]) {
  return runCli(argv);
}

/** The lines of a diagnostic output: first lines (not indented) and the lines that follow them. */
function diagnosticLines(text: string) {
  const lines = text.split('\n').filter(Boolean);
  return {
    first: lines.filter((l) => !l.startsWith(' ') && /: (error|warning|note): /.test(l)),
    following: lines.filter((l) => l.startsWith('    ')),
  };
}

/** Every error and warning line is one $gcc takes, with its place and code; notes are GCC's notes; what follows is skipped. */
function expectGccForm(text: string, minimum: number) {
  const { first, following } = diagnosticLines(text);
  const problems = first.filter((l) => !/^[^ ]*?: note: /.test(l) && !/:\d+:\d+: note: /.test(l));
  expect(problems.length).toBeGreaterThanOrEqual(minimum);
  for (const line of problems) {
    const m = GCC.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(Number(m![3])).toBeGreaterThan(0);
    expect(m![5], line).toMatch(CODE);
  }
  for (const line of first.filter((l) => / note: /.test(l))) expect(line).toMatch(/^.+:\d+:\d+: note: .+ \[[a-z0-9.-]+\]$/);
  for (const line of following) {
    expect(GCC.test(line), line).toBe(false);
    expect(line).toMatch(/^ {4}(clause|what to do): /);
  }
  return problems.map((l) => GCC.exec(l)!);
}

const broken = (name: string) => `test/methodology/broken/${name}.yaml`;

describe('GCC form', () => {
  it('formats one diagnostic on one line, the clause and what to do on indented lines', () => {
    const text = formatDiagnostic({
      severity: 'error',
      code: 'schema.type',
      at: { file: 'a.yaml', line: 3, col: 7 },
      message: 'months must be\na whole number',
      clause: 'clause 5 of x',
      hint: 'write 1',
    });
    expect(text.split('\n')).toEqual([
      'a.yaml:3:7: error: months must be a whole number [schema.type]',
      '    clause: clause 5 of x',
      '    what to do: write 1',
    ]);
    expect(formatDiagnostic({ severity: 'info', code: 'lint.x', message: 'm', at: { file: 'a', line: 1, col: 1 } })).toBe(
      'a:1:1: note: m [lint.x]',
    );
    expect(formatDiagnostic({ severity: 'error', code: 'file.not-found', message: 'm' })).toBe('error: m [file.not-found]');
  });

  it('validate', async () => {
    const { code, err } = await run('validate', broken('months-not-number'), broken('missing-required'));
    expect(code).toBe(1);
    const matches = expectGccForm(err, 2);
    expect(matches.map((m) => [m[1], m[2], m[3], m[4]])).toEqual(
      expect.arrayContaining([
        [broken('months-not-number'), '10', '13', 'error'],
        [broken('missing-required'), '9', '8', 'error'],
      ]),
    );
  });

  it('lint: errors, warnings and notes', async () => {
    const { code, err } = await run('lint', broken('band-gap'), broken('deadline-unused'), broken('inherited-bases'));
    expect(code).toBe(1);
    const matches = expectGccForm(err, 3);
    expect(matches.some((m) => m[4] === 'warning')).toBe(true);
    expect(matches.some((m) => m[1] === broken('band-gap') && m[2] === '10' && m[3] === '13' && m[5].endsWith('[lint.band-gap]'))).toBe(
      true,
    );
    expect(err).toMatch(/inherited-bases\.yaml:3:10: note: .* \[lint\.inherited-bases\]$/m);
  });

  it('evaluate', async () => {
    const { code, err } = await run('evaluate', 'examples/zhaiyq-akimat/evaluation-2026.yaml', '--table', 'none');
    expect(code).toBe(1);
    const [m] = expectGccForm(err, 1);
    expect(m[1]).toBe('examples/zhaiyq-akimat/evaluation-2026.yaml');
    expect(m[5]).toMatch(/^person Z04, Q2, quarterly, field .*\[parameters\.justification-missing\]$/);
  });

  it('test: a refused case and a failing case', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bagalau-gcc-cases-'));
    mkdirSync(join(root, 'model-2018'));
    writeFileSync(join(root, 'model-2018', 'refused.yaml'), '- name: nothing expected\n  input: { year: 2024, people: [] }\n');
    writeFileSync(
      join(root, 'model-2018', 'failing.yaml'),
      `- name: a wrong expectation
  input:
    year: 2024
    quarters: [Q1]
    people:
      - { id: S1, name: A, positionCategory: C-O-5, appointedOn: 2020-01-01, quarters: { Q1: { differentiation: { scores: { quality: 5, deadlines: 4, independence: 4, discipline: 4 }, justification: ok } } } }
  expect:
    S1: { Q1.differentiation: { score: 1 } }
`,
    );
    const { code, err } = await run('test', root);
    expect(code).toBe(1);
    const matches = expectGccForm(err, 2);
    expect(matches.map((m) => m[5].match(CODE)![1]).sort()).toEqual(['cases.expect-missing', 'cases.mismatch']);
    expect(matches.find((m) => m[5].endsWith('[cases.mismatch]'))![2]).toBe('1');
  });
});

/**
 * The part of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) that bagalau's logs
 * use, written here: the required properties and the types of what is written.
 */
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        shortDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: {
                  type: 'object',
                  anyOf: [{ required: ['text'] }, { required: ['id'] }],
                  properties: { text: { type: 'string', minLength: 1 } },
                },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
                        properties: {
                          artifactLocation: { type: 'object', properties: { uri: { type: 'string', format: 'uri-reference' } } },
                          region: {
                            type: 'object',
                            properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validSarif = ajv.compile(SARIF_SUBSET);

/** The log parses, follows the schema's subset, and each result's ruleIndex points at its rule. */
function expectSarif(text: string) {
  const log = JSON.parse(text) as ReturnType<typeof sarifLog>;
  expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
  const [runOf] = log.runs;
  expect(runOf.tool.driver.name).toBe('bagalau');
  for (const r of runOf.results) expect(runOf.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  return runOf;
}

describe('--format sarif', () => {
  it('the subset schema refuses what SARIF refuses', () => {
    expect(validSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validSarif({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] })).toBe(false);
    expect(validSarif(sarifLog([]))).toBe(true);
  });

  it('validate: a result per diagnostic, with its rule, level and place', async () => {
    const { code, out, err } = await run('validate', broken('months-not-number'), '--format', 'sarif');
    expect(code).toBe(1);
    expect(err).toBe('');
    const log = expectSarif(out);
    const result = log.results.find((r) => r.ruleId === 'schema.type')!;
    expect(result.level).toBe('error');
    expect(result.locations![0].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/methodology/broken/months-not-number.yaml' },
      region: { startLine: 10, startColumn: 13 },
    });
    expect(result.message.text).toContain('must be a whole number');
  });

  it('lint: warnings and notes get their levels', async () => {
    const { out } = await run('lint', broken('deadline-unused'), broken('inherited-bases'), '--format', 'sarif');
    const log = expectSarif(out);
    expect(log.results.find((r) => r.ruleId === 'lint.deadline-unused')?.level).toBe('warning');
    expect(log.results.find((r) => r.ruleId === 'lint.inherited-bases')?.level).toBe('note');
    expect(new Set(log.tool.driver.rules.map((r) => r.id)).size).toBe(log.tool.driver.rules.length);
  });

  it('evaluate: the problems on stdout, the results still in --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-sarif-'));
    const { code, out } = await run(
      'evaluate',
      'examples/zhaiyq-akimat/evaluation-2026.yaml',
      '--format',
      'sarif',
      '--out',
      dir,
      '--quiet',
    );
    expect(code).toBe(1);
    const log = expectSarif(out);
    const result = log.results.find((r) => r.ruleId === 'parameters.justification-missing')!;
    expect(result.locations![0].physicalLocation.artifactLocation.uri).toBe('examples/zhaiyq-akimat/evaluation-2026.yaml');
    expect(result.locations![0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(result.message.text).toMatch(/^person Z04, Q2, quarterly/);
    expect(existsSync(join(dir, 'results.json')) && existsSync(join(dir, 'summary.csv'))).toBe(true);
    expect((await run('evaluate', 'examples/zhaiyq-akimat/evaluation-2026.yaml', '--format', 'sarif', '--json')).code).toBe(2);
  });

  it('evaluate in worker threads: the same problems as the text form', async () => {
    const input = 'examples/baiterek-akimat/evaluation-2026.yaml';
    const text = await run('evaluate', input, '--table', 'none', '--workers', '1', '--batch-size', '2');
    const sarif = await run('evaluate', input, '--format', 'sarif', '--workers', '1', '--batch-size', '2', '--quiet');
    expect(sarif.code).toBe(text.code);
    const lines = expectGccForm(text.err, 1);
    const log = expectSarif(sarif.out);
    expect(log.results.map((r) => r.ruleId).sort()).toEqual(lines.map((m) => m[5].match(CODE)![1]).sort());
    expect(log.results.map((r) => r.locations![0].physicalLocation.region.startLine).sort()).toEqual(lines.map((m) => Number(m[2])).sort());
  });

  it('test: refused and failing cases', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bagalau-sarif-cases-'));
    mkdirSync(join(root, 'model-2018'));
    writeFileSync(join(root, 'model-2018', 'refused.yaml'), '- name: nothing expected\n  input: { year: 2024, people: [] }\n');
    const { code, out } = await run('test', root, '--format', 'sarif');
    expect(code).toBe(1);
    const log = expectSarif(out);
    expect(log.results.map((r) => r.ruleId)).toEqual(['cases.expect-missing']);
    expect(log.results[0].locations![0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 3 });
  });

  it('refuses an unknown format and --json with another format', async () => {
    expect((await run('lint', broken('band-gap'), '--format', 'xml')).code).toBe(2);
    expect((await run('validate', broken('band-gap'), '--format', 'sarif', '--json')).code).toBe(2);
  });

  it('writes file names as URIs', () => {
    expect(artifactUri('methodologies/a b.yaml')).toBe('methodologies/a%20b.yaml');
    expect(artifactUri('/tmp/x.yaml')).toBe('file:///tmp/x.yaml');
  });
});
