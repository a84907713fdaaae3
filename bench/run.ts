// `npm run bench`: every benchmark of the project, one after the other, each reporting
// throughput and peak memory as ratios against a baseline measured in the same run.
// Figures are recorded in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = [
  { file: 'engine.ts', args: process.argv.slice(2) },
  // The command users run (evaluate --out, 1,000 to 100,000 people), with the engine in process for the ratio.
  { file: 'cli.ts', args: [] },
  { file: 'conditions.ts', args: [] },
  { file: 'forms.ts', args: [] },
  // The command users run to print a body's forms (render --forms all, 1,000 people), with bare puppeteer on the same documents for the ratio.
  { file: 'render-cli.ts', args: [] },
  { file: 'excel.ts', args: [] },
];

let failed = 0;
for (const { file, args } of benches) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  if (!existsSync(path)) continue;
  process.stdout.write(`\n== bench/${file} ${args.join(' ')}\n`);
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', path, ...args], { stdio: 'inherit' });
  if (status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
