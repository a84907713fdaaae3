// Runs every methodology test case (methodologies/tests/<methodology-id>/*.yaml) as one test.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/index.js';
import { formatLoadError, formatMismatch, loadCases, runCase } from '../../src/cases/cases.js';
import { loadResolved } from '../../src/methodology/index.js';

const root = join(import.meta.dirname, '../..');
const { cases, errors } = loadCases(join(root, 'methodologies/tests'));
const calendar = loadCalendar();

describe('methodology case files', () => {
  it('load without refused cases', () => {
    expect(errors.map(formatLoadError)).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
});

const byFile = new Map<string, typeof cases>();
for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);

for (const [file, fileCases] of byFile) {
  describe(file, () => {
    for (const c of fileCases) {
      it(`${c.name} (${c.file}:${c.line})`, () => {
        const loaded = loadResolved(c.methodology);
        if (!loaded.ok) throw new Error(`cannot load the methodology ${c.methodology}`);
        const mismatches = runCase(c, loaded.methodology, calendar);
        expect(mismatches.map(formatMismatch)).toEqual([]);
      });
    }
  });
}
