// A body's rules are data: no id that a bundled methodology chooses (a method, deadline,
// role, form, category, questionnaire, parameter…) may appear in src/ or templates/
// outside comments. Words of the file formats themselves (the schemas' property names and
// enum values, e.g. the method kind "kpi") are not a body's ids and are allowed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResolved } from '../src/methodology/index.js';

const root = join(import.meta.dirname, '..');

/** Ids of the open collections of a methodology: the keys of methods, deadlines, roles, forms… */
function idsOf(data: Record<string, any>): Set<string> {
  const ids = new Set<string>();
  const keys = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o) : []);
  for (const section of ['methods', 'deadlines', 'roles', 'forms', 'categories', 'useOfResults'])
    keys(data[section]).forEach((k) => ids.add(k));
  keys(data.eligibility?.rules).forEach((k) => ids.add(k));
  keys(data.eligibility?.absence?.kinds).forEach((k) => ids.add(k));
  for (const method of Object.values<any>(data.methods ?? {})) {
    keys(method.sheet?.parameters).forEach((k) => ids.add(k));
    keys(method.survey?.questionnaires).forEach((k) => ids.add(k));
    keys(method.survey?.answers).forEach((k) => ids.add(k));
    keys(method.survey?.respondentGroups).forEach((k) => ids.add(k));
    keys(method.evaluators?.delegations).forEach((k) => ids.add(k));
  }
  return ids;
}

/** Every property name and enum value of the schemas: the vocabulary of the formats. */
function schemaWords(): Set<string> {
  const words = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties') {
        // A property kept only for old files (movedTo, deprecated) is not a word of the format.
        for (const [name, sub] of Object.entries(value as object)) if (!sub?.movedTo && !sub?.deprecated) words.add(name);
      }
      if (key === 'enum' || key === 'const') [value].flat().forEach((v) => typeof v === 'string' && words.add(v));
      walk(value);
    }
  };
  // The authoring schema is derived from the methodology schema: the sources are enough.
  for (const file of readdirSync(join(root, 'schemas')).filter((f) => !f.includes('authoring')))
    walk(JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')));
  return words;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|hbs|css)$/.test(name) && !name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** The text of a source file without its comments (// …, /* … *\/, {{!-- … --}}). */
const withoutComments = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/{{!--[\s\S]*?--}}/g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('no id of a bundled methodology in the code', () => {
  const bundled = readdirSync(join(root, 'methodologies'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''));
  const vocabulary = schemaWords();
  const ids = new Set<string>();
  /** Ids that are also words of the formats (the method id "kpi" is also a kind): only a lookup in a collection betrays them. */
  const wordIds = new Set<string>();
  for (const id of bundled) {
    const loaded = loadResolved(id);
    if (!loaded.ok) throw new Error(`${id} does not load`);
    idsOf(loaded.methodology).forEach((k) => (vocabulary.has(k) ? wordIds : ids).add(k));
  }

  // (calibration.deadlines is a record of the format's own slots, appeal, decision…, each naming a deadline id.)
  it('finds no lookup of an id that is also a word of the formats (methods.kpi, deadlines["appeal"])', () => {
    expect([...wordIds]).toContain('kpi');
    const found: string[] = [];
    for (const file of files(join(root, 'src'))) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const id of wordIds) {
        const match = new RegExp(
          `(?<!calibration\\??\\.)\\b(?:methods|forms|roles|deadlines|categories|questionnaires|answers)(?:\\?\\.|\\.|\\?\\.\\[|\\[)['"\`]?${id}(?![A-Za-z0-9_$-])`,
        ).exec(text);
        if (match)
          found.push(
            `${file.slice(root.length + 1)}: "${id}" (…${text.slice(Math.max(0, match.index - 30), match.index + 40).replace(/\s+/g, ' ')}…)`,
          );
      }
    }
    expect(found, found.join('\n')).toEqual([]);
  });

  it('collects the ids of every bundled methodology', () => {
    for (const expected of [
      'differentiation',
      'survey360',
      'quarterlyEvaluation',
      'annual360',
      'hrService',
      'annex4',
      'quarterly',
      'evaluationSheet',
    ])
      expect(ids).toContain(expected);
  });

  it.each(['src', 'templates'])('%s/ names none of them outside comments', (dir) => {
    const found: string[] = [];
    for (const file of files(join(root, dir))) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      // Code names an id as a string literal ('hrService') or a property (m.forms.annex4);
      // a template inside {{ }}. Prose in messages ("a head has 3 to 5 KPIs") is not code.
      const code = file.endsWith('.hbs') ? (text.match(/{{[^}]*}}/g) ?? []).join('\n') : text;
      for (const id of ids) {
        const pattern = file.endsWith('.hbs')
          ? `(?<![A-Za-z0-9_$-])${id}(?![A-Za-z0-9_$-])`
          : `(['"\`])${id}\\1|(?:methods|forms|roles|deadlines|categories|rules|parameters|questionnaires|answers|kinds)(?:\\?)?\\.${id}(?![A-Za-z0-9_$(-])`;
        const match = new RegExp(pattern).exec(code);
        if (match)
          found.push(
            `${file.slice(root.length + 1)}: "${id}" (…${code.slice(Math.max(0, match.index - 30), match.index + id.length + 20).replace(/\s+/g, ' ')}…)`,
          );
      }
    }
    expect(found, found.join('\n')).toEqual([]);
  });
});
