// A name or text with characters the forms must not print, through the CLI: control and
// formatting characters (a right-to-left override, zero-width spaces) are removed with a
// warning naming the field, and the text prints in its order; a character Tinos has no glyph
// for (an emoji) stops that person's forms — the others are printed, and no PDF embeds
// another font. The printer itself refuses a PDF that would embed one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { findChromium } from '../../src/forms/browser.js';
import { FormPrinter } from '../../src/forms/printer.js';
import { renderDocument } from '../../src/forms/templates.js';
import { formView } from '../../src/forms/viewModels.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved } from '../../src/methodology/index.js';
import { capturingIo } from '../helpers/cli.js';
import { flat, pdfFonts, pdfText } from './pdf-tools.js';

const fixture = join(import.meta.dirname, 'fixtures', 'evaluation-2023.yaml');

async function render(args: string[]): Promise<{ code: number; err: string }> {
  const { io, text } = capturingIo({ columns: 120 });
  const code = await main(['render', ...args], io, () => '2023-12-01');
  return { code: io.exitCode || code, err: text.err };
}

let printer: FormPrinter;
beforeAll(async () => {
  findChromium();
  printer = await FormPrinter.launch({ pages: 1 });
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

describe('characters a form must not print', () => {
  it('strips a bidi override and zero-width characters with a warning, refuses an emoji, prints the others with Tinos only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bagalau-fonts-'));
    const input = structuredClone(loadEvaluationInput(fixture).input!);
    const head = input.people.find((p) => p.id === 'H1')!;
    head.name = 'Сейітқали \u202EЕржан\u202C Болатұлы\u200B';
    const servant = input.people.find((p) => p.id === 'S1')!;
    servant.name = 'Әбдірахманова Гүлнәр 😀';
    const file = join(dir, 'input.yaml');
    writeFileSync(file, stringify({ ...input, methodology: 'almaty-akimat-2023' }));
    const out = join(dir, 'pdf');
    const { code, err } = await render([file, '--forms', '2,4,8', '--out', out]);
    expect(code).toBe(1);
    expect(err).toContain(
      'bagalau: warning: H1: name: removed U+202E, U+202C, U+200B (invisible control or formatting characters are not printed)',
    );
    expect(err).toMatch(/could not print .*S1_2023-Q3_annex-4\.pdf: .*"😀" \(U\+1F600\) cannot be printed/);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['H1_2023-Q3_annex-2.pdf']);
    const text = flat(pdfText(join(out, files[0])));
    expect(text).toContain('Сейітқали Ержан Болатұлы'); // in its order: the override is gone
    for (const font of pdfFonts(join(out, files[0]))) expect(font.name).toMatch(/^Tinos-(Regular|Bold)$/);
  }, 120_000);

  it('the printer refuses a PDF that would embed a fallback font', async () => {
    const loaded = loadResolved('almaty-akimat-2023');
    if (!loaded.ok) throw new Error('methodology');
    // (an arrow: this machine's DejaVu has one, Tinos has none)
    const view = { ...formView(loaded.methodology, 'annex3'), title: 'Кесте →' };
    await expect(printer.pdf(renderDocument([view]))).rejects.toThrow(/would embed .*(DejaVu|Noto|Symbola|Emoji)/i);
    // and the same document without it is printed, with Tinos alone
    const ok = await printer.pdf(renderDocument([formView(loaded.methodology, 'annex3')]));
    const file = join(mkdtempSync(join(tmpdir(), 'bagalau-fonts-')), 'ok.pdf');
    writeFileSync(file, ok);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).not.toMatch(/DejaVu|Liberation/);
  }, 60_000);
});
