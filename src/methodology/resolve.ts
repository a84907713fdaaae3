// Resolves `extends`: a body's file is laid over the methodology it extends.
// Maps merge by key, lists are replaced whole, `add: true` marks a deliberate new
// entry in an open collection, `remove: true` drops an inherited one, and every
// change under a rule that has a basis must state the overriding act's own basis;
// `key: null` drops an inherited setting.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, SourcePosition } from './diagnostic.js';
import { displayPath, joinPointer } from './pointer.js';
import { isOpenMap, methodologySchema, childSchema, type SchemaNode } from './schema.js';
import { readSourceFile, type NodeOrigin, type SourceFile } from './source.js';
import { currentLanguage, t } from '../i18n/index.js';

export const bundledMethodologiesDir = fileURLToPath(new URL('../../methodologies/', import.meta.url));

/** Identity is never inherited: each act has its own. */
export const identityKeys = new Set([
  '$schema',
  'id',
  'extends',
  'sameClauseNumbers',
  'title',
  'body',
  'act',
  'implements',
  'inForce',
  'repealedBy',
]);

const MAX_DEPTH = 8;

export interface ResolvedSource {
  data: Record<string, unknown> | undefined;
  /** Files from the most derived to the root of the chain. */
  chain: SourceFile[];
  diagnostics: Diagnostic[];
  originOf(pointer: string): (NodeOrigin & { file: string }) | undefined;
}

type Json = Record<string, any>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The file a methodology reference names. A path (with a folder or a .yaml/.yml/.json
 * ending) is taken relative to `fromDir`, the folder of the file that names it (the
 * current folder only for what a user types on the command line). A bare id is looked for
 * beside that file, then among the bundled methodologies — never in the current folder,
 * so that a stray file there cannot change a result.
 */
export function methodologyPath(pathOrId: string, fromDir?: string): string {
  if (looksLikePath(pathOrId)) return fromDir ? resolvePath(fromDir, pathOrId) : pathOrId;
  const beside = fromDir ? [join(fromDir, `${pathOrId}.yaml`), join(fromDir, `${pathOrId}.yml`)].find(isRegularFile) : undefined;
  const bundled = join(bundledMethodologiesDir, `${pathOrId}.yaml`);
  // A file of another kind named as it is (notes.txt) is that file, refused for its kind, not "no methodology notes.txt".
  const named = fromDir ? resolvePath(fromDir, pathOrId) : pathOrId;
  if (!beside && !isRegularFile(bundled) && existsSync(named)) return named;
  return beside ?? bundled;
}

export const looksLikePath = (reference: string) =>
  /[\\/]/.test(reference) || /\.(ya?ml|json)$/i.test(reference) || reference.startsWith('.');

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The ids of the methodologies that ship with bagalau. */
export function bundledMethodologyIds(): string[] {
  return readdirSync(bundledMethodologiesDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** Finds the file of a methodology named in `extends` (an id or a path relative to the naming file). */
export function locateMethodology(reference: string, fromDir: string): string | undefined {
  const file = methodologyPath(reference, fromDir);
  return existsSync(file) ? file : undefined;
}

export function resolveMethodologyFile(file: string): ResolvedSource {
  return resolveChain(file, [], undefined);
}

function resolveChain(file: string, seen: string[], referencedAt: SourcePosition | undefined): ResolvedSource {
  // Only a .yaml, .yml or .json file is read as a methodology: a reference to anything else
  // (a system file, a device) is refused before it is opened.
  if (!/\.(ya?ml|json)$/i.test(file)) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'file.not-a-methodology',
      at: referencedAt ?? { file, line: 1, col: 1 },
      message: t('file.not-a-methodology.extension', { file }),
      hint: t('file.not-a-methodology.extension.hint'),
    };
    return { data: undefined, chain: [], diagnostics: [diagnostic], originOf: () => undefined };
  }
  const source = readSourceFile(file);
  const diagnostics = [...source.diagnostics];
  if (referencedAt) for (const d of diagnostics) if (d.code === 'file.not-found') d.at = referencedAt;
  // An id that is no bundled methodology: say which ones there are.
  if (dirname(resolvePath(file)) === resolvePath(bundledMethodologiesDir)) {
    for (const d of diagnostics) {
      if (d.code !== 'file.not-found') continue;
      d.message = t('file.not-found.methodology', { id: basename(file).replace(/\.ya?ml$/, '') });
      d.hint = t('file.not-found.methodology.hint', { ids: bundledMethodologyIds().join(', ') });
    }
  }
  const own = source.data;
  const single = (data: Json | undefined): ResolvedSource => ({
    data,
    chain: [source],
    diagnostics,
    originOf: (p) => withFile(source, p),
  });
  if (own === undefined || diagnostics.some((d) => d.severity === 'error')) return single(undefined);
  if (!isObject(own)) {
    diagnostics.push({
      severity: 'error',
      code: 'file.not-a-methodology',
      at: { file, line: 1, col: 1 },
      message: t('file.not-a-methodology.shape', { file }),
      hint: t('file.not-a-methodology.shape.hint'),
    });
    return single(undefined);
  }
  // A file with none of a methodology's keys is some other file: say so in one line and
  // echo nothing of it (it may hold secrets).
  const methodologyKeys = Object.keys(methodologySchema().properties ?? {});
  if (!Object.keys(own).some((key) => methodologyKeys.includes(key))) {
    diagnostics.push({
      severity: 'error',
      code: 'file.not-a-methodology',
      at: referencedAt ?? { file, line: 1, col: 1 },
      message: t('file.not-a-methodology.keys', { file }),
      hint: t('file.not-a-methodology.keys.hint'),
    });
    return single(undefined);
  }
  const id = typeof own.id === 'string' ? own.id : basename(file).replace(/\.ya?ml$/, '');
  const stamped = stampBases(structuredClone(own), id);
  if (typeof own.extends !== 'string') return single(stamped);

  const extendsOrigin = source.origins.get('/extends');
  const extendsAt = extendsOrigin?.value ?? { file, line: 1, col: 1 };
  const parentFile = locateMethodology(own.extends, dirname(file));
  if (!parentFile) {
    diagnostics.push({
      severity: 'error',
      code: 'extends.not-found',
      at: extendsAt,
      message: t('extends.not-found', { parent: own.extends }),
      hint: t('extends.not-found.hint'),
    });
    return single(undefined);
  }
  const absoluteParent = resolvePath(parentFile);
  const chainFiles = [...seen, resolvePath(file)];
  if (chainFiles.includes(absoluteParent) || chainFiles.length > MAX_DEPTH) {
    diagnostics.push({
      severity: 'error',
      code: 'extends.cycle',
      at: extendsAt,
      message: chainFiles.includes(absoluteParent)
        ? t('extends.cycle', { parent: own.extends, chain: [...chainFiles, absoluteParent].map((f) => basename(f)).join(' → ') })
        : t('extends.cycle.deep', { depth: String(MAX_DEPTH) }),
      hint: t('extends.cycle.hint'),
    });
    return single(undefined);
  }
  const parent = resolveChain(parentFile, chainFiles, extendsAt);
  diagnostics.push(...parent.diagnostics);
  if (!parent.data) return { data: undefined, chain: [source, ...parent.chain], diagnostics, originOf: (p) => withFile(source, p) };

  const merged = mergeFiles(parent.data, stamped, source, diagnostics);
  if (own.sameClauseNumbers === true) reattributeInheritedBases(merged, id, String(parent.data.id ?? ''));
  return {
    data: merged,
    chain: [source, ...parent.chain],
    diagnostics,
    originOf: (p) => withFile(source, p) ?? parent.originOf(p),
  };
}

function withFile(source: SourceFile, pointer: string) {
  const origin = source.origins.get(pointer);
  return origin ? { ...origin, file: source.file } : undefined;
}

/** `basis`, or `<name>Basis` for the basis of a sibling collection (e.g. survey360.answersBasis). */
const isBasisKey = (key: string) => key === 'basis' || key.endsWith('Basis');

function stampBases(node: unknown, source: string): any {
  if (Array.isArray(node)) return node.map((n) => stampBases(n, source));
  if (!isObject(node)) return node;
  for (const [key, value] of Object.entries(node)) {
    if (isBasisKey(key) && isObject(value)) value.source = source;
    else stampBases(value, source);
  }
  return node;
}

/** Almaty numbers its clauses as the model does, so an inherited "clause 6" is Almaty's clause 6. */
function reattributeInheritedBases(node: unknown, childId: string, parentId: string): void {
  if (Array.isArray(node)) {
    node.forEach((n) => reattributeInheritedBases(n, childId, parentId));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (isBasisKey(key) && isObject(value)) {
      if (value.source === parentId && (value.clause !== undefined || value.annex !== undefined)) value.source = childId;
    } else reattributeInheritedBases(value, childId, parentId);
  }
}

interface BasisOwner {
  pointer: string;
  rebased: boolean;
  parentBasis: Json;
}

function mergeFiles(parent: Json, child: Json, source: SourceFile, diagnostics: Diagnostic[]): Json {
  const root = methodologySchema();
  const result: Json = {};
  for (const [key, value] of Object.entries(parent)) if (!identityKeys.has(key)) result[key] = value;
  const here = (pointer: string) => {
    const origin = source.origins.get(pointer);
    return origin?.key ?? origin?.value ?? { file: source.file, line: 1, col: 1 };
  };
  const parentName = String(parent.id ?? 'the extended methodology');

  const describeBasis = (b: Json) =>
    b.clause !== undefined
      ? t('basis.clause', { clause: String(b.clause) })
      : b.annex !== undefined
        ? t('basis.annex', { annex: String(b.annex) })
        : b.law
          ? `${b.law} ${b.article ?? ''}`.trim()
          : t('extends.aSetting');
  const path = (pointer: string) => displayPath(pointer, undefined, currentLanguage());

  const missingBasis = (owner: BasisOwner, changed: string) => {
    diagnostics.push({
      severity: 'error',
      code: 'extends.override-without-basis',
      at: here(changed),
      pointer: changed,
      message: t('extends.override-without-basis', { setting: path(changed), parent: parentName, owner: path(owner.pointer) }),
      clause: t('extends.override-without-basis.clause', {
        basis: describeBasis(owner.parentBasis),
        source: String(owner.parentBasis.source ?? parentName),
      }),
      hint: owner.pointer.endsWith('Basis')
        ? t('extends.override-without-basis.siblingHint', {
            owner: path(owner.pointer),
            example: `${owner.pointer.split('/').pop()}: { clause: "5" }`,
          })
        : t('extends.override-without-basis.hint', { owner: path(owner.pointer), example: 'basis: { clause: "5" }' }),
    });
  };

  const mergeObject = (p: Json, c: Json, pointer: string, schema: SchemaNode | undefined, owner: BasisOwner | undefined): Json => {
    const out: Json = { ...p };
    const ownerHere: BasisOwner | undefined = isObject(p.basis) ? { pointer, rebased: isObject(c.basis), parentBasis: p.basis } : owner;
    const openMap = isOpenMap(schema);
    for (const [key, value] of Object.entries(c)) {
      const childPointer = joinPointer(pointer, key);
      const sub = childSchema(root, schema, key);
      if (isBasisKey(key)) {
        out[key] = value;
        continue;
      }
      if (key === 'add') continue;
      // survey360.answersBasis is the basis of survey360.answers: it owns what is below.
      const siblingBasis = p[`${key}Basis`];
      const ownerBelow: BasisOwner | undefined = isObject(siblingBasis)
        ? { pointer: joinPointer(pointer, `${key}Basis`), rebased: isObject(c[`${key}Basis`]), parentBasis: siblingBasis }
        : ownerHere;
      if (isObject(value) && value.remove === true) {
        if (!(key in p)) {
          diagnostics.push({
            severity: 'error',
            code: 'extends.remove-unknown',
            at: here(childPointer),
            pointer: childPointer,
            message: t('extends.remove-unknown', { setting: path(childPointer), parent: parentName }),
            hint: t('extends.remove-unknown.hint', { parent: parentName, entries: Object.keys(p).join(', ') || t('extends.none') }),
          });
        } else if (!isObject(value.basis)) {
          diagnostics.push({
            severity: 'error',
            code: 'extends.override-without-basis',
            at: here(childPointer),
            pointer: childPointer,
            message: t('extends.remove-without-basis', { setting: path(childPointer), parent: parentName }),
            hint: t('extends.remove-without-basis.hint', { example: 'basis: { clause: "31", note: "…" }' }),
          });
        }
        delete out[key];
        continue;
      }
      if (value === null) {
        // "key: null" drops an inherited setting that does not apply in this act.
        if (ownerHere && !ownerHere.rebased) missingBasis(ownerHere, childPointer);
        delete out[key];
        continue;
      }
      if (!(key in p)) {
        if (openMap && !(isObject(value) && value.add === true)) {
          const known = Object.keys(p);
          diagnostics.push({
            severity: 'error',
            code: 'extends.unknown-override',
            at: here(childPointer),
            pointer: childPointer,
            message: t('extends.unknown-override', { setting: path(childPointer), parent: parentName }),
            hint: didYouMean(key, known) + t('extends.unknown-override.hint'),
          });
        } else if (!(isObject(value) && isObject(value.basis)) && ownerHere && !ownerHere.rebased) {
          missingBasis(ownerHere, childPointer);
        }
        out[key] = stripMarkers(value);
        continue;
      }
      if (isObject(value) && isObject(p[key])) {
        out[key] = mergeObject(p[key], value, childPointer, sub, ownerBelow);
      } else {
        if (ownerBelow && !ownerBelow.rebased) missingBasis(ownerBelow, childPointer);
        out[key] = stripMarkers(value);
      }
    }
    return out;
  };

  for (const [key, value] of Object.entries(child)) {
    if (identityKeys.has(key)) {
      result[key] = value;
      continue;
    }
    const pointer = joinPointer('', key);
    const sub = childSchema(root, root, key);
    if (isObject(value) && isObject(result[key])) result[key] = mergeObject(result[key], value, pointer, sub, undefined);
    else result[key] = stripMarkers(value);
  }
  return result;
}

function stripMarkers(value: unknown): any {
  if (Array.isArray(value)) return value.map(stripMarkers);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'add') out[k] = stripMarkers(v);
  return out;
}

/** "did you mean "x"? " in the language of the run, or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : t('suggest.didYouMean', { word: match }) + ' ';
}

/** The candidate `word` was probably meant to be: one it begins, or one a few letters away. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const extended = candidates.find((c) => c.toLowerCase().startsWith(lower) && lower.length >= 4);
  if (extended) return extended;
  let best: string | undefined,
    bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
