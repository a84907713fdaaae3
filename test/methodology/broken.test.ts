// Spec tests as data: each file in broken/ is a methodology with one mistake and a
// first line "# expect: CODE [FILE:]LINE:COL "part of the message"". The test checks
// that the mistake is reported at that place, with a message and a hint saying what
// to do.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMethodology } from '../../src/methodology/index.js';
import { MAX_FILE_BYTES } from '../../src/methodology/source.js';

const dir = join(import.meta.dirname, 'broken');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const on = '2026-11-24';

interface Expectation {
  code: string;
  file: string;
  line: number;
  col: number;
  text: string;
}

function expectationOf(file: string): Expectation {
  const first = readFileSync(join(dir, file), 'utf8').split('\n')[0];
  const match = /^# expect: (\S+) (?:(\S+\.yaml):)?(\d+):(\d+) "(.*)"$/.exec(first);
  if (!match) throw new Error(`${file}: the first line must be # expect: CODE [FILE:]LINE:COL "message part"`);
  return { code: match[1], file: match[2] ?? file, line: Number(match[3]), col: Number(match[4]), text: match[5].replace(/\\"/g, '"') };
}

describe('broken methodology files are reported where the mistake is', () => {
  it('has at least 30 distinct broken files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  for (const file of files) {
    it(file, () => {
      const expected = expectationOf(file);
      const { diagnostics } = lintMethodology(join(dir, file), { on });
      const match = diagnostics.find((d) => d.code === expected.code);
      expect(
        match,
        `no ${expected.code} among:\n${diagnostics.map((d) => `${d.code} ${d.at?.line}:${d.at?.col} ${d.message}`).join('\n')}`,
      ).toBeDefined();
      expect(basename(match!.at!.file)).toBe(expected.file);
      expect([match!.at!.line, match!.at!.col]).toEqual([expected.line, expected.col]);
      expect(`${match!.message} ${match!.hint ?? ''}`).toContain(expected.text);
      expect(match!.hint, 'every finding says what to do').toBeTruthy();
      expect(['error', 'warning', 'info']).toContain(match!.severity);
    });
  }

  it('refuses a file over the size limit without parsing it', () => {
    const big = join(mkdtempSync(join(tmpdir(), 'bagalau-')), 'too-large.yaml');
    writeFileSync(big, `id: too-large\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const { diagnostics } = lintMethodology(big, { on });
    expect(diagnostics.map((d) => d.code)).toEqual(['file.too-large']);
    expect(diagnostics[0].message).toMatch(/may be at most 2 MiB/);
  });

  it('names a missing file without a stack trace', () => {
    const { diagnostics } = lintMethodology(join(dir, 'does-not-exist.yaml'), { on });
    expect(diagnostics[0].code).toBe('file.not-found');
    expect(diagnostics[0].message).toContain('does-not-exist.yaml');
  });
});
