// bagalau render through commander, in-process: from an input, from a results.json, blank,
// and the message when Chromium is missing.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { registerRender } from '../../src/cli/render.js';
import { capturingIo } from '../helpers/cli.js';
import { evaluate } from '../../src/engine/index.js';
import { findChromium } from '../../src/forms/browser.js';
import { loadEvaluationInput } from '../../src/input/loadEvaluationInput.js';
import { loadResolved } from '../../src/methodology/index.js';
import { flat, pdfText } from './pdf-tools.js';

const fixture = fileURLToPath(new URL('./fixtures/evaluation-2023.yaml', import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, text } = capturingIo();
  const program = new Command('bagalau').exitOverride();
  registerRender(program, io);
  await program.parseAsync(args, { from: 'user' });
  return { code: io.exitCode, out: text.out, err: text.err };
}

describe('bagalau render', () => {
  findChromium();

  it('evaluates an input and prints the requested forms of each person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const { code, err } = await run(['render', fixture, '--forms', '2,4,protocol', '--combined', '--out', dir]);
    expect(err).toMatch(/4 PDF\(s\) written/);
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'H1_2023-Q3_annex-2.pdf',
      'S1_2023-Q3_annex-4.pdf',
      'S1_2023-Q3_calibration-protocol.pdf',
      'unit-u1_2023.pdf',
    ]);
  });

  it('prints saved results, with the input for the names, under another methodology', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const loaded = loadResolved('enbekshikazakh-maslikhat-2023');
    if (!loaded.ok) throw new Error('methodology');
    const input = loadEvaluationInput(fixture).input!;
    const results = evaluate(loaded.methodology, input, loadCalendar(), { allowOutOfForce: true });
    const file = join(dir, 'results.json');
    writeFileSync(file, JSON.stringify(results));
    const { code } = await run(['render', file, '--input', fixture, '--forms', '8', '--out', join(dir, 'pdf')]);
    expect(code).toBe(0);
    const text = flat(pdfText(join(dir, 'pdf', 'S1_2023_annex-8.pdf')));
    expect(text).toContain('үлгілік әдістемесіне 8-қосымша');
    expect(text).toContain('Кадр мәселелерімен айналысатын'); // the role title, wrapped in the signature block
  });

  it('prints blank forms and refuses an unknown form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    expect((await run(['render', fixture, '--forms', '3', '--blank', '--out', dir])).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['almaty-akimat-2023_blank_annex-3.pdf']);
    const bad = await run(['render', fixture, '--forms', '9', '--out', dir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown form "9"');
  });

  it('reports a methodology with a mistake as a methodology, at its line, not as an evaluation input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-'));
    const file = join(dir, 'annex-zero.yaml');
    writeFileSync(
      file,
      [
        'id: annex-zero',
        'extends: model-2025',
        'title: { kk: Х әдістемесі }',
        'body: { name: { kk: Х } }',
        'act: { kind: { kk: қаулы }, number: "1", date: "2025-07-25" }',
        'inForce: { from: "2025-08-01", verified: false }',
        'formHeader: { kk: Х әдістемесіне }',
        'forms:',
        '  evaluationSheet: { annex: 0, basis: { clause: "12" } }',
        '',
      ].join('\n'),
    );
    const { code, err } = await run(['render', file, '--blank', '--forms', 'all', '--out', join(dir, 'out')]);
    expect(code).toBe(2);
    expect(err).toContain(`${file}:9:29: error: forms › evaluationSheet › annex is 0; it must be >= 1 [schema.minimum]`);
    expect(err).not.toMatch(/people|evaluation input/);
  });

  it('says how to install Chromium when there is none', async () => {
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent/chromium';
    try {
      const { code, err } = await run(['render', fixture, '--forms', '3', '--blank', '--out', mkdtempSync(join(tmpdir(), 'render-'))]);
      expect(code).toBe(2);
      expect(err).toContain('install it: apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH');
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
  });
});
