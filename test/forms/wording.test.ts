// Each blank form prints its annex as the act prints it. The fixed text of every annex form of
// Almaty and of Enbekshikazakh (whose act uses the model's annexes, which Almaty's reproduce)
// is compared word by word with Almaty's annexes 1–8 in sources/, corrected for the
// OCR defects (fixtures/annex-ocr.yaml); any difference that docs/forms.md does not list
// fails, and so does a listed difference that no longer occurs.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderForm } from '../../src/forms/templates.js';
import { formIds, formView } from '../../src/forms/viewModels.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import {
  SOURCES,
  annexAsPrinted,
  annexText,
  formText,
  listedDifferences,
  ocrCorrections,
  typography,
  wordDiff,
  type Hunk,
} from './annex-text.js';

function load(id: string): Methodology {
  const loaded = loadResolved(id);
  if (!loaded.ok) throw new Error(`cannot load ${id}`);
  return loaded.methodology;
}

const show = (h: Hunk) => `after "${h.before}": the act prints "${h.act || '—'}", the form "${h.form || '—'}"`;

describe('the sources', () => {
  it('are where the test reads them, with the eight annexes', () => {
    expect(existsSync(SOURCES), `${SOURCES} (the shared legal texts) is missing`).toBe(true);
    for (let n = 1; n <= 8; n++) expect(annexAsPrinted(n)).toMatch(new RegExp(`${n}-қосымша`));
  });

  it('every OCR correction names the annexes it is made in, and changes only what the act prints', () => {
    for (const c of ocrCorrections()) {
      expect(c.where, c.printed).toMatch(/^\d(, \d)*$/);
      expect(typography(c.printed), c.printed).not.toBe(typography(c.encoded));
    }
  });
});

const bodies = [
  // Almaty prints its own annexes, with its own header
  { id: 'almaty-akimat-2023', header: undefined as string | undefined },
  // Enbekshikazakh uses the model's annexes: the same text under the model's header
  { id: 'enbekshikazakh-maslikhat-2023', header: 'model' },
];

for (const body of bodies) {
  describe(`the blank forms of ${body.id} print the annexes' own wording`, () => {
    const m = load(body.id);
    const listed = listedDifferences().filter((d) => !d.bodies || d.bodies.includes(body.id));
    const annexForms = formIds(m).filter((id) => typeof m.forms[id].annex === 'number');

    it('has the eight annexes as forms', () => {
      expect(annexForms.map((id) => m.forms[id].annex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    for (const id of annexForms) {
      const n = m.forms[id].annex as number;
      it(`annex ${n}: every difference from the act is one docs/forms.md lists`, () => {
        const act = annexText(n, body.header ? m.formHeader.kk : undefined);
        const form = formText(renderForm(formView(m, id)));
        const hunks = wordDiff(act, form);
        const mine = listed.filter((d) => d.annex === n);
        const unlisted = hunks.filter((h) => !mine.some((d) => d.act === h.act && d.form === h.form));
        expect(
          unlisted.map(show),
          `annex ${n} of ${body.id}: differences not listed in docs/forms.md ("The annexes' own wording")`,
        ).toEqual([]);
        const stale = mine.filter((d) => !hunks.some((h) => d.act === h.act && d.form === h.form));
        expect(
          stale.map((d) => `"${d.act || '—'}" → "${d.form || '—'}"`),
          `annex ${n} of ${body.id}: listed differences that no longer occur`,
        ).toEqual([]);
      });
    }
  });
}

describe('the comparison itself', () => {
  it('finds a changed, a dropped and an added word', () => {
    expect(wordDiff('a b c d', 'a x c d e')).toEqual([
      { act: 'b', form: 'x', before: 'a' },
      { act: '', form: 'e', before: 'a b c d' },
    ]);
    expect(wordDiff('a b c', 'a c')).toEqual([{ act: 'b', form: '', before: 'a' }]);
  });

  it('would fail on drift: a form worded as the clause rather than the annex', () => {
    const m = load('almaty-akimat-2023');
    const drifted = structuredClone(m);
    delete drifted.forms.annex5.wording!.rows;
    const hunks = wordDiff(annexText(5), formText(renderForm(formView(drifted, 'annex5'))));
    expect(hunks.map((h) => `${h.act} → ${h.form}`)).toContain('Команданы → Топты');
  });
});
