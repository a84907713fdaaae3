// Prints HTML documents to PDF with one Chromium for a whole batch and a small pool of
// reused pages. Every page has JavaScript disabled and request interception on: the
// document itself and the Tinos fonts are answered from memory, every other request is
// blocked, so a form never reaches the network nor the machine's fonts. Documents given
// together (pdfs, writePdfs) are printed up to `batchSize` per page.pdf call and split
// back into one PDF per document (batch.ts): page.pdf costs about 40 ms per call.
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { assertOnlyTinos, batchBody, documentMeta, documentParts, splitBatch, withInfo, type DocumentParts } from './batch.js';
import { launchChromium, findChromium } from './browser.js';
import { writeAtomically } from '../io/files.js';
import { FORMS_ORIGIN, fontForPath, tinosFonts } from './fonts.js';

export interface PrinterOptions {
  /** Pages in the pool (2–4 is plenty: Chromium prints one document at a time per renderer). */
  pages?: number;
  executablePath?: string;
  /** Replace a page after this many documents, so that memory stays flat over long batches. */
  recycleAfter?: number;
  /** Documents per page.pdf call in pdfs/writePdfs (default 20; 1 prints each document alone). */
  batchSize?: number;
  /**
   * Tag the documents printed in batches too (default false): the batch is printed tagged and
   * each document keeps its part of the structure tree when it is split (batch.ts). It costs
   * about a quarter of the throughput (docs/forms.md), so batches are untagged unless asked;
   * a document printed alone is always tagged.
   */
  tagBatches?: boolean;
}

interface PooledPage {
  page: Page;
  used: number;
  /** The @font-face rules of the document the page holds: a document with the same ones is swapped in without a navigation. */
  fonts?: string;
}

/** The parts of a document made by templates.ts that change from one document to the next. */
function splitDocument(html: string): { fonts: string; style: string; body: string; title: string } | undefined {
  const fonts = /<style id="fonts">([\s\S]*?)<\/style>/.exec(html)?.[1];
  const style = /<style id="document">([\s\S]*?)<\/style>/.exec(html)?.[1];
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1];
  const title = documentMeta(html).title;
  return fonts !== undefined && style !== undefined && body !== undefined ? { fonts, style, body, title } : undefined;
}

export class FormPrinter {
  private readonly idle: PooledPage[] = [];
  private readonly waiting: ((p: PooledPage) => void)[] = [];
  private readonly documents = new Map<string, string>();
  private counter = 0;
  private closed = false;

  private constructor(
    readonly browser: Browser,
    private readonly recycleAfter: number,
    readonly batchSize: number,
    readonly tagBatches: boolean,
  ) {}

  static async launch(options: PrinterOptions = {}): Promise<FormPrinter> {
    const size = Math.max(1, Math.min(8, options.pages ?? 3));
    tinosFonts(); // read the fonts before the first request needs them
    const browser = await launchChromium(options.executablePath ?? findChromium());
    const printer = new FormPrinter(
      browser,
      options.recycleAfter ?? 250,
      Math.max(1, options.batchSize ?? 20),
      options.tagBatches ?? false,
    );
    try {
      for (let i = 0; i < size; i++) printer.idle.push({ page: await printer.newPage(), used: 0 });
    } catch (error) {
      await browser.close();
      throw error;
    }
    return printer;
  }

  private async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      void this.answer(request);
    });
    return page;
  }

  private async answer(request: HTTPRequest): Promise<void> {
    try {
      const url = new URL(request.url());
      if (url.origin === FORMS_ORIGIN) {
        const doc = url.pathname.startsWith('/doc/') ? this.documents.get(url.pathname.slice(5)) : undefined;
        if (doc !== undefined) {
          await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: doc });
          return;
        }
        const font = fontForPath(url.pathname);
        if (font) {
          await request.respond({
            status: 200,
            contentType: 'font/woff2',
            headers: { 'Access-Control-Allow-Origin': '*' },
            body: font.data,
          });
          return;
        }
      }
      await request.abort('blockedbyclient');
    } catch {
      // the page was closed or the request already handled: nothing to answer
    }
  }

  private acquire(): Promise<PooledPage> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async release(pooled: PooledPage, broken = false): Promise<void> {
    if (this.closed) return;
    let next = pooled;
    if (broken || pooled.used >= this.recycleAfter) {
      await pooled.page.close().catch(() => undefined);
      next = { page: await this.newPage(), used: 0 };
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(next);
    else this.idle.push(next);
  }

  /**
   * The PDF of one HTML document, tagged, with its Info (title, author, subject, creator). A
   * document of several forms (a unit's bundle) is printed as a batch of one, so that each of
   * its forms is numbered on its own ("1 / 2 бет" of the form, not of the bundle).
   */
  async pdf(html: string): Promise<Uint8Array> {
    const parts = documentParts(html);
    if (parts && parts.forms > 1) return (await this.printBatch([parts]))[0];
    return withInfo(assertOnlyTinos(await this.print(html, 1, true)), documentMeta(html));
  }

  /** Documents with the same head in one page.pdf, split back into one PDF each, every form numbered on its own. */
  private async printBatch(parts: DocumentParts[]): Promise<Uint8Array[]> {
    const forms = parts.reduce((n, p) => n + p.forms, 0);
    const batch = await this.print(parts[0].head + batchBody(parts) + '</body>\n</html>\n', forms, this.tagBatches);
    assertOnlyTinos(batch);
    return splitBatch(batch, parts);
  }

  /**
   * The PDFs of several documents: those with the same head are printed `batchSize` per
   * page.pdf call and split (untagged PDFs); the others, or a batch that cannot be split,
   * one by one.
   */
  async pdfs(htmls: string[]): Promise<Uint8Array[]> {
    const results = new Array<Uint8Array>(htmls.length);
    const groups = new Map<string, { index: number; parts: DocumentParts }[]>();
    const alone: number[] = [];
    htmls.forEach((html, index) => {
      const parts = this.batchSize > 1 ? documentParts(html) : undefined;
      if (!parts) {
        alone.push(index);
        return;
      }
      const group = groups.get(parts.head) ?? [];
      group.push({ index, parts });
      groups.set(parts.head, group);
    });
    const tasks: Promise<void>[] = alone.map(async (i) => {
      results[i] = await this.pdf(htmls[i]);
    });
    for (const group of groups.values()) {
      for (let start = 0; start < group.length; start += this.batchSize) {
        const chunk = group.slice(start, start + this.batchSize);
        tasks.push(
          (async () => {
            // a lone one-form document is printed alone (tagged); several, or a bundle of forms, as a batch
            if (chunk.length > 1 || chunk[0].parts.forms > 1) {
              let split: Uint8Array[] | undefined;
              try {
                split = await this.printBatch(chunk.map((c) => c.parts));
              } catch (error) {
                // not the page layout the batch expects: print these documents one by one
                if (chunk.length === 1) throw error;
              }
              if (split) {
                chunk.forEach((c, k) => {
                  results[c.index] = split[k];
                });
                return;
              }
            }
            await Promise.all(
              chunk.map(async (c) => {
                results[c.index] = await this.pdf(htmls[c.index]);
              }),
            );
          })(),
        );
      }
    }
    await Promise.all(tasks);
    return results;
  }

  private async print(html: string, documents: number, tagged: boolean): Promise<Uint8Array> {
    if (this.closed) throw new Error('the printer is closed');
    const pooled = await this.acquire();
    const id = String(++this.counter);
    this.documents.set(id, html);
    let broken = false;
    try {
      const parts = splitDocument(html);
      if (parts && pooled.fonts === parts.fonts) {
        // Same fonts as the page already holds: swap the style and the body in through the
        // DevTools protocol (the page's own scripts stay disabled) instead of navigating,
        // so the fonts are neither fetched nor parsed again.
        await pooled.page.evaluate(async (p) => {
          document.getElementById('document')!.textContent = p.style;
          document.body.innerHTML = p.body;
          document.title = p.title; // (decoded: the PDF's Info is written by bagalau anyway)
          await document.fonts.ready;
        }, parts);
      } else {
        await pooled.page.goto(`${FORMS_ORIGIN}/doc/${id}`, { waitUntil: 'load', timeout: 60_000 });
        pooled.fonts = parts?.fonts;
      }
      pooled.used += documents;
      // Size, margins, page numbers and the confidentiality mark come from the print CSS
      // (@page and its margin boxes), which Chromium renders with the page's own fonts;
      // puppeteer's header/footer templates would be drawn in a system font.
      // A batch is split with pdf-lib, which keeps no structure tree: it is printed untagged.
      return await pooled.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, timeout: 60_000 });
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      this.documents.delete(id);
      await this.release(pooled, broken);
    }
  }

  /** Prints and writes the PDF atomically (temporary file, then rename). */
  async writePdf(html: string, file: string): Promise<void> {
    const bytes = await this.pdf(html);
    writeAtomically(file, bytes);
  }

  /** Prints several documents (see pdfs) and writes each PDF atomically. */
  async writePdfs(documents: { html: string; file: string }[]): Promise<void> {
    const bytes = await this.pdfs(documents.map((d) => d.html));
    documents.forEach((d, i) => writeAtomically(d.file, bytes[i]));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close();
  }
}
