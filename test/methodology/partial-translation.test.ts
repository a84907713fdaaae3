// Issue 13.4: a text overridden in one language while the others are inherited is a warning
// (the broken example is test/methodology/broken/partial-translation.yaml); overriding every
// language, or dropping the others with null, is clean.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMethodology } from '../../src/methodology/index.js';

const broken = readFileSync(join(import.meta.dirname, 'broken', 'partial-translation.yaml'), 'utf8')
  .split('\n')
  .slice(1)
  .join('\n');

function lintWith(title: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-partial-'));
  const file = join(dir, 'partial-translation.yaml');
  writeFileSync(file, broken.replace('title: { kk: адами ресурстар департаменті }', `title: ${title}`));
  return lintMethodology(file, { on: '2026-01-01' }).diagnostics.filter((d) => d.code === 'lint.partial-translation');
}

describe('lint: partial translation', () => {
  it('warns when kk is overridden and ru and en are inherited, naming the inherited texts', () => {
    const [d] = lintWith('{ kk: адами ресурстар департаменті }');
    expect(d).toMatchObject({ severity: 'warning', at: { line: 10, col: 18 } });
    expect(d.message).toContain('roles › hrService › title: kk is written here, but ru and en are inherited from model-2025');
    expect(d.message).toContain('ru "служба управления персоналом (кадровая служба)"');
    expect(d.hint).toContain('ru: null, en: null');
  });

  it('warns for one inherited language too', () => {
    const [d] = lintWith('{ kk: адами ресурстар департаменті, ru: департамент человеческих ресурсов }');
    expect(d.message).toContain('kk and ru are written here, but en is inherited');
  });

  it('is silent when every language is written, or the others are dropped', () => {
    expect(lintWith('{ kk: адами ресурстар департаменті, ru: департамент человеческих ресурсов, en: HR department }')).toEqual([]);
    expect(lintWith('{ kk: адами ресурстар департаменті, ru: null, en: null }')).toEqual([]);
  });
});
