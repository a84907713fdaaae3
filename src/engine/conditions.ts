// Eligibility conditions are written in json-rules-engine's format (all / any / not, fact,
// operator, value) and must mean exactly what json-rules-engine 7.3.1 makes of them. Running
// them through json-rules-engine costs ~100 µs a run (Promises, an almanac, a deep clone of the
// conditions, JSONPath), far too slow for 100,000 servants × 4 quarters × 3 methods × ~5 rules,
// so each condition is compiled once into plain closures that reproduce its semantics, quirks
// included. docs/conditions.md lists them; test/engine/conditions.test.ts proves the
// equivalence against the real library.
import type { TopCondition } from '../methodology/types.generated.js';

export type Facts = Readonly<Record<string, unknown>>;
export type CompiledCondition = (facts: Facts) => boolean;

export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

type Combinator = 'all' | 'any' | 'not';
const COMBINATORS: readonly Combinator[] = ['all', 'any', 'not'];
const FACT_CONDITION_KEYS = new Set(['fact', 'path', 'operator', 'value']);

/** Compiles a methodology condition once into a synchronous test of one set of facts. */
export function compileCondition(condition: TopCondition): CompiledCondition {
  const root = asPlainObject(condition, 'the conditions');
  // json-rules-engine accepts only a combinator (or a named-condition reference, which
  // methodologies cannot use) at the root.
  if (!COMBINATORS.some((key) => hasOwn(root, key))) {
    throw new Error('Condition: the conditions must have exactly one of "all", "any" or "not" at the top');
  }
  const evaluate = compileNode(root, 'conditions');
  const requiredFacts = factsUsed(condition);
  // Reading a fact is cheaper than asking whether it is an own key; only a fact that reads
  // as undefined (or is named like an Object.prototype member) needs the slower question.
  const mayBeInheritedFact = requiredFacts.map((name) => name in Object.prototype);
  // json-rules-engine evaluates every condition of the tree before combining the results, so
  // one fact missing anywhere fails the whole run, whatever the other conditions say.
  return (facts) => {
    for (let index = 0; index < requiredFacts.length; index++) {
      const name = requiredFacts[index];
      if ((facts[name] === undefined || mayBeInheritedFact[index]) && !hasOwn(facts, name)) {
        throw new Error(`Undefined fact: ${name}`);
      }
    }
    return evaluate(facts);
  };
}

/** Every fact a condition reads, on either side of an operator, in order of first use. */
export function factsUsed(condition: TopCondition | object): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const combinator = combinatorOf(record);
    if (combinator) {
      const children = record[combinator];
      for (const child of Array.isArray(children) ? children : [children]) visit(child);
      return;
    }
    if (typeof record.fact === 'string') names.add(record.fact);
    if (isFactReference(record.value) && typeof record.value.fact === 'string') names.add(record.value.fact);
  };
  visit(condition);
  return [...names];
}

/**
 * A simple JSONPath: `$` or `$.a.b.c` with segments of letters, digits, `_` and `-`. These are
 * exactly the paths that jsonpath-plus resolves by plain own-property lookups; anything else
 * (wildcards, brackets, filters, `..`) would need a JSONPath engine at run time.
 */
export function splitSimplePath(path: string, where = 'path'): string[] {
  if (!/^\$(\.[A-Za-z0-9_-]+)*$/.test(path)) {
    throw new Error(
      `Condition: ${where} "${path}" is not a simple path; write it as $ or $.key.key… ` +
        '(letters, digits, _ and - in each key; no brackets, wildcards, filters or ..)',
    );
  }
  return path === '$' ? [] : path.slice(2).split('.');
}

// ---------------------------------------------------------------------------------------------

type Evaluate = (facts: Facts) => boolean;
type Read = (facts: Facts) => unknown;

function compileNode(node: Record<string, unknown>, where: string): Evaluate {
  const combinator = combinatorOf(node);
  if (combinator) return compileCombinator(node, combinator, where);
  if (hasOwn(node, 'fact')) return compileFactCondition(node, where);
  throw new Error(`Condition: ${where} must be all, any, not or a fact condition (fact, operator, value)`);
}

function compileCombinator(node: Record<string, unknown>, combinator: Combinator, where: string): Evaluate {
  const extraKeys = Object.keys(node).filter((key) => key !== combinator);
  if (extraKeys.length > 0) {
    throw new Error(`Condition: ${where} has "${combinator}" and also ${extraKeys.map((k) => `"${k}"`).join(', ')}; write one per object`);
  }
  const operand = node[combinator];
  if (combinator === 'not') {
    if (Array.isArray(operand)) throw new Error(`Condition: ${where}.not must be one condition, not an array`);
    const evaluateInner = compileNode(asPlainObject(operand, `${where}.not`), `${where}.not`);
    return (facts) => !evaluateInner(facts);
  }
  if (!Array.isArray(operand)) throw new Error(`Condition: ${where}.${combinator} must be an array`);
  const evaluators = operand.map((child, index) =>
    compileNode(asPlainObject(child, `${where}.${combinator}[${index}]`), `${where}.${combinator}[${index}]`),
  );
  // json-rules-engine answers true for an empty list, for "any" as well as for "all".
  if (evaluators.length === 0) return () => true;
  if (evaluators.length === 1) return evaluators[0];
  // No short-circuit: json-rules-engine runs every child before combining the answers, so a
  // child that throws (an `in` on a looked-up value that is no list, a comparison with an
  // object that has no primitive value) fails the run even when the answer is already known.
  const wantAll = combinator === 'all';
  return (facts) => {
    let allHold = true;
    let anyHolds = false;
    for (let index = 0; index < evaluators.length; index++) {
      if (evaluators[index](facts)) anyHolds = true;
      else allHold = false;
    }
    return wantAll ? allHold : anyHolds;
  };
}

function compileFactCondition(node: Record<string, unknown>, where: string): Evaluate {
  for (const key of Object.keys(node)) {
    if (!FACT_CONDITION_KEYS.has(key)) throw new Error(`Condition: ${where} has an unknown key "${key}"`);
  }
  for (const key of ['operator', 'value'] as const) {
    if (!hasOwn(node, key)) throw new Error(`Condition: ${where} needs "${key}"`);
  }
  const operator = node.operator;
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
    throw new Error(`Condition: ${where} has an unknown operator ${JSON.stringify(operator)}; use one of ${OPERATORS.join(', ')}`);
  }
  const readFact = compileFactRead(node.fact, node.path, where);
  const value = node.value;
  const isReference = isFactReference(value);
  if (!isReference && (operator === 'in' || operator === 'notIn') && !Array.isArray(value) && typeof value !== 'string') {
    // json-rules-engine would throw a TypeError on every run; say so once, at load time.
    throw new Error(`Condition: ${where} uses "${operator}" with ${describe(value)}; its value must be a list`);
  }
  const compare = COMPARISONS[operator as OperatorName];
  if (isReference) {
    const unknownKey = Object.keys(value).find((key) => key !== 'fact' && key !== 'path');
    if (unknownKey) throw new Error(`Condition: ${where}.value has an unknown key "${unknownKey}"; a fact value is { fact, path }`);
    const readValue = compileFactRead(value.fact, value.path, `${where}.value`);
    return (facts) => compare(readFact(facts), readValue(facts));
  }
  // json-rules-engine compares against a deep clone of the condition, so a literal list or
  // object is never the very object a fact holds; one clone, made here, keeps that true.
  const literal = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  return (facts) => compare(readFact(facts), literal);
}

/** Reads a fact, then its `path` — which json-rules-engine applies only to an object or array. */
function compileFactRead(fact: unknown, path: unknown, where: string): Read {
  if (typeof fact !== 'string' || fact === '') throw new Error(`Condition: ${where}.fact must be a fact name`);
  // An empty path is falsy in json-rules-engine, i.e. no path at all.
  if (path === undefined || path === '') return (facts) => facts[fact];
  if (typeof path !== 'string') throw new Error(`Condition: ${where}.path must be a string`);
  const keys = splitSimplePath(path, `${where}.path`);
  if (keys.length === 0) return (facts) => facts[fact];
  const mustCheckOwn = keys.map(mayBeInherited);
  return (facts) => {
    const factValue = facts[fact];
    // A number, string, boolean or null fact is compared as it is, path or not.
    if (factValue === null || typeof factValue !== 'object') return factValue;
    return followPath(factValue, keys, mustCheckOwn);
  };
}

/**
 * jsonpath-plus steps into a key only when the current value is truthy and has that key as its
 * own property (so `length` and indices of strings and arrays, never inherited members).
 */
function followPath(start: unknown, keys: readonly string[], mustCheckOwn: readonly boolean[]): unknown {
  let current = start;
  for (let index = 0; index < keys.length; index++) {
    if (!current) return undefined;
    const key = keys[index];
    if (mustCheckOwn[index] && !hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Whether a plain object, array, string, number or boolean could inherit this key. Any other
 * key reads as undefined unless it is an own property, so it needs no (slower) own-key check.
 */
function mayBeInherited(key: string): boolean {
  return [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype].some((prototype) => key in prototype);
}

// The operators, as json-rules-engine defines them, with their fact validators folded in.
const COMPARISONS: Record<OperatorName, (factValue: unknown, conditionValue: unknown) => boolean> = {
  equal: (factValue, conditionValue) => factValue === conditionValue,
  notEqual: (factValue, conditionValue) => factValue !== conditionValue,
  // The numeric operators first require a fact that parseFloat reads as a number ("12abc", [5]
  // and "Infinity" pass; null, true, "" and "abc" fail), then compare with JavaScript's own
  // coercing < and >, so "10" < "9" holds as strings do.
  lessThan: (factValue, conditionValue) => isNumeric(factValue) && (factValue as number) < (conditionValue as number),
  lessThanInclusive: (factValue, conditionValue) => isNumeric(factValue) && (factValue as number) <= (conditionValue as number),
  greaterThan: (factValue, conditionValue) => isNumeric(factValue) && (factValue as number) > (conditionValue as number),
  greaterThanInclusive: (factValue, conditionValue) => isNumeric(factValue) && (factValue as number) >= (conditionValue as number),
  in: (factValue, conditionValue) => positionIn(conditionValue, factValue, 'in') !== -1,
  notIn: (factValue, conditionValue) => positionIn(conditionValue, factValue, 'notIn') === -1,
  // contains and doesNotContain both fail, rather than disagree, when the fact is not an array.
  contains: (factValue, conditionValue) => Array.isArray(factValue) && factValue.indexOf(conditionValue) !== -1,
  doesNotContain: (factValue, conditionValue) => Array.isArray(factValue) && factValue.indexOf(conditionValue) === -1,
};

function isNumeric(factValue: unknown): boolean {
  // For a number, parseFloat(String(n)) is NaN only when n is: skip the text round trip.
  if (typeof factValue === 'number') return !Number.isNaN(factValue);
  return !Number.isNaN(Number.parseFloat(factValue as string));
}

/**
 * `in` looks the fact up with the value's indexOf: strict equality in a list, a substring
 * search of the fact's text in a string; any other value makes json-rules-engine throw.
 */
function positionIn(container: unknown, item: unknown, operator: string): number {
  if (Array.isArray(container)) return container.indexOf(item);
  if (typeof container === 'string') return container.indexOf(String(item));
  throw new TypeError(`Condition: "${operator}" needs a list to look in, got ${describe(container)}`);
}

function combinatorOf(node: Record<string, unknown>): Combinator | undefined {
  // json-rules-engine's precedence when several are present: any, then all, then not.
  if (hasOwn(node, 'any')) return 'any';
  if (hasOwn(node, 'all')) return 'all';
  if (hasOwn(node, 'not')) return 'not';
  return undefined;
}

function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return value !== null && typeof value === 'object' && hasOwn(value, 'fact');
}

function asPlainObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Condition: ${where} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function hasOwn(target: unknown, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${Array.isArray(value) ? 'the list' : value === null ? '' : `the ${typeof value}`} ${JSON.stringify(value)}`.trim();
}
