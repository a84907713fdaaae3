// What the forms benchmarks share (bench/forms.ts, bench/render-cli.ts): the memory of a
// process tree (Node and the Chromium under it), and the best bare-puppeteer approach "(a)"
// that bagalau's printer is measured against: one Chromium, a pool of 2 pages, the documents
// concatenated 20 per page.setContent + page.pdf call (fonts inlined as data: URLs, each
// document starting on a new page), each batch's PDF split back into one PDF per document
// with pdf-lib at the named destination of its first page. Bare puppeteer does not renumber:
// the page numbers stay those of the batch.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import puppeteer from 'puppeteer';
import { CHROMIUM_ARGS, findChromium } from '../src/forms/browser.js';
import { FORMS_ORIGIN, tinosFonts } from '../src/forms/fonts.js';
import type { PlannedDocument } from '../src/forms/render.js';
import { renderDocument } from '../src/forms/templates.js';

/**
 * The memory (bytes) of a process and every process under it (Chromium and its renderers):
 * `rss`, the sum of their resident sets (pages shared between Chromium's processes counted in
 * each, as bench/forms.ts has always reported), `pss`, the sum of their proportional sets
 * (each shared page divided among its sharers: what the tree really occupies), and `own`,
 * the RSS of the root process alone (Node).
 */
export function memoryOfTree(root = process.pid, withPss = false): { rss: number; pss: number; own: number } {
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
  const total = { rss: 0, pss: 0, own: 0 };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      total.rss += rss;
      if (pid === root) total.own = rss;
      if (withPss) total.pss += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The summed RSS of a process tree (memoryOfTree). */
export const rssOfTree = (root = process.pid): number => memoryOfTree(root).rss;

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

let inline: Map<string, string> | undefined;
/** A document of templates.ts for bare puppeteer, which has no request interception: the fonts inlined as data: URLs. */
export function bare(html: string): string {
  inline ??= new Map(tinosFonts().map((f) => [`${FORMS_ORIGIN}/fonts/${f.file}`, `data:font/woff2;base64,${f.data.toString('base64')}`]));
  return html
    .replace(/<link rel="preload"[^>]*>\n?/g, '')
    .replace(new RegExp(`${FORMS_ORIGIN}/fonts/[\\w.-]+`, 'g'), (url) => inline!.get(url)!);
}

export const launchBare = () => puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });

/** The documents as one: each starts on a new page (.form + .form) and is the target of a hidden link, so Chromium writes a named destination at its first page. */
export function batchHtml(docs: PlannedDocument[]): string {
  let k = 0;
  return bare(renderDocument(docs.flatMap((d) => d.views)))
    .replace(/<section class="form/g, () => `<section id="doc-${k++}" class="form`)
    .replace('</body>', `<nav style="display: none">${docs.map((_, j) => `<a href="#doc-${j}"></a>`).join('')}</nav></body>`);
}

/** The batch's PDF cut at the named destinations doc-0 … doc-(n-1): one PDF per document. */
export async function splitAtDestinations(pdf: Uint8Array, documents: number): Promise<Uint8Array[]> {
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

/**
 * (a): prints one-form documents into `out`, `batch` per page.pdf on `pages` pages. Documents
 * are batched in their order with those of the same page style (the confidentiality mark and
 * the page word are the document's @page rules, one per HTML document), so a batch of mixed
 * forms prints each with its own.
 */
export async function printBareBatched(
  docs: PlannedDocument[],
  out: string,
  options: { tagged?: boolean; batch?: number; pages?: number; onDone?: () => void } = {},
): Promise<void> {
  const size = options.batch ?? 20;
  const groups = new Map<string, PlannedDocument[]>();
  for (const doc of docs) {
    const key = `${doc.views[0].mark ?? ''}\u0000${doc.views[0].pageWord ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  const batches: PlannedDocument[][] = [];
  for (const group of groups.values()) for (let i = 0; i < group.length; i += size) batches.push(group.slice(i, i + size));
  const browser = await launchBare();
  try {
    const pages = await Promise.all(Array.from({ length: options.pages ?? 2 }, () => browser.newPage()));
    let next = 0;
    await Promise.all(
      pages.map(async (page) => {
        while (next < batches.length) {
          const batch = batches[next++];
          await page.setContent(batchHtml(batch), { waitUntil: 'load' });
          const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: options.tagged ?? false });
          const split = await splitAtDestinations(pdf, batch.length);
          split.forEach((bytes, k) => {
            writeFileSync(join(out, batch[k].file), bytes);
            options.onDone?.();
          });
        }
      }),
    );
  } finally {
    await browser.close();
  }
}

/** What poppler reads in a PDF: its page count, its text (layout) and its fonts (name, embedded). */
export function readPdf(file: string): { pages: number; text: string; fonts: { name: string; embedded: boolean }[] } {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((f) => ({ name: f[0], embedded: f[f.length - 5] === 'yes' }));
  return { pages, text, fonts };
}

/** Only Tinos, embedded (a subset: "ABCDEF+Tinos-Regular"). */
export const onlyTinos = (fonts: { name: string; embedded: boolean }[]) =>
  fonts.every((f) => /^[A-Z]{6}\+Tinos-(Regular|Bold)$/.test(f.name) && f.embedded);
