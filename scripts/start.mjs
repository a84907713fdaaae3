#!/usr/bin/env node
// `npm start`: the main job on the bundled data, after `scripts/setup.mjs` (prestart)
// has installed and built everything. Each step is a plain bagalau command that a
// user can also run alone; they are printed before they run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const methodologies = readdirSync(new URL('../methodologies/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `methodologies/${f}`);

const steps = [
  ['validate', ...methodologies],
  ['lint', ...methodologies],
  ['diff', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023'],
  ['schedule', '--methodology', 'model-2025', '--year', '2026'],
  // The HR service's route: a blank intake workbook made from the methodology, and the
  // example's year filled in one (no YAML), evaluated and printed.
  [
    'template',
    '--methodology',
    'examples/zhaiyq-akimat/zhaiyq-akimat-2025.yaml',
    '--year',
    '2027',
    '--out',
    'out/zhaiyq-intake-2027.xlsx',
    '--force',
  ],
  ['evaluate', 'examples/zhaiyq-akimat/intake-2026.xlsx', '--out', 'out/zhaiyq-2026'],
  ['render', 'out/zhaiyq-2026/results.json', '--forms', 'all', '--out', 'out/zhaiyq-2026/forms'],
  ['evaluate', 'examples/baiterek-akimat/evaluation-2026.yaml', '--out', 'out/baiterek-2026'],
  ['render', 'examples/baiterek-akimat/evaluation-2026.yaml', '--forms', 'all', '--combined', '--out', 'out/baiterek-2026/forms'],
  ['render', 'almaty-akimat-2023', '--blank', '--forms', 'all', '--out', 'out/blank-forms/almaty-akimat-2023'],
];

let failed = 0;
for (const args of steps) {
  process.stdout.write(`\n$ bagalau ${args.join(' ')}\n`);
  // render lists every PDF on stdout; here its summary line (stderr) is enough.
  const stdout = args[0] === 'render' ? 'ignore' : 'inherit';
  const { status } = spawnSync(process.execPath, ['bin/bagalau.js', ...args], { cwd: root, stdio: ['inherit', stdout, 'inherit'] });
  // Exit 1 means "findings": the example has deliberate mistakes to show how they are
  // reported. Only unusable input or a crash (2 and above) makes the job fail.
  if (status === null || status >= 2) failed++;
}
process.stdout.write(
  failed
    ? `\n${failed} step(s) failed (see above).\n`
    : "\nDone. The examples' results are in out/zhaiyq-2026/ (the law in force today, model-2025) and out/baiterek-2026/ (a body on the 2018 model): results.json, summary.csv and forms/; blank forms in out/blank-forms/.\n",
);
process.exitCode = failed ? 1 : 0;
