// The command users run to print a body's forms: `bagalau render INPUT --forms all --out DIR
// --quiet` (bin/bagalau.js, the build in dist/), on a generated body of the Almaty methodology
// (bench/population.ts: Kazakh names, units, evaluators, a justification per parameter), in a
// child process that evaluates the input and then prints every form (~6.4 PDFs a person).
// Recorded: wall time, PDFs written, forms per second, and the resident memory of the child's
// whole process tree (Node and Chromium; also its PSS, which counts a page shared by
// Chromium's processes once) sampled every 200 ms, with the count of PDFs in DIR: its peak,
// and its value when 10, 25, 50, 75 and 100 % of the PDFs were written, so that growing
// memory shows.
//
// In the same run, the best bare-puppeteer approach "(a)" (bench/bare.ts: 20 documents per
// page.pdf on 2 pages, fonts inlined, pdf-lib split, untagged) prints the SAME documents,
// planned in process with planDocuments as the command plans them; the ratio bagalau ÷ bare
// is the goal of issue 9 (≥ 0.8×). Then a sample of the command's PDFs is checked with
// poppler (pages, numbered per form, only Tinos embedded, the person's name in the text).
//
// Usage: npx tsx bench/render-cli.ts [people] [--quick]   (default 1000 people; --quick: 100)
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCalendar } from '../src/calendar/index.js';
import { evaluate } from '../src/engine/index.js';
import { parseFormList, planDocuments } from '../src/forms/render.js';
import { loadEvaluationInput } from '../src/input/loadEvaluationInput.js';
import { loadResolved } from '../src/methodology/index.js';
import { mb, memoryOfTree, onlyTinos, printBareBatched, readPdf } from './bare.js';
import { almatyFormsHeader, almatyFormsPeople, writePopulation } from './population.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/bagalau.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const size = Number(args.find((a) => /^\d+$/.test(a)) ?? (quick ? 100 : 1000));
const SAMPLE_MS = 200;
const CHECKPOINTS = [0.1, 0.25, 0.5, 0.75, 1];

if (!existsSync(join(root, 'dist/cli/main.js'))) {
  process.stderr.write('bench/render-cli.ts runs the built command: run npm run build (or npm run bench, which builds) first\n');
  process.exit(2);
}
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const work = join(tmpdir(), `bagalau-render-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

interface Measured {
  seconds: number;
  pdfs: number;
  /** Peaks of the tree's summed RSS and PSS. */
  peak: number;
  peakPss: number;
  /** RSS and PSS when a share of the PDFs was written. */
  checkpoints: { share: number; pdfs: number; at: number; rss: number; pss: number }[];
  /** Seconds from the start to the first and to the last PDF. */
  firstPdf: number;
  lastPdf: number;
  /** Peak before the first PDF (the command: reading, evaluating, launching Chromium), of the tree and of Node alone. */
  peakBeforeFirst: number;
  peakOwnBeforeFirst: number;
}

/** Samples the memory of the tree under `pid` and the PDFs in `dir` every 200 ms until `done` settles. */
async function sampled(pid: () => number | undefined, dir: string, expected: number, done: Promise<unknown>): Promise<Measured> {
  const started = performance.now();
  const m: Measured = {
    seconds: 0,
    pdfs: 0,
    peak: 0,
    peakPss: 0,
    checkpoints: [],
    firstPdf: NaN,
    lastPdf: NaN,
    peakBeforeFirst: 0,
    peakOwnBeforeFirst: 0,
  };
  const sample = () => {
    const p = pid();
    if (p === undefined) return;
    const { rss, pss, own } = memoryOfTree(p, true);
    let pdfs = 0;
    try {
      pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf')).length;
    } catch {
      /* not made yet */
    }
    const at = (performance.now() - started) / 1000;
    m.peak = Math.max(m.peak, rss);
    m.peakPss = Math.max(m.peakPss, pss);
    if (pdfs === 0) {
      m.peakBeforeFirst = Math.max(m.peakBeforeFirst, rss);
      m.peakOwnBeforeFirst = Math.max(m.peakOwnBeforeFirst, own);
    } else if (Number.isNaN(m.firstPdf)) m.firstPdf = at;
    if (pdfs > m.pdfs) m.lastPdf = at;
    m.pdfs = Math.max(m.pdfs, pdfs);
    for (const share of CHECKPOINTS)
      if (pdfs >= Math.round(share * expected) && !m.checkpoints.some((c) => c.share === share))
        m.checkpoints.push({ share, pdfs, at, rss, pss });
  };
  const timer = setInterval(sample, SAMPLE_MS);
  try {
    await done;
  } finally {
    clearInterval(timer);
  }
  m.seconds = (performance.now() - started) / 1000;
  return m;
}

const fmtCheckpoints = (m: Measured) =>
  CHECKPOINTS.map((share) => {
    const c = m.checkpoints.find((k) => k.share === share);
    return c
      ? `${(share * 100).toFixed(0)} % (${c.pdfs} PDFs, ${c.at.toFixed(0)} s): ${mb(c.rss)} (PSS ${mb(c.pss)})`
      : `${(share * 100).toFixed(0)} %: not sampled (the process ended first)`;
  }).join('; ');

let failed = false;
try {
  const loaded = loadResolved('almaty-akimat-2023');
  if (!loaded.ok) throw new Error('almaty-akimat-2023 does not load');
  const m = loaded.methodology;
  const inputFile = join(work, `almaty-${size}.json`);
  const bytes = writePopulation(inputFile, 'json', almatyFormsHeader(size), almatyFormsPeople(m, size));

  // The documents the command will print, planned in process the way it plans them.
  const planStarted = performance.now();
  const read = loadEvaluationInput(inputFile);
  if (!read.input) throw new Error(`the generated input does not load: ${read.diagnostics.map((d) => d.message).join('; ')}`);
  const input = read.input;
  const results = evaluate(m, input, loadCalendar());
  const docs = planDocuments(m, { forms: parseFormList(m, 'all') }, results, input);
  const planSeconds = (performance.now() - planStarted) / 1000;
  const names = new Map(input.people.map((p) => [p.id, p.name]));

  process.stdout.write(
    `bagalau render of a ${size.toLocaleString('en')}-person Almaty body (2024, --forms all): input ${(bytes / 2 ** 20).toFixed(1)} MB JSON, ${docs.length} documents planned (read + evaluate + plan in process ${planSeconds.toFixed(1)} s); RSS of the process tree (Node + Chromium, shared pages counted in each process) sampled every ${SAMPLE_MS} ms; load average at the start ${loadAverage()}\n`,
  );

  // 1. The command, as a user runs it.
  const outCli = join(work, 'cli');
  let stderr = '';
  const exit: { code: number | null } = { code: null };
  const child = spawn(process.execPath, [bin, 'render', inputFile, '--forms', 'all', '--out', outCli, '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', (c) => ((exit.code = c), resolve())));
  let alive = true;
  void exited.then(() => (alive = false));
  const cli = await sampled(() => (alive ? child.pid : undefined), outCli, docs.length, exited);
  cli.pdfs = readdirSync(outCli).filter((f) => f.endsWith('.pdf')).length;
  const cliRate = cli.pdfs / cli.seconds;
  const cliPrintRate = (cli.pdfs - 1) / (cli.lastPdf - cli.firstPdf);
  process.stdout.write(
    `\nbagalau render INPUT --forms all --out DIR --quiet (child process): exit ${exit.code}, ${cli.pdfs} PDFs in ${cli.seconds.toFixed(1)} s = ${cliRate.toFixed(1)} forms/s; first PDF at ${cli.firstPdf.toFixed(1)} s, last at ${cli.lastPdf.toFixed(1)} s (printing ${cliPrintRate.toFixed(1)} forms/s); peak RSS ${mb(cli.peak)}, peak PSS ${mb(cli.peakPss)}; before the first PDF: ${mb(cli.peakBeforeFirst)}, Node alone ${mb(cli.peakOwnBeforeFirst)}\n  RSS at ${fmtCheckpoints(cli)}\n`,
  );
  if (exit.code !== 0 || cli.pdfs !== docs.length) {
    failed = true;
    process.stdout.write(`  FAILED: exit ${exit.code}, ${cli.pdfs} PDFs for ${docs.length} documents planned\n${stderr.slice(0, 2000)}\n`);
  }
  process.stdout.write(`  load average now ${loadAverage()}\n`);

  // 2. (a) bare puppeteer on the same documents, in this process.
  const outBare = join(work, 'bare');
  mkdirSync(outBare, { recursive: true });
  const before = memoryOfTree().rss;
  let written = 0;
  const bareStarted = performance.now();
  let bareFirst = NaN;
  let bareLast = NaN;
  const bare = await sampled(
    () => process.pid,
    outBare,
    docs.length,
    printBareBatched(docs, outBare, {
      onDone: () => {
        written++;
        const at = (performance.now() - bareStarted) / 1000;
        if (written === 1) bareFirst = at;
        bareLast = at;
      },
    }),
  );
  bare.pdfs = written;
  const bareRate = bare.pdfs / bare.seconds;
  const barePrintRate = (bare.pdfs - 1) / (bareLast - bareFirst);
  process.stdout.write(
    `\n(a) bare puppeteer, 20 per page.pdf, 2 pages, pdf-lib split, untagged (in process, same ${docs.length} documents): ${bare.pdfs} PDFs in ${bare.seconds.toFixed(1)} s = ${bareRate.toFixed(1)} forms/s; first PDF at ${bareFirst.toFixed(1)} s, last at ${bareLast.toFixed(1)} s (printing ${barePrintRate.toFixed(1)} forms/s); peak RSS ${mb(bare.peak)}, peak PSS ${mb(bare.peakPss)} (the bench process held ${mb(before)} before: the body, results and documents)\n  RSS at ${fmtCheckpoints(bare)}\n`,
  );
  process.stdout.write(`  load average now ${loadAverage()}\n`);
  const ratio = cliRate / bareRate;
  process.stdout.write(
    `\nbagalau ÷ bare (a): ${ratio.toFixed(2)}× for the whole command (reading and evaluating included) against (a)'s printing alone; ${(cliPrintRate / barePrintRate).toFixed(2)}× first to last PDF of each (goal ≥ 0.8×: ${ratio >= 0.8 ? 'met' : 'NOT met'} for the whole command)\n`,
  );

  // 3. A sample of the command's PDFs: a few of every kind (first, middle, last person).
  const files = readdirSync(outCli)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const kinds = new Map<string, string[]>();
  for (const f of files) {
    const kind = f.slice(f.indexOf('_') + 1);
    kinds.set(kind, [...(kinds.get(kind) ?? []), f]);
  }
  const problems: string[] = [];
  const pagesByKind: string[] = [];
  let checked = 0;
  for (const [kind, list] of kinds) {
    const pages = new Set<number>();
    for (const file of [...new Set([list[0], list[Math.floor(list.length / 2)], list.at(-1)!])]) {
      checked++;
      const pdf = readPdf(join(outCli, file));
      pages.add(pdf.pages);
      const name = names.get(file.slice(0, file.indexOf('_')));
      const flat = pdf.text.replace(/\s+/g, ' ');
      if (!name || !flat.includes(name)) problems.push(`${file}: the name ${name} is not in its text`);
      if (!onlyTinos(pdf.fonts))
        problems.push(`${file}: fonts ${pdf.fonts.map((f) => `${f.name}${f.embedded ? '' : ' (not embedded)'}`).join(', ')}`);
      const numbers = [...pdf.text.matchAll(/(\d+) \/ (\d+) бет/g)].map((n) => `${n[1]}/${n[2]}`).join(',');
      const expected = Array.from({ length: pdf.pages }, (_, k) => `${k + 1}/${pdf.pages}`).join(',');
      if (numbers !== expected) problems.push(`${file}: page numbers ${numbers || 'none'} for ${pdf.pages} pages`);
      if (existsSync(join(outBare, file))) {
        const barePages = readPdf(join(outBare, file)).pages;
        if (barePages !== pdf.pages) problems.push(`${file}: ${pdf.pages} pages, ${barePages} printed bare`);
      }
      if (statSync(join(outCli, file)).size === 0) problems.push(`${file}: empty`);
    }
    pagesByKind.push(`${kind.replace(/\.pdf$/, '')} ${[...pages].sort().join('/')}`);
  }
  if (problems.length) failed = true;
  process.stdout.write(
    `\nchecked ${checked} of the command's PDFs (${kinds.size} kinds, first, middle and last person each): ${
      problems.length
        ? `${problems.length} problem(s):\n  ${problems.join('\n  ')}`
        : `the person's name in the text, only Tinos (embedded), every page numbered "N / M бет" of its form, the same page count as printed bare`
    }\n  pages by kind: ${pagesByKind.join(', ')}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
