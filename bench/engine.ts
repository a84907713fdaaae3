// Engine benchmark: N synthetic servants for one year (four quarters and a 360), the
// bagalau engine against the hand-written baseline, each in its own process so that its
// peak memory is its own. Usage: npx tsx bench/engine.ts [N]   (default 100000)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { loadCalendar } from '../src/calendar/index.js';
import { evaluate } from '../src/engine/index.js';
import { loadResolved } from '../src/methodology/index.js';
import { baseline } from './baseline.js';
import { population } from './population.js';

interface Measurement {
  seconds: number;
  peakRssMb: number;
  fingerprint: string;
  results: number;
}

function measureIn(mode: 'engine' | 'baseline', size: number): Measurement {
  const loaded = loadResolved('almaty-akimat-2023');
  if (!loaded.ok) throw new Error('almaty-akimat-2023 does not load');
  const calendar = loadCalendar();
  const input = population(loaded.methodology, size);
  const lines: string[] = [];
  const started = performance.now();
  if (mode === 'engine') {
    const result = evaluate(loaded.methodology, input, calendar);
    const seconds = (performance.now() - started) / 1000;
    for (const person of result.people) {
      for (const r of person.results)
        lines.push(
          `${person.id} ${r.period} ${r.method} ${r.status}${r.score !== undefined ? ` ${r.score.toFixed(2)} ${r.band ?? '-'}` : ''}`,
        );
    }
    return finish(seconds, lines);
  }
  // The baseline gets the evaluation deadlines handed to it: the calendar is not what is measured.
  const quarterDeadlines = ['04-10', '07-10', '10-10'].map((d) => `${input.year}-${d}`).concat(`${input.year + 1}-01-10`);
  const out = baseline(input, { quarters: quarterDeadlines, year: `${input.year + 1}-01-10` });
  const seconds = (performance.now() - started) / 1000;
  return finish(
    seconds,
    out.filter((l) => !/ (Q\d|year) kpi notEvaluated$/.test(l) || true),
  );
}

function finish(seconds: number, lines: string[]): Measurement {
  lines.sort();
  return {
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    fingerprint: createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16),
    results: lines.length,
  };
}

const args = process.argv.slice(2);
const only = args.indexOf('--only');
if (only >= 0) {
  process.stdout.write(JSON.stringify(measureIn(args[only + 1] as 'engine' | 'baseline', Number(args[only + 2]))) + '\n');
} else {
  const size = Number(args[0] ?? 100_000);
  const self = fileURLToPath(import.meta.url);
  const run = (mode: string): Measurement => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=16000', self, '--only', mode, String(size)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`${mode} failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  };
  const base = run('baseline');
  const engine = run('engine');
  const same = base.fingerprint === engine.fingerprint;
  const rows = [
    ['', 'seconds', 'people/s', 'peak RSS MiB'],
    ['baseline (hand-written)', base.seconds.toFixed(2), Math.round(size / base.seconds).toString(), base.peakRssMb.toFixed(0)],
    ['bagalau engine', engine.seconds.toFixed(2), Math.round(size / engine.seconds).toString(), engine.peakRssMb.toFixed(0)],
    ['engine ÷ baseline', (engine.seconds / base.seconds).toFixed(2) + '×', '', (engine.peakRssMb / base.peakRssMb).toFixed(2) + '×'],
  ];
  process.stdout.write(`Engine: ${size.toLocaleString('en')} servants, one year (4 quarters + 360), Almaty methodology\n`);
  for (const r of rows) process.stdout.write(`  ${r[0].padEnd(26)}${r[1].padStart(10)}${r[2].padStart(12)}${r[3].padStart(14)}\n`);
  process.stdout.write(
    `  same results as the baseline: ${same ? 'yes' : `NO (baseline ${base.fingerprint}, engine ${engine.fingerprint})`} — ${engine.results.toLocaleString('en')} results\n`,
  );
  process.stdout.write(
    `  goals: ≤ 10 s → ${engine.seconds <= 10 ? 'met' : 'NOT met'}; within 3× of the baseline → ${engine.seconds / base.seconds <= 3 ? 'met' : 'NOT met'}\n`,
  );
  if (!same) process.exitCode = 1;
}
