// Several documents printed with one page.pdf, then split back into one PDF per document.
//
// Chromium's page.pdf costs about 40 ms per call beyond the pages it prints, so printing
// 20 documents at once is much cheaper than 20 calls. But CSS page-margin boxes count the
// pages of the whole printed document, and CSS cannot reset `counter(pages)` per form: the
// batch is printed without the page numbers ("N / M бет"), and each document's pages are
// numbered afterwards with pdf-lib, in the Tinos that Chromium embedded, at the place of
// the layout's `@bottom-center` box. The confidentiality mark needs nothing: it is a
// margin box of the form's named page, the same in a batch as alone.
//
// - Documents are batched only with documents of the same head (fonts and document style).
// - Each document is a block that starts on a new page, with an id that a hidden link
//   points to, so Chromium writes a named destination (/Dests) at its first page: that is
//   where the batch is split. A last page holds the glyphs of the page numbers (digits,
//   " / ", the page word) in regular Tinos, so that Chromium's font subsets contain them;
//   it is dropped.
// - A document whose page-number box is not the layout's (`counter(page) " / "
//   counter(pages) "word"` at the bottom centre) is not batched: `prepareBatch` returns
//   undefined and the printer prints it alone.
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream,
  beginText, decodePDFRawStream, endText, popGraphicsState, pushGraphicsState, setFillingGrayscaleColor,
  setFontAndSize, setTextMatrix, showText, type PDFOperator,
} from 'pdf-lib';

/** The parts of a document made by templates.ts. */
export interface DocumentParts {
  /** Everything up to and including <body>, the style of the page numbers removed. */
  head: string;
  /** The @font-face rules (the printer swaps documents with the same ones into a page). */
  fonts: string;
  body: string;
  title: string;
  numbers: PageNumberStyle;
}

/** Where and how the layout prints "N / M word": its @bottom-center box. */
export interface PageNumberStyle {
  /** Font size in points. */
  size: number;
  /** The text after the numbers, e.g. " бет". */
  suffix: string;
  /** Page margins in points (top, right, bottom, left) for portrait and landscape pages. */
  portrait: number[];
  landscape: number[];
}

const MM = 72 / 25.4;
const BOTTOM_CENTER = /@bottom-center\s*\{\s*content:\s*counter\(page\) " \/ " counter\(pages\)(?: "([^"\\<]*)")?;\s*font-family:\s*'Tinos';\s*font-size:\s*([\d.]+)pt;\s*\}/;

function margins(value: string | undefined): number[] | undefined {
  const parts = value?.trim().split(/\s+/).map((p) => /^([\d.]+)mm$/.exec(p)?.[1]);
  if (!parts || parts.length !== 4 || parts.some((p) => p === undefined)) return undefined;
  return parts.map((p) => Number(p) * MM);
}

/** The parts of a document, or undefined when it cannot be batched. */
export function documentParts(html: string): DocumentParts | undefined {
  const fonts = /<style id="fonts">([\s\S]*?)<\/style>/.exec(html)?.[1];
  const styleMatch = /<style id="document">([\s\S]*?)<\/style>/.exec(html);
  const bodyMatch = /<body>([\s\S]*)<\/body>/.exec(html);
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
  if (fonts === undefined || !styleMatch || !bodyMatch) return undefined;
  const style = styleMatch[1];
  const numbers = BOTTOM_CENTER.exec(style);
  // the default page (portrait) and the landscape pages, as the layout writes them
  const portrait = margins(/@page\s*\{\s*size:\s*A4 portrait;\s*margin:\s*([^;]+);/.exec(style)?.[1]);
  const landscapes = [...style.matchAll(/@page\s+[\w-]+\s*\{\s*size:\s*A4 landscape;\s*margin:\s*([^;]+);/g)].map((m) => m[1].trim());
  if (!numbers || !portrait || landscapes.length === 0 || new Set(landscapes).size !== 1) return undefined;
  // named portrait pages must not have margins of their own
  if (/@page\s+[\w-]+\s*\{\s*size:\s*A4 portrait;\s*margin/.test(style)) return undefined;
  const landscape = margins(landscapes[0]);
  if (!landscape) return undefined;
  const strippedStyle = style.replace(BOTTOM_CENTER, '');
  const head = html.slice(0, styleMatch.index) + `<style id="document">${strippedStyle}</style>` + html.slice(styleMatch.index + styleMatch[0].length, bodyMatch.index) + '<body>';
  return { head, fonts, body: bodyMatch[1], title, numbers: { size: Number(numbers[2]), suffix: numbers[1] ?? '', portrait, landscape } };
}

export const BATCH_GLYPHS_ID = 'bagalau-glyphs';
const docId = (i: number) => `bagalau-doc-${i}`;

/** The style and body of the batch of documents (all with the same head). */
export function batchBody(parts: DocumentParts[]): string {
  const { size, suffix } = parts[0].numbers;
  return '<style>.bagalau-doc + .bagalau-doc, #bagalau-glyphs { break-before: page; }</style>\n' +
    parts.map((p, i) => `<div class="bagalau-doc" id="${docId(i)}">${p.body}</div>\n`).join('') +
    `<div id="${BATCH_GLYPHS_ID}" style="font-family: 'Tinos'; font-weight: 400; font-size: ${size}pt">0123456789 /${suffix}</div>\n` +
    `<nav style="display: none">${parts.map((_, i) => `<a href="#${docId(i)}"></a>`).join('')}<a href="#${BATCH_GLYPHS_ID}"></a></nav>\n`;
}

interface Glyph { font: number; cid: number; width: number }

/** The regular Tinos fonts of a page: for each character, which font and CID draws it, and how wide it is. */
function regularTinos(doc: PDFDocument, resources: PDFDict): { refs: PDFRef[]; glyphs: Map<string, Glyph> } {
  const fonts = resources.lookup(PDFName.of('Font'), PDFDict);
  const refs: PDFRef[] = [];
  const glyphs = new Map<string, Glyph>();
  for (const [, ref] of fonts.entries()) {
    if (!(ref instanceof PDFRef)) continue;
    const font = doc.context.lookup(ref, PDFDict);
    if (!/^(?:[A-Z]{6}\+)?Tinos-Regular$/.test(font.get(PDFName.of('BaseFont'))?.toString().slice(1) ?? '')) continue;
    if (font.get(PDFName.of('Encoding'))?.toString() !== '/Identity-H') continue;
    const cidFont = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const widths = new Map<number, number>();
    const w = cidFont.lookup(PDFName.of('W'));
    const dw = (cidFont.lookup(PDFName.of('DW')) as PDFNumber | undefined)?.asNumber() ?? 1000;
    if (w instanceof PDFArray) {
      for (let i = 0; i < w.size();) {
        const first = (w.lookup(i) as PDFNumber).asNumber();
        const next = w.lookup(i + 1);
        if (next instanceof PDFArray) {
          for (let j = 0; j < next.size(); j++) widths.set(first + j, (next.lookup(j) as PDFNumber).asNumber());
          i += 2;
        } else {
          const last = (next as PDFNumber).asNumber();
          const width = (w.lookup(i + 2) as PDFNumber).asNumber();
          for (let c = first; c <= last; c++) widths.set(c, width);
          i += 3;
        }
      }
    }
    const toUnicode = font.lookup(PDFName.of('ToUnicode'));
    if (!(toUnicode instanceof PDFStream)) continue;
    const cmap = Buffer.from(toUnicode instanceof PDFRawStream ? decodePDFRawStream(toUnicode).decode() : toUnicode.getContents()).toString('latin1');
    const index = refs.push(ref) - 1;
    const add = (cid: number, unicode: number) => {
      const char = String.fromCodePoint(unicode);
      if (!glyphs.has(char)) glyphs.set(char, { font: index, cid, width: widths.get(cid) ?? dw });
    };
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>/g)) add(parseInt(m[1], 16), parseInt(m[2], 16));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*(?:<([0-9A-Fa-f]{4})>|\[([^\]]*)\])/g)) {
        const lo = parseInt(m[1], 16);
        const hi = parseInt(m[2], 16);
        const list = m[4]?.match(/[0-9A-Fa-f]{4}/g);
        for (let c = lo; c <= hi; c++) add(c, list ? parseInt(list[c - lo], 16) : parseInt(m[3], 16) + c - lo);
      }
    }
  }
  return { refs, glyphs };
}

/**
 * Splits a batch's PDF into one PDF per document and numbers each document's pages
 * "N / M word" where the layout's @bottom-center box would have.
 */
export async function splitBatch(pdf: Uint8Array, parts: DocumentParts[]): Promise<Uint8Array[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
  const startOf = (id: string) => {
    const dest = dests.lookup(PDFName.of(id), PDFArray);
    const index = pageIndex.get(dest.get(0).toString());
    if (index === undefined) throw new Error(`batch: the destination ${id} is not a page`);
    return index;
  };
  const starts = parts.map((_, i) => startOf(docId(i)));
  const glyphPage = startOf(BATCH_GLYPHS_ID);
  starts.push(glyphPage);
  if (starts[0] !== 0 || glyphPage !== pages.length - 1 || starts.some((s, i) => i > 0 && s <= starts[i - 1])) {
    throw new Error(`batch: unexpected page layout (documents start at pages ${starts.join(', ')} of ${pages.length})`);
  }
  const { refs, glyphs } = regularTinos(doc, pages[glyphPage].node.Resources()!);
  const { size, suffix } = parts[0].numbers;

  parts.forEach((part, d) => {
    const total = starts[d + 1] - starts[d];
    for (let n = 1; n <= total; n++) {
      const page = pages[starts[d] + n - 1];
      const text = `${n} / ${total}${suffix}`;
      const runs: { font: number; hex: string }[] = [];
      let width = 0;
      for (const char of text) {
        const glyph = glyphs.get(char);
        if (!glyph) throw new Error(`batch: no glyph for "${char}" in the embedded Tinos`);
        width += glyph.width * size / 1000;
        const hex = glyph.cid.toString(16).padStart(4, '0');
        if (runs.at(-1)?.font === glyph.font) runs.at(-1)!.hex += hex;
        else runs.push({ font: glyph.font, hex });
      }
      const { width: pageWidth, height: pageHeight } = page.getSize();
      const [, right, bottom, left] = pageWidth > pageHeight ? part.numbers.landscape : part.numbers.portrait;
      const x = left + (pageWidth - left - right - width) / 2;
      // the margin box centres the line vertically in the bottom margin
      const y = bottom / 2 - size * BASELINE_BELOW_MIDDLE;
      page.node.normalize();
      const names = refs.map((ref, i) => {
        const name = PDFName.of(`BagalauPageNumber${i}`);
        page.node.setFontDictionary(name, ref);
        return name;
      });
      const operators: PDFOperator[] = [popGraphicsState(), pushGraphicsState(), beginText(), setFillingGrayscaleColor(0), setTextMatrix(1, 0, 0, 1, x, y)];
      for (const run of runs) operators.push(setFontAndSize(names[run.font], size), showText(PDFHexString.of(run.hex)));
      operators.push(endText(), popGraphicsState());
      page.node.wrapContentStreams(doc.context.register(doc.context.contentStream([pushGraphicsState()])), doc.context.register(doc.context.contentStream(operators)));
    }
  });

  const producer = doc.getProducer();
  const creator = doc.getCreator();
  return Promise.all(parts.map(async (part, d) => {
    const out = await PDFDocument.create({ updateMetadata: false });
    const copied = await out.copyPages(doc, Array.from({ length: starts[d + 1] - starts[d] }, (_, k) => starts[d] + k));
    for (const page of copied) out.addPage(page);
    out.setTitle(decodeEntities(part.title));
    if (producer) out.setProducer(producer);
    if (creator) out.setCreator(creator);
    return out.save({ useObjectStreams: false });
  }));
}

/**
 * Baseline below the middle of the bottom margin, in ems: where Chromium 156 puts the line
 * of a vertically centred margin box in Tinos (measured: 0.26 em on the portrait pages,
 * 0.38 em on the landscape ones, whose margin is 3 mm less; Chromium snaps the baseline to
 * whole CSS pixels). Within 0.6 pt of Chromium's own place.
 */
const BASELINE_BELOW_MIDDLE = 0.32;

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`' })[e]!);
}
