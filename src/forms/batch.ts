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
import { readFileSync } from 'node:fs';
import {
  PDFArray,
  PDFBool,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  ParseSpeeds,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  beginMarkedContent,
  beginText,
  decodePDFRawStream,
  endMarkedContent,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type PDFObject,
  type PDFOperator,
} from 'pdf-lib';

/** The parts of a document made by templates.ts. */
export interface DocumentParts {
  /** Everything up to and including <body>, the style of the page numbers and the Info (title, author, subject) removed: the key of a batch. */
  head: string;
  /** The @font-face rules (the printer swaps documents with the same ones into a page). */
  fonts: string;
  body: string;
  title: string;
  numbers: PageNumberStyle;
  /** The forms in the document (each numbered on its own: "1 / 2 бет" is of its form). */
  forms: number;
  /** The PDF's Info, from <title> and <meta name="author|subject">. */
  meta: PdfMeta;
}

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
}

/** A form of a document starts with this element (templates/layout.hbs). */
const FORM_START = /<section class="form /g;

/** The Info of a document: <title>, <meta name="author">, <meta name="subject">, their entities decoded. */
export function documentMeta(html: string): PdfMeta {
  const head = html.slice(0, html.indexOf('<body>') >>> 0);
  const meta = (name: string) => decodeEntities(new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(head)?.[1] ?? '');
  return { title: decodeEntities(/<title>([\s\S]*?)<\/title>/.exec(head)?.[1] ?? ''), author: meta('author'), subject: meta('subject') };
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
const BOTTOM_CENTER =
  /@bottom-center\s*\{\s*content:\s*counter\(page\) " \/ " counter\(pages\)(?: "([^"\\<]*)")?;\s*font-family:\s*'Tinos';\s*font-size:\s*([\d.]+)pt;\s*\}/;

function margins(value: string | undefined): number[] | undefined {
  const parts = value
    ?.trim()
    .split(/\s+/)
    .map((p) => /^([\d.]+)mm$/.exec(p)?.[1]);
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
  // Without the document's own Info (title, author, subject: each PDF gets its own from
  // `meta` when the batch is split), so that the forms of different people, which differ
  // in nothing else, share a head and are printed in one batch.
  const head = withoutInfo(
    html.slice(0, styleMatch.index) +
      `<style id="document">${strippedStyle}</style>` +
      html.slice(styleMatch.index + styleMatch[0].length, bodyMatch.index) +
      '<body>',
  );
  const forms = bodyMatch[1].match(FORM_START)?.length ?? 0;
  if (forms === 0) return undefined;
  return {
    head,
    fonts,
    body: bodyMatch[1],
    title,
    numbers: { size: Number(numbers[2]), suffix: numbers[1] ?? '', portrait, landscape },
    forms,
    meta: documentMeta(html),
  };
}

/** A head with its <title> and <meta name="author|subject"> emptied. */
function withoutInfo(head: string): string {
  return head
    .replace(/<title>[\s\S]*?<\/title>/, '<title></title>')
    .replace(/(<meta name="(?:author|subject)" content=")[^"]*(">)/g, '$1$2');
}

export const BATCH_GLYPHS_ID = 'bagalau-glyphs';
const formId = (doc: number, form: number) => `bagalau-doc-${doc}-form-${form}`;

/** The style and body of the batch of documents (all with the same head); every form is the target of a hidden link. */
export function batchBody(parts: DocumentParts[]): string {
  const { size, suffix } = parts[0].numbers;
  const bodies = parts.map((p, i) => {
    let k = 0;
    return `<div class="bagalau-doc">${p.body.replace(FORM_START, (start) => `<section id="${formId(i, k++)}" ${start.slice('<section '.length)}`)}</div>\n`;
  });
  const links = parts.flatMap((p, i) => Array.from({ length: p.forms }, (_, k) => `<a href="#${formId(i, k)}"></a>`));
  return (
    '<style>.bagalau-doc + .bagalau-doc, #bagalau-glyphs { break-before: page; }</style>\n' +
    bodies.join('') +
    `<div id="${BATCH_GLYPHS_ID}" style="font-family: 'Tinos'; font-weight: 400; font-size: ${size}pt">0123456789 /${suffix}</div>\n` +
    `<nav style="display: none">${links.join('')}<a href="#${BATCH_GLYPHS_ID}"></a></nav>\n`
  );
}

interface Glyph {
  font: number;
  cid: number;
  width: number;
}

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
    const cmap = Buffer.from(toUnicode instanceof PDFRawStream ? decodePDFRawStream(toUnicode).decode() : toUnicode.getContents()).toString(
      'latin1',
    );
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
  // (parsed in one go: the default yields to the event loop every hundred objects)
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = doc.catalog.lookup(PDFName.of('Dests'), PDFDict);
  const startOf = (id: string) => {
    const dest = dests.lookup(PDFName.of(id), PDFArray);
    const index = pageIndex.get(dest.get(0).toString());
    if (index === undefined) throw new Error(`batch: the destination ${id} is not a page`);
    return index;
  };
  // the first page of every form, in order, then the page of the glyphs
  const forms = parts.flatMap((p, d) => Array.from({ length: p.forms }, (_, k) => ({ doc: d, start: startOf(formId(d, k)) })));
  const glyphPage = startOf(BATCH_GLYPHS_ID);
  const formStarts = [...forms.map((f) => f.start), glyphPage];
  if (formStarts[0] !== 0 || glyphPage !== pages.length - 1 || formStarts.some((s, i) => i > 0 && s <= formStarts[i - 1])) {
    throw new Error(`batch: unexpected page layout (forms start at pages ${formStarts.join(', ')} of ${pages.length})`);
  }
  // documents start at their first form
  const starts = [...parts.map((_, d) => forms.find((f) => f.doc === d)!.start), glyphPage];
  const { refs, glyphs } = regularTinos(doc, pages[glyphPage].node.Resources()!);
  const { size, suffix } = parts[0].numbers;

  const names = refs.map((_, i) => PDFName.of(`BagalauPageNumber${i}`));
  const push = doc.context.register(PDFContentStream.of(doc.context.obj({}), [pushGraphicsState()], false));
  // each form's pages numbered on their own, also inside a document of several forms
  forms.forEach((form, f) => {
    const part = parts[form.doc];
    const total = formStarts[f + 1] - form.start;
    for (let n = 1; n <= total; n++) {
      const page = pages[form.start + n - 1];
      const text = `${n} / ${total}${suffix}`;
      const runs: { font: number; hex: string }[] = [];
      let width = 0;
      for (const char of text) {
        const glyph = glyphs.get(char);
        if (!glyph) throw new Error(`batch: no glyph for "${char}" in the embedded Tinos`);
        width += (glyph.width * size) / 1000;
        const hex = glyph.cid.toString(16).padStart(4, '0');
        if (runs.at(-1)?.font === glyph.font) runs.at(-1)!.hex += hex;
        else runs.push({ font: glyph.font, hex });
      }
      const { width: pageWidth, height: pageHeight } = page.getSize();
      const [, right, bottom, left] = pageWidth > pageHeight ? part.numbers.landscape : part.numbers.portrait;
      const x = left + (pageWidth - left - right - width) / 2;
      // the margin box centres the line vertically in the bottom margin
      const y = bottom / 2 - size * BASELINE_BELOW_MIDDLE;
      // the page's fonts get the regular Tinos under names of ours (in its own resources, or
      // the ones it shares: the fonts are the same objects on every page of the batch)
      const resources = page.node.Resources()!;
      let fontDict = resources.lookup(PDFName.of('Font'));
      if (!(fontDict instanceof PDFDict)) {
        fontDict = doc.context.obj({});
        resources.set(PDFName.of('Font'), fontDict);
      }
      refs.forEach((ref, i) => (fontDict as PDFDict).set(names[i], ref));
      // a page number is an artifact, not content of the document's structure
      const operators: PDFOperator[] = [
        popGraphicsState(),
        pushGraphicsState(),
        beginMarkedContent('Artifact'),
        beginText(),
        setFillingGrayscaleColor(0),
        setTextMatrix(1, 0, 0, 1, x, y),
      ];
      for (const run of runs) operators.push(setFontAndSize(names[run.font], size), showText(PDFHexString.of(run.hex)));
      operators.push(endText(), endMarkedContent(), popGraphicsState());
      // q, the page's own content, Q and the number (a few bytes: not compressed)
      const contents = page.node.get(PDFName.of('Contents'));
      const own = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
      page.node.set(
        PDFName.of('Contents'),
        doc.context.obj([push, ...own, doc.context.register(PDFContentStream.of(doc.context.obj({}), operators, false))]),
      );
    }
  });

  const producer = doc.getProducer();
  const created = doc.getCreationDate();
  const tree = structureOf(
    doc,
    pages.map((p) => p.ref),
    starts,
  );
  return Promise.all(
    parts.map(async (part, d) => {
      const out = await PDFDocument.create({ updateMetadata: false });
      const indices = Array.from({ length: starts[d + 1] - starts[d] }, (_, k) => starts[d] + k);
      if (tree) copyTagged(doc, out, indices, tree, d);
      else for (const page of await out.copyPages(doc, indices)) out.addPage(page);
      setInfo(out, part.meta, producer);
      if (created) out.setCreationDate(created);
      return out.save({ useObjectStreams: false });
    }),
  );
}

/** A tagged batch's structure tree: its root, the Document element, and which of its children belongs to which document. */
interface BatchStructure {
  root: PDFDict;
  rootRef: PDFRef;
  documentRef: PDFRef;
  document: PDFDict;
  /** The children of the Document element of each document of the batch. */
  children: PDFObject[][];
  /** The parent tree: StructParents key → the structure elements of a page's marked content. */
  parents: Map<number, PDFObject>;
  /** The ID tree: an element's ID → the element. */
  ids: Map<string, PDFObject>;
}

/**
 * The structure tree Chromium writes for a tagged batch — one Document element, whose
 * children are the blocks of the batch's documents in order — with each child assigned to the
 * document whose pages its marked content is on; undefined for an untagged batch.
 */
function structureOf(doc: PDFDocument, pageRefs: PDFRef[], starts: number[]): BatchStructure | undefined {
  const rootRef = doc.catalog.get(PDFName.of('StructTreeRoot'));
  if (!(rootRef instanceof PDFRef)) return undefined;
  const root = doc.context.lookup(rootRef, PDFDict);
  const documentRef = root.get(PDFName.of('K'));
  if (!(documentRef instanceof PDFRef)) throw new Error('batch: the structure tree has no single Document element');
  const document = doc.context.lookup(documentRef, PDFDict);
  const pageIndex = new Map(pageRefs.map((r, i) => [r.toString(), i]));
  const docOf = (page: number) => starts.findIndex((s, d) => d < starts.length - 1 && page >= s && page < starts[d + 1]);
  // the first page an element's marked content is on
  const firstPage = (object: PDFObject | undefined, inherited?: PDFObject): number | undefined => {
    const value = object instanceof PDFRef ? doc.context.lookup(object) : object;
    if (value instanceof PDFNumber) return inherited ? pageIndex.get(inherited.toString()) : undefined;
    if (value instanceof PDFArray) {
      for (const item of value.asArray()) {
        const p = firstPage(item, inherited);
        if (p !== undefined) return p;
      }
      return undefined;
    }
    if (!(value instanceof PDFDict)) return undefined;
    const pg = value.get(PDFName.of('Pg')) ?? inherited;
    if (value.get(PDFName.of('Type'))?.toString() === '/MCR' || value.get(PDFName.of('Type'))?.toString() === '/OBJR')
      return pg ? pageIndex.get(pg.toString()) : undefined;
    return firstPage(value.get(PDFName.of('K')), pg);
  };
  const kids = document.get(PDFName.of('K'));
  const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
  const children: PDFObject[][] = starts.slice(0, -1).map(() => []);
  for (const kid of list) {
    const page = firstPage(kid);
    const d = page === undefined ? -1 : docOf(page);
    // (the page of the glyphs, and elements without content, belong to no document)
    if (d >= 0) children[d].push(kid);
  }
  const parents = new Map<number, PDFObject>();
  const collect = (node: PDFDict) => {
    const nums = node.lookup(PDFName.of('Nums'));
    if (nums instanceof PDFArray)
      for (let i = 0; i + 1 < nums.size(); i += 2) parents.set((nums.get(i) as PDFNumber).asNumber(), nums.get(i + 1));
    const nodeKids = node.lookup(PDFName.of('Kids'));
    if (nodeKids instanceof PDFArray) for (const k of nodeKids.asArray()) collect(doc.context.lookup(k, PDFDict));
  };
  const parentTree = root.lookup(PDFName.of('ParentTree'));
  if (parentTree instanceof PDFDict) collect(parentTree);
  const ids = new Map<string, PDFObject>();
  const collectIds = (node: PDFDict) => {
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray)
      for (let i = 0; i + 1 < names.size(); i += 2) ids.set((names.lookup(i) as PDFString).asString(), names.get(i + 1));
    const nodeKids = node.lookup(PDFName.of('Kids'));
    if (nodeKids instanceof PDFArray) for (const k of nodeKids.asArray()) collectIds(doc.context.lookup(k, PDFDict));
  };
  const idTree = root.lookup(PDFName.of('IDTree'));
  if (idTree instanceof PDFDict) collectIds(idTree);
  return { root, rootRef, documentRef, document, children, parents, ids };
}

/**
 * Copies a document's pages with its part of the batch's structure tree: its elements (which
 * point to the copied pages), a Document element and a root of its own, the parent tree of
 * its pages, and the catalog's MarkInfo and Lang — a tagged PDF as the document printed alone.
 */
function copyTagged(src: PDFDocument, out: PDFDocument, indices: number[], tree: BatchStructure, d: number): void {
  const copier = PDFObjectCopier.for(src.context, out.context);
  // the copier's map of what it copied: seeded with the new root and Document element, so that
  // an element's /P leads to them and not to the whole batch's tree
  const copied = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects;
  const rootRef = out.context.nextRef();
  const documentRef = out.context.nextRef();
  copied.set(tree.rootRef, rootRef);
  copied.set(tree.documentRef, documentRef);
  const srcPages = src.getPages();
  for (const i of indices) {
    const ref = copier.copy<PDFRef>(srcPages[i].ref);
    out.addPage(PDFPage.of(out.context.lookup(ref) as PDFPageLeaf, ref, out));
  }
  const kids = tree.children[d].map((kid) => copier.copy(kid));
  const document = tree.document.clone(out.context);
  document.set(PDFName.of('K'), out.context.obj(kids));
  document.set(PDFName.of('P'), rootRef);
  out.context.assign(documentRef, document);
  const nums: PDFObject[] = [];
  for (const i of indices) {
    const key = srcPages[i].node.get(PDFName.of('StructParents'));
    if (!(key instanceof PDFNumber)) continue;
    const value = tree.parents.get(key.asNumber());
    if (value) nums.push(key, copier.copy(value));
  }
  const root = out.context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: out.context.obj({ Nums: nums }) });
  const next = tree.root.get(PDFName.of('ParentTreeNextKey'));
  if (next) root.set(PDFName.of('ParentTreeNextKey'), next);
  for (const key of ['RoleMap', 'ClassMap']) {
    const value = tree.root.get(PDFName.of(key));
    if (value) root.set(PDFName.of(key), copier.copy(value));
  }
  // the IDs of its elements (a table cell's /Headers name its head cells by ID)
  const names: PDFObject[] = [];
  for (const [id, element] of [...tree.ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const mine = copied.get(element);
    if (mine) names.push(PDFString.of(id), mine);
  }
  if (names.length) root.set(PDFName.of('IDTree'), out.context.obj({ Names: names }));
  out.context.assign(rootRef, root);
  out.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  out.catalog.set(PDFName.of('MarkInfo'), out.context.obj({ Marked: PDFBool.True }));
  const lang = src.catalog.get(PDFName.of('Lang'));
  if (lang) out.catalog.set(PDFName.of('Lang'), copier.copy(lang));
}

/** bagalau and its version: the PDFs' Creator. */
export const CREATOR = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    return `${pkg.name} ${pkg.version}`;
  } catch {
    return 'bagalau';
  }
})();

function setInfo(out: PDFDocument, meta: PdfMeta, producer: string | undefined): void {
  out.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) out.setAuthor(meta.author);
  if (meta.subject) out.setSubject(meta.subject);
  out.setCreator(CREATOR);
  if (producer) out.setProducer(producer);
}

/** A PDF string: UTF-16BE with its byte order mark, in hex. */
const pdfText = (text: string) =>
  `<FEFF${[...text]
    .map((c) => {
      const cp = c.codePointAt(0)!;
      if (cp < 0x10000) return cp.toString(16).padStart(4, '0');
      const v = cp - 0x10000;
      return (0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16);
    })
    .join('')
    .toUpperCase()}>`;

/**
 * The PDF with its Info replaced — Title, Author, Subject, Creator (bagalau and its version),
 * Chromium's Producer and CreationDate, no Keywords — by an incremental update appended to
 * Chromium's file: the document itself (its pages, its structure tree when tagged) is not
 * rewritten.
 */
export function withInfo(pdf: Uint8Array, meta: PdfMeta): Uint8Array {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(tail);
  const size = trailer && /\/Size (\d+)/.exec(trailer[1]);
  const root = trailer && /\/Root (\d+ \d+ R)/.exec(trailer[1]);
  if (!startxref || !size || !root) throw new Error('withInfo: not a PDF with a classic cross-reference table');
  const whole = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const created = /\/CreationDate\s*(\([^)]*\))/.exec(whole)?.[1];
  const producer = /\/Producer\s*(\([^)]*\))/.exec(whole)?.[1];
  const id = Number(size[1]);
  const entries = [
    `/Title ${pdfText(meta.title)}`,
    meta.author && `/Author ${pdfText(meta.author)}`,
    meta.subject && `/Subject ${pdfText(meta.subject)}`,
    `/Creator ${pdfText(CREATOR)}`,
    producer && `/Producer ${producer}`,
    created && `/CreationDate ${created}`,
  ].filter(Boolean);
  const object = `\n${id} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const objectAt = pdf.length + 1;
  const xrefAt = pdf.length + Buffer.byteLength(object, 'latin1');
  const update = `${object}xref\n${id} 1\n${String(objectAt).padStart(10, '0')} 00000 n \ntrailer\n<</Size ${id + 1}\n/Root ${root[1]}\n/Info ${id} 0 R\n/Prev ${startxref[1]}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
}

/**
 * Baseline below the middle of the bottom margin, in ems: where Chromium 156 puts the line
 * of a vertically centred margin box in Tinos (measured: 0.26 em on the portrait pages,
 * 0.38 em on the landscape ones, whose margin is 3 mm less; Chromium snaps the baseline to
 * whole CSS pixels). Within 0.6 pt of Chromium's own place.
 */
const BASELINE_BELOW_MIDDLE = 0.32;

function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#x27|#39|#x3D|#x60);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'", '#x3D': '=', '#x60': '`' })[e]!,
  );
}

/**
 * The fonts a PDF embeds, by name ("Tinos-Regular"): its font dictionaries are plain objects
 * in the files Chromium and pdf-lib (without object streams) write.
 */
export function embeddedFonts(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return [...new Set([...text.matchAll(/\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[1]))];
}

/** The forms embed Tinos and nothing else: a fallback font of the machine means a character slipped through. */
export function assertOnlyTinos(pdf: Uint8Array): Uint8Array {
  const others = embeddedFonts(pdf).filter((f) => !/^Tinos-(Regular|Bold)$/.test(f));
  if (others.length)
    throw new Error(`the PDF would embed ${others.join(', ')}: a character of the form is not in Tinos, and no other font may be embedded`);
  return pdf;
}
