// The resolved difference between two methodologies, setting by setting, as a legal
// officer compares two acts: "Minimum time in post › Months: 1 (clause 6) vs 3 (clause 5)".
import { currentLanguage, localText } from '../i18n/index.js';
import { describeBasis } from './clause.js';
import { getAtPointer, joinPointer, splitPointer } from './pointer.js';
import { identityKeys } from './resolve.js';
import { referenceFields, titleAtPointer } from './schema.js';
import type { Methodology } from './types.generated.js';

export interface DiffRow {
  pointer: string;
  setting: string;
  a: string;
  b: string;
  aClause?: string;
  bClause?: string;
  /** For a role whose title changed: the settings that name the role (in either methodology), listed once here rather than a row each. */
  usedIn?: string[];
}

export interface DiffOptions {
  /** Also list settings whose only difference is their basis (clause numbers). */
  withBasis?: boolean;
}

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is { kk: string } =>
  isObject(v) && typeof v.kk === 'string' && Object.keys(v).every((k) => ['kk', 'ru', 'en'].includes(k));

const sameText = (x: unknown, y: unknown) => ['kk', 'ru', 'en'].every((k) => (x as Json | undefined)?.[k] === (y as Json | undefined)?.[k]);

/** Leaves of a methodology: scalars, lists and texts, keyed by pointer; bases kept apart. */
function leaves(node: unknown, pointer: string, out: Map<string, unknown>, withBasis: boolean): Map<string, unknown> {
  if (isObject(node) && !isText(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (pointer === '' && (key === '$schema' || key === 'extends' || key === 'sameClauseNumbers')) continue;
      if (key === 'basis') {
        if (withBasis && isObject(value))
          out.set(joinPointer(pointer, key), describeBasis({ ...value, source: undefined }, { language: currentLanguage() }));
        continue;
      }
      leaves(value, joinPointer(pointer, key), out, withBasis);
    }
  } else out.set(pointer, node);
  return out;
}

function nearestBasis(data: unknown, pointer: string): string | undefined {
  const segments = splitPointer(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const node = getAtPointer(
      data,
      segments
        .slice(0, n)
        .map((s) => '/' + s)
        .join(''),
    );
    if (isObject(node) && isObject(node.basis)) return describeBasis(node.basis, { language: currentLanguage() });
  }
  return undefined;
}

export function diffMethodologies(a: Methodology, b: Methodology, options: DiffOptions = {}): DiffRow[] {
  const withBasis = options.withBasis ?? false;
  const left = leaves(a, '', new Map(), withBasis);
  const right = leaves(b, '', new Map(), withBasis);
  const roleTitles = (m: Methodology) => new Map(Object.entries(m.roles ?? {}).map(([id, role]) => [id, localText(role.title)]));
  const referencesA = new Map(referenceFields(a).map((f) => [f.pointer, f.refersTo]));
  const referencesB = new Map(referenceFields(b).map((f) => [f.pointer, f.refersTo]));
  const render = (value: unknown, pointer: string, m: Methodology, refs: Map<string, string>): string => {
    if (value === undefined) return '—';
    if (isText(value)) return localText(value);
    if (Array.isArray(value)) return value.map((v, i) => render(v, joinPointer(pointer, i), m, refs)).join(', ');
    if (typeof value === 'string' && refs.get(pointer) === 'roles') return `${roleTitles(m).get(value) ?? value} (${value})`;
    if (isObject(value)) return JSON.stringify(value);
    return String(value);
  };
  // Where each role is named: a changed title is shown once, on the role, with this list.
  const roleUses = new Map<string, string[]>();
  for (const field of [...referenceFields(a), ...referenceFields(b)]) {
    if (field.refersTo !== 'roles') continue;
    const uses = roleUses.get(field.value) ?? [];
    const setting = titleAtPointer(field.pointer);
    if (!uses.includes(setting)) uses.push(setting);
    roleUses.set(field.value, uses);
  }
  const pointers = [...new Set([...left.keys(), ...right.keys()])];
  const rows: DiffRow[] = [];
  for (const pointer of pointers) {
    // The same ids: a setting naming a role whose title changed is not a change of its own.
    if (JSON.stringify(left.get(pointer)) === JSON.stringify(right.get(pointer))) continue;
    const va = render(left.get(pointer), pointer, a, referencesA);
    const vb = render(right.get(pointer), pointer, b, referencesB);
    // A list of role ids differs only if the roles it names differ; a text differs in any of its languages, shown or not.
    const texts = isText(left.get(pointer)) || isText(right.get(pointer));
    if (texts ? sameText(left.get(pointer), right.get(pointer)) : va === vb) continue;
    const top = splitPointer(pointer)[0];
    rows.push({
      pointer,
      setting: titleAtPointer(pointer),
      a: va,
      b: vb,
      aClause: identityKeys.has(top) ? undefined : nearestBasis(a, pointer),
      bClause: identityKeys.has(top) ? undefined : nearestBasis(b, pointer),
    });
    const role = /^\/roles\/([^/]+)\/title$/.exec(pointer)?.[1];
    if (role && left.has(pointer) && right.has(pointer) && roleUses.has(role)) rows[rows.length - 1].usedIn = roleUses.get(role);
  }
  // Identity first, then the order of the schema's sections.
  const order = ['title', 'body', 'act', 'inForce', 'repealedBy'];
  const rank = (p: string) => {
    const i = order.indexOf(splitPointer(p)[0]);
    return i === -1 ? order.length : i;
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => rank(x.row.pointer) - rank(y.row.pointer) || x.index - y.index)
    .map((x) => x.row);
}
