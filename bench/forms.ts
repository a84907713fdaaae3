// Benchmark of the forms printer: `npx tsx bench/forms.ts [count]` (default 1000).
// Prints the same filled two-page form (annex 4 of the test fixture, a different name on
// each copy) with
//   1. bagalau's FormPrinter: one Chromium, a pool of 3 reused pages, JavaScript off,
//      fonts answered from memory through request interception, atomic writes;
//   2. (a) the best bare-puppeteer approach: one Chromium, a pool of 2 pages, the documents
//      concatenated 20 per page.setContent + page.pdf call (fonts inlined as data: URLs, each
//      document starting on a new page), each batch's PDF split back into one PDF per
//      document with pdf-lib at the named destination of its first page; tagged and untagged
//      (the page numbers stay those of the batch: bare puppeteer does not renumber);
//   3. (a′) bare puppeteer, one page.pdf per document on a pool of 3 pages;
//   4. (b) a new Chromium per document (20 documents, extrapolated).
// Then checks the PDFs each approach wrote (pages, text, fonts) on a sample.
// and reports forms per second and the peak RSS of Node plus Chromium, sampled every 100 ms.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import puppeteer, { type Browser } from 'puppeteer';
import { loadCalendar } from '../src/calendar/index.js';
import { evaluate } from '../src/engine/index.js';
import { CHROMIUM_ARGS, findChromium } from '../src/forms/browser.js';
import { FORMS_ORIGIN, tinosFonts } from '../src/forms/fonts.js';
import { FormPrinter } from '../src/forms/printer.js';
import { planDocuments, renderDocuments, type PlannedDocument } from '../src/forms/render.js';
import { renderDocument } from '../src/forms/templates.js';
import { loadEvaluationInput } from '../src/input/loadEvaluationInput.js';
import { loadResolved } from '../src/methodology/index.js';

const count = Number(process.argv[2] ?? 1000);
const out = join(tmpdir(), 'bagalau-forms-bench');
const loaded = loadResolved('almaty-akimat-2023');
if (!loaded.ok) throw new Error('methodology');
const m = loaded.methodology;
const input = loadEvaluationInput(new URL('../test/forms/fixtures/evaluation-2023.yaml', import.meta.url).pathname).input!;
const results = evaluate(m, input, loadCalendar(), { allowOutOfForce: true });
const [template] = planDocuments(m, { forms: ['annex4'] }, results, input);
const docs: PlannedDocument[] = Array.from({ length: count }, (_, i) => ({
  file: `S${i}_2023-Q3_annex-4.pdf`,
  // each copy its own person in the Info too, as in a real run (the Subject was once part of the batch key)
  views: [
    {
      ...template.views[0],
      personName: `Әбдірахманова Гүлнәр Сәкенқызы ${i + 1}`,
      subject: template.views[0].subject.replace(/^[^,]*/, `Әбдірахманова Гүлнәр Сәкенқызы ${i + 1}`),
    },
  ],
}));
const htmls = docs.map((d) => renderDocument(d.views));

// ——— memory: Node + every process under it (Chromium and its renderers) ———
function rssOfTree(): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Checks a sample of the PDFs written: two pages, the copy's name, only Tinos embedded, and (bagalau) page numbers per form. */
function verify(name: string, n: number, perForm: boolean) {
  const sample = [...new Set([0, 1, Math.floor(n / 2), n - 1, ...Array.from({ length: 16 }, (_, k) => Math.floor((k * n) / 16))])].filter(
    (i) => i < n,
  );
  const problems: string[] = [];
  for (const i of sample) {
    const file = join(out, docs[i].file);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    if (pages !== 2) problems.push(`${docs[i].file}: ${pages} pages`);
    if (!text.includes(`Сәкенқызы ${i + 1}\n`) && !text.includes(`Сәкенқызы ${i + 1} `)) problems.push(`${docs[i].file}: not its name`);
    if (fonts.some((f) => !/^[A-Z]{6}\+Tinos-(Regular|Bold)$/.test(f[0]) || f[f.length - 5] !== 'yes'))
      problems.push(`${docs[i].file}: fonts ${fonts.map((f) => f[0]).join(' ')}`);
    const numbers = text.match(/\d+ \/ \d+ бет/g)?.join(', ');
    if (perForm && numbers !== '1 / 2 бет, 2 / 2 бет') problems.push(`${docs[i].file}: page numbers ${numbers}`);
  }
  console.log(
    `  checked ${sample.length} of ${name}'s PDFs: ${problems.length ? problems.join('; ') : 'two pages each, the right name, only Tinos (embedded)' + (perForm ? ', "1 / 2 бет", "2 / 2 бет"' : '')}`,
  );
}

async function measure(name: string, n: number, run: (onDone: () => void) => Promise<void>) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let peak = 0;
  let done = 0;
  const checkpoints: string[] = [];
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOfTree());
  }, 100);
  const started = performance.now();
  await run(() => {
    done++;
    if (done === Math.round(n * 0.1) || done === Math.round(n * 0.5) || done === n) {
      checkpoints.push(`${done}: ${(rssOfTree() / 2 ** 20).toFixed(0)} MB`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const perSecond = n / seconds;
  console.log(
    `${name.padEnd(58)} ${String(n).padStart(5)} forms in ${seconds.toFixed(1).padStart(6)} s = ${perSecond.toFixed(1).padStart(6)} forms/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (RSS at ${checkpoints.join(', ')})`,
  );
  return perSecond;
}

// 1. bagalau
const ours = await measure('bagalau FormPrinter (1 browser, 3 pages)', count, async (onDone) => {
  const printer = await FormPrinter.launch({ pages: 3 });
  try {
    await renderDocuments(docs, out, { printer, pages: 3, onProgress: onDone });
  } finally {
    await printer.close();
  }
});
verify('bagalau', count, true);

// The bare approaches get the same HTML with the fonts inlined (they have no interception).
const inline = new Map(tinosFonts().map((f) => [`${FORMS_ORIGIN}/fonts/${f.file}`, `data:font/woff2;base64,${f.data.toString('base64')}`]));
const bare = (html: string) =>
  html.replace(/<link rel="preload"[^>]*>\n?/g, '').replace(new RegExp(`${FORMS_ORIGIN}/fonts/[\\w.-]+`, 'g'), (url) => inline.get(url)!);
const bareHtml = htmls.map(bare);
const launch = () => puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
const pdfOf = async (browserOrPage: Browser | import('puppeteer').Page, html: string) => {
  const page = 'newPage' in browserOrPage ? await browserOrPage.newPage() : browserOrPage;
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
};

// 2. (a) bare puppeteer, batches of 20 documents per page.pdf on 2 pages, split with pdf-lib
const BATCH = 20;
/** The documents as one: each starts on a new page (.form + .form) and is the target of a hidden link, so Chromium writes a named destination at its first page. */
const batchHtml = (from: number, to: number) =>
  bare(renderDocument(docs.slice(from, to).flatMap((d) => d.views)))
    .replace(
      /<section class="form/g,
      (() => {
        let k = 0;
        return () => `<section id="doc-${k++}" class="form`;
      })(),
    )
    .replace(
      '</body>',
      `<nav style="display: none">${docs
        .slice(from, to)
        .map((_, k) => `<a href="#doc-${k}"></a>`)
        .join('')}</nav></body>`,
    );
async function splitAtDestinations(pdf: Uint8Array, documents: number): Promise<Uint8Array[]> {
  const batch = await PDFDocument.load(pdf, { updateMetadata: false });
  const index = new Map(batch.getPages().map((p, i) => [p.ref.toString(), i]));
  const dests = batch.catalog.lookup(PDFName.of('Dests'), PDFDict);
  const starts = Array.from({ length: documents }, (_, k) =>
    index.get(
      dests
        .lookup(PDFName.of(`doc-${k}`), PDFArray)
        .get(0)
        .toString(),
    )!,
  );
  starts.push(batch.getPageCount());
  return Promise.all(
    starts.slice(0, -1).map(async (start, k) => {
      const one = await PDFDocument.create({ updateMetadata: false });
      for (const page of await one.copyPages(
        batch,
        Array.from({ length: starts[k + 1] - start }, (_, p) => start + p),
      ))
        one.addPage(page);
      return one.save({ useObjectStreams: false });
    }),
  );
}
const batched = (tagged: boolean) => async (onDone: () => void) => {
  const browser = await launch();
  try {
    const pages = await Promise.all([0, 1].map(() => browser.newPage()));
    let next = 0;
    await Promise.all(
      pages.map(async (page) => {
        while (next < count) {
          const from = next;
          const to = Math.min(count, from + BATCH);
          next = to;
          await page.setContent(batchHtml(from, to), { waitUntil: 'load' });
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged });
          const split = await splitAtDestinations(pdf, to - from);
          split.forEach((bytes, k) => {
            writeFileSync(join(out, docs[from + k].file), bytes);
            onDone();
          });
        }
      }),
    );
  } finally {
    await browser.close();
  }
};
const bareUntagged = await measure('(a) bare, 20 per page.pdf, 2 pages, pdf-lib split, untagged', count, batched(false));
verify('(a) untagged', count, false);
const bareTagged = await measure('(a) bare, 20 per page.pdf, 2 pages, pdf-lib split, tagged', count, batched(true));
verify('(a) tagged', count, false);
const bestBare = Math.max(bareUntagged, bareTagged);

// 3. (a′) bare puppeteer, one page.pdf per document, 3 pages
await measure("(a') bare, 1 browser, 3 pages, one page.pdf per document", count, async (onDone) => {
  const browser = await launch();
  try {
    const pages = await Promise.all([0, 1, 2].map(() => browser.newPage()));
    let next = 0;
    await Promise.all(
      pages.map(async (page) => {
        while (next < count) {
          const i = next++;
          writeFileSync(join(out, docs[i].file), await pdfOf(page, bareHtml[i]));
          onDone();
        }
      }),
    );
  } finally {
    await browser.close();
  }
});
verify("(a')", count, true);

// 4. (b) a new browser per document
const few = Math.min(20, count);
const perDocument = await measure('(b) new browser per document', few, async (onDone) => {
  for (let i = 0; i < few; i++) {
    const browser = await launch();
    try {
      writeFileSync(join(out, docs[i].file), await pdfOf(browser, bareHtml[i]));
    } finally {
      await browser.close();
    }
    onDone();
  }
});
console.log(`(b) extrapolated to ${count} forms: ${(count / perDocument).toFixed(0)} s`);
console.log(
  `bagalau ÷ best (a) = ${(ours / bestBare).toFixed(2)}× (goal ≥ 0.8×); bagalau ÷ (b) = ${(ours / perDocument).toFixed(1)}× (goal ≥ 10×)`,
);
rmSync(out, { recursive: true, force: true });
