// The case runner itself: refusing cases that prove nothing, reporting mismatches precisely.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { main } from '../../src/cli/main.js';
import { capturingIo } from '../helpers/cli.js';
import { registerTestCommand } from '../../src/cli/testCommand.js';
import {
  compareWithExpectations,
  formatLoadError,
  formatMismatch,
  loadCaseFile,
  loadCases,
  matchPartial,
  runAllCases,
  runCase,
} from '../../src/cases/cases.js';
import type { EvaluationResult } from '../../src/engine/types.js';
import { loadResolved } from '../../src/methodology/index.js';
import { Command } from 'commander';

const servant = `
      - id: S1
        name: Жұмабаева Гүлнар Ерланқызы
        positionCategory: C-O-5
        appointedOn: 2020-01-01
        quarters:
          Q1: { differentiation: { scores: { quality: 5, deadlines: 4, independence: 4, discipline: 4 }, justification: Негіздеме } }`;

function caseDir(files: Record<string, string>, methodology = 'model-2018'): string {
  const root = mkdtempSync(join(tmpdir(), 'bagalau-cases-'));
  mkdirSync(join(root, methodology));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, methodology, name), text);
  return root;
}

const goodCase = `- name: the mean of four parameters
  clause: "33"
  input:
    year: 2024
    quarters: [Q1]
    people:${servant}
  expect:
    S1:
      Q1.differentiation: { status: evaluated, score: 4.25, band: effective }
`;

describe('loadCases', () => {
  it('reads a case, keeps dates as strings and takes the methodology from the folder name', () => {
    const { cases, errors } = loadCases(caseDir({ 'a.yaml': goodCase }));
    expect(errors).toEqual([]);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ name: 'the mean of four parameters', clause: '33', methodology: 'model-2018', line: 1, column: 3 });
    expect(cases[0].input.people[0].appointedOn).toBe('2020-01-01');
  });

  it('refuses a case without expect, located as file:line:col', () => {
    const text =
      goodCase +
      `
- name: proves nothing
  input:
    year: 2024
    people:${servant}
`;
    const { cases, errors } = loadCases(caseDir({ 'a.yaml': text }));
    expect(cases).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(formatLoadError(errors[0])).toMatch(
      /model-2018\/a\.yaml:17:3: error: case "proves nothing" has no expect.* \[cases\.expect-missing\]$/,
    );
  });

  it('refuses a case without input', () => {
    const { errors } = loadCaseFile('x/model-2018/b.yaml', '- name: no input\n  expect: { S1: { Q1.kpi: { status: evaluated } } }\n');
    expect(errors.map(formatLoadError)).toEqual([
      expect.stringMatching(/b\.yaml:1:3: error: case "no input" has no input.* \[cases\.input-missing\]$/),
    ]);
  });

  it('refuses a file that is not a list, and reports YAML errors with their position', () => {
    expect(loadCaseFile('x/model-2018/c.yaml', 'name: one\n').errors[0].code).toBe('cases.not-a-list');
    const broken = loadCaseFile('x/model-2018/d.yaml', '- name: "unclosed\n  input: {}\n');
    expect(broken.errors[0].code).toBe('cases.yaml');
    expect(broken.errors[0].line).toBeGreaterThanOrEqual(1);
  });
});

describe('case inputs are checked as evaluate checks an input', () => {
  const misspelt = `- name: a misspelt key
  input:
    year: 2024
    quarters: [Q1]
    people:
      - id: S1
        name: A
        positionCategory: C-O-5
        appointedOn: 2020-01-01
        leftOnn: 2024-02-01
  expect:
    S1: { Q1.differentiation: { status: evaluated } }
`;

  it('refuses a misspelt leftOnn at its line and column, naming the key evaluate would name', () => {
    const { cases, errors } = loadCaseFile('x/model-2018/leftonn.yaml', misspelt);
    expect(cases).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'x/model-2018/leftonn.yaml', line: 10, column: 9, code: 'schema.additionalProperties' });
    expect(errors[0].message).toContain('case "a misspelt key"');
    expect(errors[0].message + (errors[0].hint ?? '')).toContain('leftOn');
    expect(formatLoadError(errors[0])).toMatch(/^x\/model-2018\/leftonn\.yaml:10:9: error: .*\[schema\.additionalProperties\]$/m);
  });

  it('gives the same finding as evaluate for the same input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-leftonn-'));
    const input = join(dir, 'input.yaml');
    writeFileSync(
      input,
      misspelt
        .split('\n')
        .slice(2, 10)
        .map((l) => l.slice(4))
        .join('\n')
        .replace('year: 2024', 'methodology: model-2018\nyear: 2024'),
    );
    const { io, text } = capturingIo();
    await main(['evaluate', input, '--table', 'none'], io, () => '2026-11-24');
    const fromCase = loadCaseFile('x/model-2018/leftonn.yaml', misspelt).errors[0];
    expect(text.err).toContain('[schema.additionalProperties]');
    expect(text.err).toContain(fromCase.message.replace('case "a misspelt key": ', ''));
  });

  it('bagalau test exits 1 on the case instead of passing it', async () => {
    const root = caseDir({ 'leftonn.yaml': misspelt });
    const { io, text } = capturingIo();
    const code = await main(['test', root], io, () => '2026-11-24');
    expect(code).toBe(1);
    expect(text.err).toMatch(/leftonn\.yaml:10:9: error: .*leftOnn/);
    expect(text.out).toContain('0 passed, 0 failed, 1 refused');
  });
});

describe('matching', () => {
  const run = (expected: unknown, actual: unknown) => {
    const out: { field: string }[] = [];
    matchPartial(expected, actual, '', out as never);
    return out.map((m) => m.field);
  };
  it('matches partially and deeply', () => {
    expect(
      run({ score: 4, eligibility: { rule: 'dismissed' } }, { score: 4, band: 'effective', eligibility: { rule: 'dismissed', facts: {} } }),
    ).toEqual([]);
    expect(run({ eligibility: { rule: 'dismissed' } }, { eligibility: { rule: 'shortTenure' } })).toEqual(['eligibility.rule']);
  });
  it('matches a string item against an object by code or id, and string arrays exactly', () => {
    expect(run({ problems: ['kpi.count'] }, { problems: [{ code: 'kpi.count', message: '' }] })).toEqual([]);
    expect(run({ problems: ['kpi.count'] }, { problems: [{ code: 'kpi.score-outside-range' }] })).toEqual(['problems[kpi.count]']);
    expect(run({ weakest: ['a', 'b', 'c'] }, { weakest: ['a', 'b', 'c'] })).toEqual([]);
    expect(run({ weakest: ['a', 'b', 'c'] }, { weakest: ['b', 'a', 'c'] })).toEqual(['weakest']);
    expect(run({ problems: [] }, { problems: [{ code: 'x' }] })).toEqual(['problems']);
  });
});

describe('runCase', () => {
  const fakeResult: EvaluationResult = {
    methodology: { id: 'model-2018', title: '' },
    year: 2024,
    problems: [],
    people: [
      {
        id: 'S1',
        name: 'S',
        positionCategory: 'C-O-5',
        problems: [],
        results: [
          {
            method: 'differentiation',
            period: 'Q1',
            status: 'evaluated',
            score: 4.25,
            band: 'effective',
            deadlines: [],
            problems: [],
            trace: [],
          },
        ],
      },
    ],
  };

  it('reports a wrong expectation with person, key, field, expected and actual', () => {
    const mismatches = compareWithExpectations({ S1: { 'Q1.differentiation': { score: 4.5, band: 'effective' } } }, fakeResult);
    expect(mismatches).toEqual([{ person: 'S1', key: 'Q1.differentiation', field: 'score', expected: 4.5, actual: 4.25 }]);
    expect(formatMismatch(mismatches[0])).toBe('S1 Q1.differentiation score: expected 4.5, got 4.25');
  });

  it('reports a missing person and a missing result', () => {
    const mismatches = compareWithExpectations(
      { S2: { 'Q1.kpi': { status: 'evaluated' } }, S1: { 'Q1.kpi': { status: 'evaluated' } } },
      fakeResult,
    );
    expect(mismatches.map((m) => [m.person, m.key, m.field])).toEqual([
      ['S2', '', '(person)'],
      ['S1', 'Q1.kpi', '(result)'],
    ]);
  });

  it('passes the folder methodology, the input and the options to the engine', () => {
    const { cases } = loadCases(
      caseDir({ 'a.yaml': goodCase.replace('  clause: "33"\n', '  clause: "33"\n  options: { allowOutOfForce: true }\n') }),
    );
    let seen: unknown[] = [];
    const loaded = loadResolved('model-2018');
    if (!loaded.ok) throw new Error('model-2018 does not load');
    const mismatches = runCase(cases[0], loaded.methodology, loadCalendar(), (m, input, _c, options) => {
      seen = [(Array.isArray(m) ? m.at(-1)! : m).id, input.methodology, input.year, options];
      return fakeResult;
    });
    expect(seen).toEqual(['model-2018', 'model-2018', 2024, { allowOutOfForce: true }]);
    expect(mismatches).toEqual([]);
  });

  it('runs a case against the real engine and reports a wrong expectation', async () => {
    const wrong = goodCase.replace('score: 4.25', 'score: 4.5');
    const report = await runAllCases(caseDir({ 'a.yaml': goodCase, 'b.yaml': wrong }));
    expect(report.errors).toEqual([]);
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(1);
    expect(report.runs[1].mismatches).toEqual([{ person: 'S1', key: 'Q1.differentiation', field: 'score', expected: 4.5, actual: 4.25 }]);
  });

  it('turns an exception of the engine into a mismatch', () => {
    const { cases } = loadCases(caseDir({ 'a.yaml': goodCase }));
    const loaded = loadResolved('model-2018');
    if (!loaded.ok) throw new Error('model-2018 does not load');
    const mismatches = runCase(cases[0], loaded.methodology, loadCalendar(), () => {
      throw new Error('boom');
    });
    expect(mismatches[0]).toMatchObject({ field: '(evaluate)', actual: 'the engine threw: boom' });
  });
});

describe('bagalau test', () => {
  async function run(...argv: string[]) {
    const { io, text } = capturingIo();
    const program = new Command('bagalau').exitOverride().configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
    registerTestCommand(program, io);
    await program.parseAsync(argv, { from: 'user' });
    return { code: io.exitCode, out: text.out, err: text.err };
  }

  it('prints ✓ per passing case and exits 0', async () => {
    const { code, out } = await run('test', caseDir({ 'a.yaml': goodCase }));
    expect(code).toBe(0);
    expect(out).toContain('✓ the mean of four parameters');
    expect(out).toContain('1 passed, 0 failed');
  });

  it('prints ✗ and the mismatches, exits 1', async () => {
    const { code, out } = await run('test', caseDir({ 'a.yaml': goodCase.replace('score: 4.25', 'score: 4.5') }));
    expect(code).toBe(1);
    expect(out).toContain('✗ the mean of four parameters');
    expect(out).toContain('S1 Q1.differentiation score: expected 4.5, got 4.25');
  });

  it('exits 1 on a refused case and 2 on a folder that does not exist', async () => {
    const refused = await run('test', caseDir({ 'a.yaml': '- name: nothing expected\n  input: { year: 2024, people: [] }\n' }));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('[cases.expect-missing]');
    expect((await run('test', '/no/such/folder')).code).toBe(2);
  });

  it('is not required to be wired into main to be usable', () => {
    expect(typeof main).toBe('function');
  });
});
