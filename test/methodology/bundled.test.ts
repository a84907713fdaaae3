// The bundled methodologies: valid, faithful where the issue pins facts down, and
// different from each other where the acts differ.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffMethodologies } from '../../src/methodology/diff.js';
import { lintMethodology, loadResolved, type Methodology } from '../../src/methodology/index.js';
import { useLanguage } from '../../src/i18n/index.js';

const bundled = ['model-2018', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023'];
const methodologiesDir = join(import.meta.dirname, '../../methodologies');

function load(id: string): Methodology {
  const result = loadResolved(id);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.methodology;
}

describe('bundled methodologies', () => {
  for (const id of bundled) {
    it(`${id} is valid and lints without errors on its first day in force`, () => {
      const m = load(id);
      const { diagnostics } = lintMethodology(id, { on: m.inForce.from });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(diagnostics.filter((d) => d.code === 'lint.mixed-script')).toEqual([]);
    });

    it(`${id} starts with the yaml-language-server schema comment`, () => {
      const text = readFileSync(join(methodologiesDir, `${id}.yaml`), 'utf8');
      // A body's file is checked against the authoring schema; a model, which extends nothing, against the full one.
      const schema = /^extends:/m.test(text) ? 'methodology-authoring' : 'methodology';
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../schemas/${schema}.schema.json`);
    });
  }

  it('reports the annex 3 gap 44.50–44.99 % for Almaty, at the printed row "40–44,49"', () => {
    const { diagnostics } = lintMethodology('almaty-akimat-2023', { on: '2024-01-10' });
    const gap = diagnostics.find((d) => d.code === 'lint.range-gap');
    expect(gap?.message).toContain('44.50–44.99 % uncovered');
    const model = readFileSync(join(methodologiesDir, 'model-2018.yaml'), 'utf8').split('\n');
    const printedRow = model.findIndex((line) => line.includes("printed: '40–44,49 |"));
    expect(printedRow).toBeGreaterThan(0);
    expect(gap?.at?.file).toMatch(/model-2018\.yaml$/);
    expect(gap!.at!.line).toBe(printedRow + 1);
    expect(gap?.clause).toContain('annex 3 of almaty-akimat-2023');
  });

  it('keeps the annex 3 figures as printed: 21 rows, 100 and above → 5, 0–4.99 → 0–0.24', () => {
    const rows = load('almaty-akimat-2023').methods.kpi.kpi!.scoreTable.rows;
    expect(rows).toHaveLength(21);
    expect(rows[0]).toMatchObject({ percent: { min: 100 }, score: { min: 5, max: 5 } });
    expect(rows[0].percent.max).toBeUndefined();
    expect(rows.find((r) => r.percent.min === 40)?.percent.max).toBe(44.49);
    expect(rows.at(-1)).toMatchObject({ percent: { min: 0, max: 4.99 }, score: { min: 0, max: 0.24 } });
  });

  it('encodes every competency of annexes 5 and 6 with its indicator statements', () => {
    const { questionnaires } = load('model-2018').methods.survey360.survey!;
    const heads = Object.values(questionnaires.heads.competencies);
    const servants = Object.values(questionnaires.servants.competencies);
    expect(heads).toHaveLength(12);
    expect(servants).toHaveLength(8);
    for (const c of heads) expect(Object.keys(c.indicators).length).toBeGreaterThanOrEqual(2);
    for (const c of servants) expect(Object.keys(c.indicators)).toHaveLength(3);
  });

  it('differs between Almaty and Enbekshikazakh where the acts differ', () => {
    // In Kazakh, the acts' own language: texts as the acts write them, clauses in Kazakh words.
    useLanguage('kk');
    let rows;
    try {
      rows = diffMethodologies(load('almaty-akimat-2023'), load('enbekshikazakh-maslikhat-2023'));
    } finally {
      useLanguage('en');
    }
    const row = (pointer: string) => rows.find((r) => r.pointer === pointer);
    expect(row('/eligibility/minimumTimeInPost/months')).toMatchObject({
      a: '1',
      b: '3',
      aClause: '6-тармақ (almaty-akimat-2023)',
      bClause: '5-тармақ (enbekshikazakh-maslikhat-2023)',
    });
    expect(row('/categories/head/positionCategories')).toMatchObject({ a: 'D-3, D-O-1, E-1, E-2', b: 'E-2' });
    expect(row('/roles/hrService/title')?.b).toBe('кадр мәселелерімен айналысатын аппарат маманы');
    // The same role, titled otherwise: once, on the role, with the settings that name it (not a row per setting).
    expect(row('/roles/appointingOfficial/title')?.b).toContain('мәслихат төрағасы');
    expect(row('/roles/appointingOfficial/title')?.usedIn).toContain('Calibration › Decides on the session and approves its members');
    expect(row('/calibration/decisionBy')).toBeUndefined();
    expect(row('/methods/differentiation/sheet/delegation/allowed')).toMatchObject({ a: 'true', b: 'false' });
    // What both acts say alike is not listed.
    expect(row('/kpi/count/min')).toBeUndefined();
    expect(row('/bands/levels/effective/min')).toBeUndefined();
  });

  it('knows that Enbekshikazakh was repealed in November 2023', () => {
    const before = lintMethodology('enbekshikazakh-maslikhat-2023', { on: '2023-11-01' }).diagnostics;
    const after = lintMethodology('enbekshikazakh-maslikhat-2023', { on: '2024-01-10' }).diagnostics;
    expect(before.map((d) => d.code)).not.toContain('lint.repealed');
    expect(after.find((d) => d.code === 'lint.repealed')?.message).toContain('10-46');
  });
});

describe('a body with other thresholds is a short file extending the model', () => {
  const file = join(import.meta.dirname, 'fixtures/ulytau-akimat-2024.yaml');

  it('is short', () => {
    expect(readFileSync(file, 'utf8').split('\n').length).toBeLessThan(40);
  });

  it('validates and takes its own thresholds, citing its own clauses', () => {
    const result = loadResolved(file);
    expect(result.ok, JSON.stringify(result.diagnostics, null, 1)).toBe(true);
    if (!result.ok) return;
    const m = result.methodology;
    expect(m.eligibility.minimumTimeInPost).toMatchObject({ months: 2, basis: { clause: '6', source: 'ulytau-akimat-2024' } });
    expect(m.categories.head.positionCategories).toEqual(['D-O-1', 'D-O-2', 'E-2']);
    expect(m.methods.survey360.survey!.respondents).toMatchObject({ min: 4, max: 9 });
    expect(m.calibration.tie.rule).toBe('chairDecides');
    // Everything else is the model's, cited as the model's.
    expect(m.methods.kpi.kpi!.count).toMatchObject({ min: 3, max: 5, basis: { source: 'model-2018' } });
    expect(Object.keys(m.methods.survey360.survey!.questionnaires.heads.competencies)).toHaveLength(12);
  });

  it('lints without errors', () => {
    const { diagnostics } = lintMethodology(file, { on: '2024-06-01' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('every methodology file shipped in the repository', () => {
  const files = ['examples/baiterek-akimat/baiterek-akimat-2025.yaml', 'test/methodology/fixtures/ulytau-akimat-2024.yaml'].map((f) =>
    join(import.meta.dirname, '../..', f),
  );

  for (const file of files) {
    it(`${file.split('/').slice(-2).join('/')} lints without errors and without mixed-script words`, () => {
      const { diagnostics } = lintMethodology(file, { on: '2026-06-01' });
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});
