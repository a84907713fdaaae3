// summary.csv as `bagalau evaluate` writes it, through the CLI's one CSV writer: for Excel
// under the Kazakh and Russian locales by default (BOM once, CRLF, ";", decimal commas), RFC
// 4180 with --csv-style rfc4180, a name that would be a formula written as text, whatever
// the batches and workers; read back by Python's csv module, it gives the results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../src/cli/resultsFile.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bagalau-evaluate-csv-'));
let runs = 0;

async function evaluate(file: string, ...args: string[]) {
  const out = join(dir, `run-${++runs}`);
  const { code } = await runCli(['evaluate', file, '--out', out, ...args]);
  return { code, out, csv: readFileSync(join(out, 'summary.csv'), 'utf8') };
}

const person = (id: string, name: string, quality: number) => `  - id: ${id}
    name: ${JSON.stringify(name)}
    positionCategory: C-O-5
    appointedOn: 2023-02-01
    quarters:
      Q1: { differentiation: { scores: { quality: ${quality}, deadlines: 5, independence: 4, discipline: 4 }, justification: жақсы } }
`;

const names = ['=HYPERLINK("http://x";"y")', '+7 701 000 00 00', '-1+2', '@SUM(A1)', 'Омаров; Дәурен', 'Серікова Айгүл'];
const file = join(dir, 'input.yaml');
writeFileSync(
  file,
  `methodology: almaty-akimat-2023\nyear: 2024\nquarters: [Q1]\npeople:\n${names.map((n, k) => person(`S${k + 1}`, n, 3 + (k % 3))).join('')}`,
);

describe('summary.csv of bagalau evaluate', () => {
  it('is for Excel by default: one BOM, CRLF, ";" and decimal commas, formulas made text, the same in batches and workers', async () => {
    const { csv } = await evaluate(file);
    expect(csv.startsWith('\ufeffperson;name;category;period;method;status;rule;score;band;calibrated;errors;warnings\r\n')).toBe(true);
    expect(csv.indexOf('\ufeff', 1)).toBe(-1);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(csv).toMatch(/^S2;'\+7 701 000 00 00;servant;Q1;differentiation;evaluated;;4,25;/m);
    expect(csv).toContain(`S1;"'=HYPERLINK(""http://x"";""y"")";`);
    expect(csv).toContain("S3;'-1+2;");
    expect(csv).toContain("S4;'@SUM(A1);");
    expect(csv).toContain('S5;"Омаров; Дәурен";');
    for (const args of [
      ['--workers', '0', '--batch-size', '1'],
      ['--workers', '2', '--batch-size', '2'],
    ])
      expect((await evaluate(file, ...args)).csv, args.join(' ')).toBe(csv);
  }, 60_000);

  it('is RFC 4180 with --csv-style rfc4180: no BOM, "," and "."', async () => {
    const { csv } = await evaluate(file, '--csv-style', 'rfc4180', '--batch-size', '2');
    expect(csv.startsWith('person,name,category,period,method,status,rule,score,band,calibrated,errors,warnings\r\n')).toBe(true);
    expect(csv).toMatch(/^S2,'\+7 701 000 00 00,servant,Q1,differentiation,evaluated,,4.25,/m);
    expect(csv).toContain(`S5,Омаров; Дәурен,`);
  }, 60_000);

  it("reads back with Python's csv module (delimiter ';') as the results say", async () => {
    const { out } = await evaluate(file, '--batch-size', '2');
    const script =
      'import csv, json, sys\nwith open(sys.argv[1], encoding="utf-8-sig", newline="") as f:\n    print(json.dumps(list(csv.DictReader(f, delimiter=";"))))';
    const run = spawnSync('python3', ['-c', script, join(out, 'summary.csv')], { encoding: 'utf8' });
    expect(run.status, `python3: ${run.stderr}${run.error?.message ?? ''}`).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, string>[];
    const results = readResultsFile(join(out, 'results.json')).people.flatMap((p) => p.results.map((r) => ({ p, r })));
    expect(rows).toHaveLength(results.length);
    rows.forEach((row, k) => {
      const { p, r } = results[k];
      expect(row.person).toBe(p.id);
      // A neutralised name reads back with its apostrophe, as Excel shows it.
      expect(row.name).toBe(/^[=+\-@]/.test(p.name) ? `'${p.name}` : p.name);
      expect([row.period, row.method, row.status, row.band]).toEqual([r.period, r.method, r.status, r.band ?? '']);
      expect(row.score === '' ? undefined : Number(row.score.replace(',', '.'))).toBe(
        r.score === undefined ? undefined : Number(r.score.toFixed(2)),
      );
    });
  }, 60_000);
});
