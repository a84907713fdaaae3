// The command users run: `bagalau evaluate INPUT --out DIR` (bin/bagalau.js, the build in
// dist/), on generated bodies of the Almaty methodology (the 2018 model) and of model-2025,
// 1,000, 10,000 and 100,000 people in JSON (and 10,000 in YAML and NDJSON), each run in its
// own process: wall time and peak RSS of that process (worker threads included). In the
// same run, the in-process engine on the same people (`evaluate()` on the input in memory)
// gives the ratio the goal is stated in; 100,000 people is also run with 1, 2 and 3 workers
// and with none, for the scaling; and the cold start of `--help` and `validate`.
//
// Usage: npx tsx bench/cli.ts [--quick] [--repeat N] [--sizes 1000,10000,100000] [--bodies almaty,model2025]
//   --quick: one run each and no 100,000 (a smoke test of the bench itself).
//   --bodies: the generated bodies to run (both by default); `none` runs only the example
//   body copied to 2,040 people and the cold start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCalendar } from '../src/calendar/index.js';
import { evaluate } from '../src/engine/index.js';
import { loadResolved } from '../src/methodology/index.js';
import { almatyPeople, model2025People, model2025Units, writePopulation } from './population.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/bagalau.js');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

type Body = 'almaty' | 'model2025';
const bodies: Record<Body, { label: string; methodology: string; year: number }> = {
  almaty: { label: 'Almaty (2018 model: KPI, differentiation, 360)', methodology: 'almaty-akimat-2023', year: 2024 },
  model2025: { label: 'model-2025 (two evaluator sheets a quarter)', methodology: 'model-2025', year: 2026 },
};

function people(body: Body, size: number) {
  if (body === 'model2025') return model2025People(size, bodies[body].year, 7, true);
  const loaded = loadResolved(bodies.almaty.methodology);
  if (!loaded.ok) throw new Error('almaty-akimat-2023 does not load');
  return almatyPeople(loaded.methodology, size, bodies.almaty.year);
}

function header(body: Body, size: number) {
  return body === 'model2025'
    ? { methodology: bodies[body].methodology, year: bodies[body].year, units: model2025Units(size) }
    : { methodology: bodies[body].methodology, year: bodies[body].year };
}

// ——— child mode: the engine in process, on the same people, the input already in memory ———
if (flag('--engine')) {
  const body = value('--engine') as Body;
  const size = Number(value('--size'));
  const loaded = loadResolved(bodies[body].methodology);
  if (!loaded.ok) throw new Error(`${bodies[body].methodology} does not load`);
  const input = { ...header(body, size), people: [...people(body, size)] };
  const calendar = loadCalendar();
  const started = performance.now();
  const result = evaluate(loaded.methodology, input, calendar);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ seconds, people: result.people.length, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

interface Run {
  seconds: number;
  peakMb: number;
  code: number;
  cpu: number;
}

/** Runs a command in its own process; wall time and peak RSS from GNU time (or /proc when it is missing). */
function measure(command: string[]): Run {
  const timeFile = join(work, 'time.txt');
  if (existsSync('/usr/bin/time')) {
    const child = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', timeFile, ...command], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 1 << 28,
    });
    const [seconds, kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return { seconds, peakMb: kb / 1024, code: child.status ?? -1, cpu: user + system };
  }
  const started = performance.now();
  const child = spawnSync(command[0], command.slice(1), { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  return { seconds: (performance.now() - started) / 1000, peakMb: NaN, code: child.status ?? -1, cpu: NaN };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs: number[]) => (xs.length > 1 ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : '');
const fmt = (n: number) => n.toLocaleString('en');

const quick = flag('--quick');
const repeat = Number(value('--repeat') ?? (quick ? 1 : 3));
const sizes = (value('--sizes') ?? (quick ? '1000,10000' : '1000,10000,100000')).split(',').map(Number);
const chosenBodies = (value('--bodies') ?? Object.keys(bodies).join(',')).split(',').filter((b): b is Body => b in bodies);
const work = join(tmpdir(), `bagalau-cli-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

if (!existsSync(join(root, 'dist/cli/main.js'))) {
  process.stderr.write('bench/cli.ts runs the built command: run npm run build (or npm run bench, which builds) first\n');
  process.exit(2);
}

let failed = false;
try {
  const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  process.stdout.write(
    `bagalau evaluate INPUT --out DIR (bin/bagalau.js), ${repeat} run(s) each: median wall seconds (min–max), CPU seconds (user + system, all threads), peak RSS of the process; load average at the start ${loadAverage()} (on a busy machine the wall time grows, the CPU time much less)\n`,
  );
  for (const body of chosenBodies) {
    process.stdout.write(`\n${bodies[body].label}\n`);
    process.stdout.write(
      `  ${'people'.padStart(8)} ${'input'.padEnd(7)} ${'MB in'.padStart(7)} ${'seconds'.padStart(8)} ${'(min–max)'.padEnd(12)} ${'CPU s'.padStart(6)} ${'people/s'.padStart(9)} ${'peak RSS'.padStart(9)} ${'MB out'.padStart(7)}\n`,
    );
    const timings = new Map<number, number>();
    const cpus = new Map<number, number>();
    const peaks = new Map<number, number>();
    const cases: { size: number; format: 'json' | 'yaml' | 'ndjson' }[] = sizes.flatMap((size) => [
      { size, format: 'json' as const },
      ...(size === 10_000
        ? [
            { size, format: 'yaml' as const },
            { size, format: 'ndjson' as const },
          ]
        : []),
    ]);
    for (const { size, format } of cases) {
      const input = join(work, `${body}-${size}.${format}`);
      const inputBytes = writePopulation(input, format, header(body, size), people(body, size));
      const out = join(work, 'out');
      const runs: Run[] = [];
      for (let r = 0; r < repeat; r++) {
        rmSync(out, { recursive: true, force: true });
        runs.push(measure([process.execPath, bin, 'evaluate', input, '--out', out]));
      }
      const outBytes = statSync(join(out, 'results.json')).size;
      const seconds = median(runs.map((r) => r.seconds));
      if (format === 'json') {
        timings.set(size, seconds);
        cpus.set(size, median(runs.map((r) => r.cpu)));
        peaks.set(size, median(runs.map((r) => r.peakMb)));
      }
      const codes = [...new Set(runs.map((r) => r.code))];
      if (codes.some((c) => c > 1)) failed = true;
      process.stdout.write(
        `  ${fmt(size).padStart(8)} ${format.padEnd(7)} ${(inputBytes / 2 ** 20).toFixed(0).padStart(7)} ${seconds.toFixed(2).padStart(8)} ${spread(runs.map((r) => r.seconds)).padEnd(12)} ${median(
          runs.map((r) => r.cpu),
        )
          .toFixed(1)
          .padStart(
            6,
          )} ${fmt(Math.round(size / seconds)).padStart(9)} ${(median(runs.map((r) => r.peakMb)).toFixed(0) + ' MB').padStart(9)} ${(outBytes / 2 ** 20).toFixed(0).padStart(7)}${codes.some((c) => c > 1) ? `  exit ${codes.join(',')}` : ''}\n`,
      );
      if (format !== 'json' || size !== Math.max(...sizes)) rmSync(input, { force: true });
    }
    // How time grows with the size: the exponent of a power law through the JSON runs.
    const points = [...timings].filter(([n]) => n >= 1000);
    if (points.length >= 2) {
      const [[n1, t1], [n2, t2]] = [points[0], points.at(-1)!];
      const exponent = (a: number, b: number) => (Math.log(b / a) / Math.log(n2 / n1)).toFixed(2);
      process.stdout.write(
        `  growth from ${fmt(n1)} to ${fmt(n2)} people: wall time ∝ n^${exponent(t1, t2)}, CPU time ∝ n^${exponent(cpus.get(n1)!, cpus.get(n2)!)} (1.00 is linear; the start-up cost and the workers, from 16 MiB, pull it below 1)\n`,
      );
    }
    const largest = Math.max(...sizes);
    const input = join(work, `${body}-${largest}.json`);
    // The in-process engine on the same people, for the ratio.
    const engineRuns: number[] = [];
    for (let r = 0; r < Math.min(repeat, 2); r++) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--max-old-space-size=16000', fileURLToPath(import.meta.url), '--engine', body, '--size', String(largest)],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (child.status !== 0) throw new Error(`the engine run failed:\n${child.stderr}`);
      engineRuns.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!).seconds);
    }
    const engine = median(engineRuns);
    const cli = timings.get(largest)!;
    process.stdout.write(
      `  in-process engine, ${fmt(largest)} people: ${engine.toFixed(2)} s (${spread(engineRuns)}); evaluate ÷ engine = ${(cli / engine).toFixed(2)}×\n`,
    );
    process.stdout.write(`  load average now ${loadAverage()}\n`);
    // Scaling with the workers.
    if (!quick) {
      const scaling: string[] = [];
      for (const workers of ['0', '1', '2', '3']) {
        const runs: Run[] = [];
        for (let r = 0; r < Math.min(repeat, 2); r++) {
          rmSync(join(work, 'out'), { recursive: true, force: true });
          runs.push(measure([process.execPath, bin, 'evaluate', input, '--out', join(work, 'out'), '--workers', workers]));
        }
        scaling.push(
          `${workers === '0' ? 'none (main thread)' : `${workers} worker${workers === '1' ? '' : 's'}`} ${median(runs.map((r) => r.seconds)).toFixed(2)} s (CPU ${median(runs.map((r) => r.cpu)).toFixed(1)} s), ${median(runs.map((r) => r.peakMb)).toFixed(0)} MB`,
        );
      }
      process.stdout.write(`  ${fmt(largest)} people by workers: ${scaling.join('; ')}\n`);
      if (largest >= 100_000) {
        const goals = [
          `100,000 in ≤ 15 s: ${cli <= 15 ? 'met' : 'NOT met'}`,
          `peak RSS ≤ 1 GB: ${peaks.get(largest)! <= 1024 ? 'met' : 'NOT met'}`,
          `≤ 2× the engine: ${cli / engine <= 2 ? 'met' : 'NOT met'}`,
          `10,000 in ≤ 3 s: ${(timings.get(10_000) ?? Infinity) <= 3 ? 'met' : 'NOT met'}`,
        ];
        process.stdout.write(`  goals: ${goals.join('; ')}\n`);
      }
    }
    rmSync(input, { force: true });
  }

  // The example body (examples/zhaiyq-akimat, six people, one with a missing justification)
  // copied to 2,040 people, as written (YAML) and as JSON: a body of a district's size, with
  // problems to place in a sixth of the records.
  const example = join(root, 'examples/zhaiyq-akimat/evaluation-2026.yaml');
  const text = readFileSync(example, 'utf8');
  const peopleAt = text.indexOf('\npeople:\n') + '\npeople:\n'.length;
  const head = text
    .slice(0, peopleAt)
    .replace(/^methodology: (.*)$/m, (_, file: string) => `methodology: ${resolve(dirname(example), file)}`);
  const copies = Array.from({ length: 340 }, (_, k) => text.slice(peopleAt).replace(/^ {2}- id: (\S+)/gm, `  - id: $1-${k}`));
  const copyYaml = join(work, 'zhaiyq-2040.yaml');
  writeFileSync(copyYaml, head + copies.join(''));
  const { parse } = await import('yaml');
  const copyJson = join(work, 'zhaiyq-2040.json');
  writeFileSync(copyJson, JSON.stringify(parse(readFileSync(copyYaml, 'utf8'), { schema: 'core' }), null, 1));
  process.stdout.write(
    `\nThe example body copied to 2,040 people (${repeat} run(s) each: best wall, median (min–max), CPU of the best, peak RSS):\n`,
  );
  for (const input of [copyYaml, copyJson]) {
    const runs: Run[] = [];
    for (let r = 0; r < repeat; r++) {
      rmSync(join(work, 'out'), { recursive: true, force: true });
      runs.push(measure([process.execPath, bin, 'evaluate', input, '--out', join(work, 'out')]));
    }
    const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    process.stdout.write(
      `  ${input.endsWith('.json') ? 'JSON' : 'YAML'}  best ${best.seconds.toFixed(2)} s, median ${median(runs.map((r) => r.seconds)).toFixed(2)} s (${spread(runs.map((r) => r.seconds))}), CPU ${best.cpu.toFixed(2)} s, ${best.peakMb.toFixed(0)} MB\n`,
    );
  }

  // Cold start: a median of 9 runs each (the first run fills the cache of src/io/cache.ts, if it is empty).
  process.stdout.write('\nCold start (9 runs each: median wall (min–max), median CPU):\n');
  for (const [label, command] of [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['bagalau --help', [process.execPath, bin, '--help']],
    ['bagalau validate model-2025', [process.execPath, bin, 'validate', 'model-2025']],
    ['bagalau validate almaty-akimat-2023', [process.execPath, bin, 'validate', 'almaty-akimat-2023']],
    ['bagalau evaluate (the 6-person example)', [process.execPath, bin, 'evaluate', example, '--out', join(work, 'out')]],
  ] as [string, string[]][]) {
    const runs = Array.from({ length: 9 }, () => measure(command));
    process.stdout.write(
      `  ${label.padEnd(42)} ${median(runs.map((r) => r.seconds)).toFixed(2)} s (${spread(runs.map((r) => r.seconds))}), CPU ${median(runs.map((r) => r.cpu)).toFixed(2)} s\n`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
