// bagalau evaluate as a user runs it: located problems, exit codes, identical output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

async function run(...argv: string[]) {
  return runCli(argv);
}

const input = `methodology: almaty-akimat-2023
year: 2024
people:
  - id: S1
    name: Серікова Айгүл
    positionCategory: C-O-5
    appointedOn: "2024-13-01"
  - id: S2
    name: Омаров Дәурен
    positionCategory: C-O-5
    appointedOn: 2023-02-01
    quarters:
      Q1: { differentiation: { scores: { quality: 4, deadlines: 5, independence: 4, discipline: 5 }, justification: жақсы } }
      Q2: { differentiation: { scores: { quality: 4, deadlines: 6, independence: 4, discipline: 5 }, justification: жақсы } }
`;

describe('bagalau evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-evaluate-'));
  const file = join(dir, 'input.yaml');
  writeFileSync(file, input);

  it('evaluates the valid people, and locates each problem in the file', async () => {
    const { code, out, err } = await run('evaluate', file, '--out', join(dir, 'a'));
    expect(code).toBe(1);
    expect(out).toContain('S2 Омаров Дәурен');
    expect(err).toContain(`${file}:7:18: error: person S1`);
    expect(err).toMatch(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:14:\\d+: error: person S2, Q2, differentiation.* \\[parameters.score-outside-scale\\]$`,
        'm',
      ),
    );
    const csv = readFileSync(join(dir, 'a', 'summary.csv'), 'utf8');
    // summary.csv in the excel style by default: ";" and a decimal comma.
    expect(csv).toContain('S2;Омаров Дәурен;servant;Q1;differentiation;evaluated;;4,50;effective');
  });

  it('writes byte-identical results for the same input', async () => {
    await run('evaluate', file, '--out', join(dir, 'b'));
    await run('evaluate', file, '--out', join(dir, 'c'));
    for (const name of ['results.json', 'summary.csv']) {
      expect(readFileSync(join(dir, 'b', name))).toEqual(readFileSync(join(dir, 'c', name)));
    }
  });

  it('names each methodology with its periods in the year of a change', async () => {
    const { code, err } = await run('evaluate', 'examples/zhaiyq-akimat/evaluation-2025.yaml');
    expect(code).toBe(0);
    expect(err).toContain('3 people evaluated under zhaiyq-akimat-2023 (Q1, Q2) and zhaiyq-akimat-2025 (Q3, Q4, year) for 2025');
  });

  it('exits 2 when the input is not usable', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'year: 2024\npeople: []\n');
    const { code, err } = await run('evaluate', broken);
    expect(code).toBe(2);
    expect(err).toContain('is missing "methodology"');
  });

  it("refuses a repealed methodology's periods with a clear message, unless overridden", async () => {
    const late = join(dir, 'late.yaml');
    writeFileSync(late, input.replace('almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023').replace('year: 2024', 'year: 2024'));
    const refused = await run('evaluate', late);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('enbekshikazakh-maslikhat-2023 is not in force on 2024-03-31');
    expect(refused.err).toContain('--allow-out-of-force');
    const allowed = await run('evaluate', late, '--allow-out-of-force');
    expect(allowed.err).not.toContain('not in force');
  });

  it('sets aside a second record with the same id, naming both places', async () => {
    const twice = join(dir, 'twice.yaml');
    writeFileSync(
      twice,
      input +
        `  - id: S2
    name: Екінші Дәурен
    positionCategory: C-O-5
    appointedOn: 2023-02-01
`,
    );
    const { code, err } = await run('evaluate', twice);
    expect(code).toBe(1);
    expect(err).toContain(`${twice}:15:5: error: person`);
    expect(err).toContain('the id S2 is used twice: people item 2 (line 8) and item 3');
  });

  it('exits 2 when the calendar does not cover the year', async () => {
    const far = join(dir, 'far.yaml');
    writeFileSync(far, input.replace('year: 2024', 'year: 2099'));
    const { code, err } = await run('evaluate', far, '--out', join(dir, 'far'));
    expect(code).toBe(2);
    expect(err).toContain('2099');
  });

  it('refuses a methodology with lint errors (a score would fall between bands), naming its line', async () => {
    const bandGap = join(import.meta.dirname, '../methodology/broken/band-gap.yaml');
    const { code, err } = await run('evaluate', file, '--methodology', bandGap);
    expect(code).toBe(2);
    expect(err).toMatch(/band-gap\.yaml:10:13: error: no band covers scores 3\.00–3\.09.* \[lint\.band-gap\]$/m);
    expect(err).toContain('cannot be used until the errors above are corrected');
  });
});
