// A key written twice in one object of a JSON or NDJSON input is an error, as it is in
// YAML (JSON.parse alone would keep the last value without a word): the same words as
// YAML's, at the second key, the person set aside and the others evaluated.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/cli/resultsFile.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-duplicate-keys-'));

async function evaluate(input: string) {
  const out = join(dir, `out-${input.replace(/\W/g, '-')}`);
  const { code, err } = await runCli(['evaluate', input, '--out', out, '--workers', '0']);
  return { code, err, results: readResultsFile(join(out, 'results.json')) };
}

const header = { methodology: 'model-2025', year: 2026, quarters: ['Q1'] };
const person = (id: string, scores: string) =>
  `{"id": "${id}", "name": "Сынақ ${id}", "positionCategory": "C-O-5", "appointedOn": "2020-01-01", "quarters": {"Q1": {"quarterly": {"sheets": [{"role": "directManager", "evaluatedOn": "2026-04-10", ${scores}}]}}}}`;
const good = (id: string) =>
  person(
    id,
    '"scores": {"quality": 4, "deadlines": 4, "independence": 4, "discipline": 4}, "justifications": {"quality": "а", "deadlines": "ә", "independence": "б", "discipline": "в"}',
  );
// "quality" twice in the scores; the colons inside the texts must not hide it or make one up.
const twice = person('Ә2', '"scores": {"quality": 4, "deadlines": 4, "independence": 4, "quality": 5, "discipline": 4}, "note": "12:30"');

/** Line and column (in UTF-16 units) of the second `"quality"` of the file. */
function secondKey(text: string): string {
  const offset = text.indexOf('"quality"', text.indexOf('"quality"', text.indexOf('Ә2')) + 1);
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

describe('a key written twice in a JSON input', () => {
  const cases: [string, string][] = [
    [
      'people.json',
      `${JSON.stringify(header).slice(0, -1)},\r\n"people": [\r\n  ${[good('A1'), twice, good('A3')].join(',\r\n  ')}\r\n]}\r\n`,
    ],
    ['people.ndjson', [JSON.stringify(header), good('A1'), twice, good('A3')].join('\n') + '\n'],
  ];
  it.each(cases)('%s: the person is set aside at the second key, in YAML’s words; the others are evaluated', async (name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    const { code, err, results } = await evaluate(file);
    expect(code).toBe(1);
    expect(err).toContain(
      `${file}:${secondKey(text)}: error: person Ә2: this is not valid JSON: the same key is written twice in one block [yaml.duplicate-key]`,
    );
    expect(err).toContain('what to do: a key may appear once in the same block; delete one of them or merge their contents');
    expect(results.people.map((p) => [p.id, p.results.length > 0])).toEqual([
      ['A1', true],
      ['Ә2', false],
      ['A3', true],
    ]);
    // The whole-input reader (render, the tests) sets the same person aside.
    const loaded = loadEvaluationInput(file);
    expect(loaded.input?.people.map((p) => p.id)).toEqual(['A1', 'A3']);
    expect(loaded.rejected.map((r) => [r.id, r.diagnostics.map((d) => `${d.at?.line}:${d.at?.col} ${d.code}`)])).toEqual([
      ['Ә2', [`${secondKey(text)} yaml.duplicate-key`]],
    ]);
  });

  it('YAML says the same words', async () => {
    const file = join(dir, 'people.yaml');
    writeFileSync(
      file,
      [
        'methodology: model-2025',
        'year: 2026',
        'people:',
        '  - id: Ә2',
        '    name: Сынақ',
        '    positionCategory: C-O-5',
        '    appointedOn: 2020-01-01',
        '    quarters: { Q1: { quarterly: { sheets: [{ role: directManager, scores: { quality: 4, quality: 5 } }] } } }',
        '',
      ].join('\n'),
    );
    const yaml = await evaluate(file);
    const json = await evaluate(join(dir, 'people.json'));
    // The JSON reader knows the person, so it names it; a JSON file is called JSON; the rest is the same.
    const problem = (err: string) => {
      const lines = err.split('\n');
      const at = lines.findIndex((l) => l.endsWith('[yaml.duplicate-key]'));
      return [lines[at].slice(lines[at].indexOf(': error: ')), lines[at + 1]].join('\n').replace(/person \S+: /, '');
    };
    expect(yaml.err).toContain(`${file}:8:${readFileSync(file, 'utf8').split('\n')[7].lastIndexOf('quality') + 1}: error: `);
    expect(problem(yaml.err)).toBe(problem(json.err).replace('not valid JSON', 'not valid YAML'));
  });

  it('a key written twice in the header makes the file unusable, as in YAML', async () => {
    const file = join(dir, 'header.json');
    const text = `{"methodology": "model-2025", "year": 2026,\n "year": 2025, "people": [${good('A1')}]}`;
    writeFileSync(file, text);
    const { code, err } = await runCli(['evaluate', file, '--out', join(dir, 'out-header')]);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:2: error: .*\\[yaml\\.duplicate-key\\]`));
  });

  it('colons inside texts are not keys', async () => {
    const file = join(dir, 'colons.json');
    writeFileSync(file, JSON.stringify({ ...header, people: [JSON.parse(good('A1'))] }).replace('"Сынақ A1"', '"Сынақ: \\"a\\": 1"'));
    const { err, results } = await evaluate(file);
    expect(err).not.toContain('yaml.duplicate-key');
    expect(results.people[0].name).toBe('Сынақ: "a": 1');
    expect(results.people[0].results.length).toBeGreaterThan(0);
  });
});
