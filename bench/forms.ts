// Benchmark of the forms printer: `npx tsx bench/forms.ts [count]` (default 1000).
// Prints the same filled two-page form (annex 4 of the test fixture, a different name on
// each copy) with
//   1. bagalau's FormPrinter: one Chromium, a pool of 3 reused pages, JavaScript off,
//      fonts answered from memory through request interception, atomic writes;
//   2. (a) the best bare-puppeteer approach (bench/bare.ts): one Chromium, a pool of 2 pages, the documents
//      concatenated 20 per page.setContent + page.pdf call (fonts inlined as data: URLs, each
//      document starting on a new page), each batch's PDF split back into one PDF per
//      document with pdf-lib at the named destination of its first page; tagged and untagged
//      (the page numbers stay those of the batch: bare puppeteer does not renumber);
//   3. (a′) bare puppeteer, one page.pdf per document on a pool of 3 pages;
//   4. (b) a new Chromium per document (20 documents, extrapolated).
// Then checks the PDFs each approach wrote (pages, text, fonts) on a sample.
// and reports forms per second and the peak RSS of Node plus Chromium, sampled every 100 ms.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { loadCalendar } from '../src/calendar/index.js';
import { evaluate } from '../src/engine/index.js';
import { FormPrinter } from '../src/forms/printer.js';
import { planDocuments, renderDocuments, type PlannedDocument } from '../src/forms/render.js';
import { renderDocument } from '../src/forms/templates.js';
import { loadEvaluationInput } from '../src/input/loadEvaluationInput.js';
import { loadResolved } from '../src/methodology/index.js';
import { bare, launchBare, onlyTinos, printBareBatched, readPdf, rssOfTree } from './bare.js';

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

/** Checks a sample of the PDFs written: two pages, the copy's name, only Tinos embedded, and (bagalau) page numbers per form. */
function verify(name: string, n: number, perForm: boolean) {
  const sample = [...new Set([0, 1, Math.floor(n / 2), n - 1, ...Array.from({ length: 16 }, (_, k) => Math.floor((k * n) / 16))])].filter(
    (i) => i < n,
  );
  const problems: string[] = [];
  for (const i of sample) {
    const { pages, text, fonts } = readPdf(join(out, docs[i].file));
    if (pages !== 2) problems.push(`${docs[i].file}: ${pages} pages`);
    if (!text.includes(`Сәкенқызы ${i + 1}\n`) && !text.includes(`Сәкенқызы ${i + 1} `)) problems.push(`${docs[i].file}: not its name`);
    if (!onlyTinos(fonts)) problems.push(`${docs[i].file}: fonts ${fonts.map((f) => f.name).join(' ')}`);
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
const bareHtml = htmls.map(bare);
const pdfOf = async (browserOrPage: Browser | Page, html: string) => {
  const page = 'newPage' in browserOrPage ? await browserOrPage.newPage() : browserOrPage;
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
};

// 2. (a) bare puppeteer, batches of 20 documents per page.pdf on 2 pages, split with pdf-lib (bench/bare.ts)
const batched = (tagged: boolean) => (onDone: () => void) => printBareBatched(docs, out, { tagged, onDone });
const bareUntagged = await measure('(a) bare, 20 per page.pdf, 2 pages, pdf-lib split, untagged', count, batched(false));
verify('(a) untagged', count, false);
const bareTagged = await measure('(a) bare, 20 per page.pdf, 2 pages, pdf-lib split, tagged', count, batched(true));
verify('(a) tagged', count, false);
const bestBare = Math.max(bareUntagged, bareTagged);

// 3. (a′) bare puppeteer, one page.pdf per document, 3 pages
await measure("(a') bare, 1 browser, 3 pages, one page.pdf per document", count, async (onDone) => {
  const browser = await launchBare();
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
    const browser = await launchBare();
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
