// The words of a form are the methodology's (issue 8.3): the templates hold placement only,
// never a Kazakh text, and every column head, label, caption and sentence they print comes
// from formWording (by kind, and `all` for every form) or the form's own wording. So a body
// rewords a head of its KPI sheet or a line of its calibration protocol in its own file.
// Checked on the rendered HTML (no Chromium).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument, templatesDir } from '../../src/forms/templates.js';
import { capitalise } from '../../src/forms/text.js';
import { formIds, formView } from '../../src/forms/viewModels.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';

function load(idOrPath: string): Methodology {
  const loaded = loadResolved(idOrPath);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.methodology;
}

/** The templates and their partials: name → text. */
function templates(): Map<string, string> {
  const out = new Map<string, string>();
  for (const dir of [templatesDir, join(templatesDir, 'partials')])
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) out.set(join(dir, f), readFileSync(join(dir, f), 'utf8'));
  return out;
}

/** A template without its Handlebars comments ({{!-- … --}} and {{! … }}). */
const withoutComments = (text: string) => text.replace(/\{\{!--[\s\S]*?--\}\}/g, '').replace(/\{\{![\s\S]*?\}\}/g, '');

describe('the templates', () => {
  it('hold no Kazakh (or any Cyrillic) text outside comments: every word is the methodology’s', () => {
    const found: string[] = [];
    for (const [file, text] of templates())
      withoutComments(text)
        .split('\n')
        .forEach((line, i) => {
          if (/\p{Script=Cyrillic}/u.test(line)) found.push(`${basename(file)}:${i + 1}: ${line.trim()}`);
        });
    expect(found).toEqual([]);
  });

  // The words a template prints unconditionally: each must be given for every form of the
  // bundled models (by formWording or the form), or the form would print an empty head.
  const partialText = (name: string) => readFileSync(join(templatesDir, 'partials', `${name}.hbs`), 'utf8');
  function keysPrinted(text: string, seen = new Set<string>()): { columns: Set<string>; labels: Set<string> } {
    const out = { columns: new Set<string>(), labels: new Set<string>() };
    const body = withoutComments(text);
    const optional = new Set([...body.matchAll(/\{\{#if (?:@root\.|(?:\.\.\/)*)wording\.(?:columns|labels)\.(\w+)\}\}/g)].map((m) => m[1]));
    for (const m of body.matchAll(/\{\{print (?:@root\.|(?:\.\.\/)*)wording\.(columns|labels)\.(\w+)\}\}/g))
      if (!optional.has(m[2])) out[m[1] as 'columns' | 'labels'].add(m[2]);
    for (const m of body.matchAll(/\{\{> ?([\w-]+)/g)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      const inner = keysPrinted(partialText(m[1]), seen);
      inner.columns.forEach((k) => out.columns.add(k));
      inner.labels.forEach((k) => out.labels.add(k));
    }
    return out;
  }

  for (const id of ['model-2018', 'model-2025', 'almaty-akimat-2023', 'enbekshikazakh-maslikhat-2023']) {
    it(`find every word they print in ${id}`, () => {
      const m = load(id);
      const missing: string[] = [];
      for (const formId of formIds(m)) {
        const view = formView(m, formId);
        const wording = view.wording as { columns: Record<string, unknown>; labels: Record<string, unknown> };
        const printed = keysPrinted(readFileSync(join(templatesDir, `${view.template}.hbs`), 'utf8'));
        for (const part of ['columns', 'labels'] as const)
          for (const key of printed[part]) if (!wording[part][key]) missing.push(`${formId}: ${part}.${key}`);
      }
      expect(missing).toEqual([]);
      // the words the view models fill in themselves
      const all = m.formWording.all?.labels ?? {};
      for (const key of [
        'annex',
        'annexUnnumbered',
        'page',
        'unsatisfactory',
        'withoutParticipation',
        'deferred',
        'calibratedChanged',
        'calibratedKept',
        'protocol',
      ])
        expect(all[key]?.kk, `formWording.all.labels.${key}`).toBeTruthy();
    });
  }
});

describe('a body rewords its forms in its own file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bagalau-wording-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'wording-body-2024.yaml');
  writeFileSync(
    file,
    `id: wording-body-2024
extends: model-2018
title: { kk: Сынақ органының әдістемесі }
body: { name: { kk: Сынақ органы } }
act: { kind: { kk: бұйрық }, number: "1", date: "2024-01-10" }
inForce: { from: "2024-01-15", verified: false }
formHeader: { kk: Сынақ органының "Б" корпусы қызметшілерінің қызметін бағалау әдістемесіне }
formWording:
  # every form of the kind: the unit column of the work plan
  workPlan:
    columns:
      unit: { kk: Өлшем }
forms:
  annex2:
    wording:
      columns:
        name: { kk: Нысаналы индикатордың атауы }
    basis: { annex: 2, clause: "28", note: The body's annex 2 names the KPI column otherwise. }
  calibrationProtocol:
    wording:
      labels:
        secretary: { kk: 'Калибрлеу сессиясының хатшысы ({organizer})' }
    basis: { clause: "42", note: The body's protocol names its secretary. }
`,
  );
  const m = load(file);
  const model = load('model-2018');
  const html = (mm: Methodology, formId: string) => renderDocument([formView(mm, formId)]);
  const kpiSheet = formIds(m).find((id) => m.forms[id].kind === 'kpiSheet')!;
  const workPlan = formIds(m).find((id) => m.forms[id].kind === 'workPlan')!;
  const protocol = formIds(m).find((id) => m.forms[id].kind === 'calibrationProtocol')!;

  it("prints the KPI sheet's column head it rewords, and the model's elsewhere", () => {
    expect(html(model, kpiSheet)).toContain('<th rowspan="2">НМИ атауы</th>');
    const sheet = html(m, kpiSheet);
    expect(sheet).toContain('<th rowspan="2">Нысаналы индикатордың атауы</th>');
    expect(sheet).not.toContain('НМИ атауы');
    // the other heads, and the work plan's, are the model's
    expect(sheet).toContain('Жоспарлы мәні');
    expect(html(m, workPlan)).toContain('>НМИ атауы</th>');
  });

  it('prints a kind-wide word (formWording.<kind>) on the forms of that kind', () => {
    expect(html(model, workPlan)).toContain('>Өлшем бірлігі</th>');
    const plan = html(m, workPlan);
    expect(plan).toContain('>Өлшем</th>');
    expect(plan).not.toContain('Өлшем бірлігі');
    // the KPI sheet's own unit head is not the work plan's
    expect(html(m, kpiSheet)).toContain('Өлшем бірлігі');
  });

  it('prints the protocol label it rewords, with its value filled', () => {
    const organizer = m.roles[m.calibration.organizer].title.kk;
    expect(html(model, protocol)).toContain('Хатшы (');
    const text = html(m, protocol);
    expect(text).toContain(`Калибрлеу сессиясының хатшысы (${capitalise(organizer)})`);
    expect(text).not.toContain('Хатшы (');
    // the rest of the protocol is the model's
    expect(text).toContain('Дауыс беру қорытындысы.');
  });
});
