// The compiled conditions must answer exactly as json-rules-engine does — or throw where it
// throws. Every example below is checked against the real library too, so the examples also
// document its quirks; the property tests then compare the two on random conditions and facts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition, factsUsed, OPERATORS, splitSimplePath } from '../../src/engine/conditions.js';
import { evaluateWithJsonRulesEngine } from '../../src/engine/jsonRulesEngineReference.js';
import { loadResolved, type Methodology } from '../../src/methodology/index.js';
import type { TopCondition } from '../../src/methodology/types.generated.js';

type Outcome = { holds: boolean } | { error: Error; refusedAtCompileTime?: boolean };

const asCondition = (condition: unknown) => condition as TopCondition;

function compiledOutcome(condition: unknown, facts: Record<string, unknown>): Outcome {
  let compiled;
  try {
    compiled = compileCondition(asCondition(condition));
  } catch (error) {
    // A refusal counts as throwing: json-rules-engine would throw on every run.
    return { error: error as Error, refusedAtCompileTime: true };
  }
  try {
    return { holds: compiled(facts) };
  } catch (error) {
    return { error: error as Error };
  }
}

async function referenceOutcome(condition: unknown, facts: Record<string, unknown>): Promise<Outcome> {
  try {
    return { holds: await evaluateWithJsonRulesEngine(asCondition(condition), facts) };
  } catch (error) {
    return { error: error as Error };
  }
}

const isUndefinedFact = (outcome: Outcome) => 'error' in outcome && outcome.error.message.startsWith('Undefined fact: ');

/** Asserts that both implementations agree, and returns the shared outcome. */
async function expectSameOutcome(condition: unknown, facts: Record<string, unknown>): Promise<Outcome> {
  const expected = await referenceOutcome(condition, facts);
  const actual = compiledOutcome(condition, facts);
  const describeOutcome = (o: Outcome) => ('error' in o ? `throws ${o.error.message}` : String(o.holds));
  const context = `condition ${JSON.stringify(condition)}\nfacts ${JSON.stringify(facts)}\njson-rules-engine: ${describeOutcome(expected)}\ncompiled: ${describeOutcome(actual)}`;
  expect('error' in actual, context).toBe('error' in expected);
  if ('holds' in expected && 'holds' in actual) expect(actual.holds, context).toBe(expected.holds);
  const missing = factsUsed(asCondition(condition)).filter((name) => !Object.hasOwn(facts, name));
  if ('refusedAtCompileTime' in actual) {
    // Nothing more to compare: the refusal comes before any fact is read.
  } else if (missing.length > 0) {
    // Which missing fact json-rules-engine names depends on Promise timing; ours names the first.
    expect(isUndefinedFact(actual), context).toBe(true);
    expect(
      missing.map((name) => `Undefined fact: ${name}`),
      context,
    ).toContain((actual as { error: Error }).error.message);
  } else {
    expect(isUndefinedFact(expected), context).toBe(false);
    expect(isUndefinedFact(actual), context).toBe(false);
  }
  return expected;
}

async function check(condition: unknown, facts: Record<string, unknown>, expected: boolean | 'throws'): Promise<void> {
  const outcome = await expectSameOutcome(condition, facts);
  expect('error' in outcome ? 'throws' : outcome.holds).toBe(expected);
}

const one = (fact: string, operator: string, value: unknown, path?: string) => ({
  all: [{ fact, operator, value, ...(path === undefined ? {} : { path }) }],
});

describe('operators (each example checked against json-rules-engine as well)', () => {
  it('equal and notEqual compare with ===', async () => {
    await check(one('unitSize', 'equal', 5), { unitSize: 5 }, true);
    await check(one('unitSize', 'equal', 5), { unitSize: '5' }, false);
    await check(one('absenceKind', 'equal', null), { absenceKind: null }, true);
    await check(one('category', 'equal', ['a']), { category: ['a'] }, false); // a list is never === a copy
    await check(one('unitSize', 'notEqual', 5), { unitSize: '5' }, true);
    await check(one('unitSize', 'notEqual', 5), { unitSize: 5 }, false);
    await check(one('unitSize', 'equal', Number.NaN), { unitSize: Number.NaN }, false);
  });

  it('numeric operators need a fact parseFloat can read, then compare with JavaScript coercion', async () => {
    await check(one('unitSize', 'lessThan', 1), { unitSize: 0 }, true);
    await check(one('unitSize', 'lessThan', 1), { unitSize: 1 }, false);
    await check(one('unitSize', 'lessThanInclusive', 1), { unitSize: 1 }, true);
    await check(one('unitSize', 'greaterThan', 1), { unitSize: 2 }, true);
    await check(one('unitSize', 'greaterThanInclusive', 2), { unitSize: 2 }, true);
    await check(one('unitSize', 'greaterThanInclusive', 3), { unitSize: 2 }, false);
    await check(one('unitSize', 'lessThan', 1), { unitSize: '0' }, true); // numeric string passes and coerces
    await check(one('unitSize', 'lessThan', 1), { unitSize: null }, false); // null < 1 in JS, but the validator refuses null
    await check(one('unitSize', 'lessThan', 2), { unitSize: true }, false); // likewise booleans
    await check(one('unitSize', 'lessThan', 20), { unitSize: '12abc' }, false); // validator passes, "12abc" < 20 is NaN < 20
    await check(one('unitSize', 'lessThan', 6), { unitSize: [5] }, true); // [5] reads as 5
    await check(one('unitSize', 'lessThan', '9'), { unitSize: '10' }, true); // string against string
    await check(one('unitSize', 'lessThan', 'b'), { unitSize: 'a' }, false); // "a" is not numeric
    await check(one('unitSize', 'greaterThan', null), { unitSize: 1 }, true); // null as the value coerces to 0
    await check(one('unitSize', 'greaterThan', 1e308), { unitSize: 'Infinity' }, true);
  });

  it('in and notIn look the fact up in the value: a list, or a string searched for the fact as text', async () => {
    await check(one('method', 'in', ['kpi', 'survey360']), { method: 'kpi' }, true);
    await check(one('method', 'in', ['kpi', 'survey360']), { method: 'differentiation' }, false);
    await check(one('method', 'notIn', ['kpi', 'survey360']), { method: 'differentiation' }, true);
    await check(one('method', 'notIn', ['kpi']), { method: 'kpi' }, false);
    await check(one('unitSize', 'in', [1, 2]), { unitSize: '1' }, false); // strict equality
    await check(one('method', 'in', 'kpi-survey'), { method: 'pi-s' }, true); // substring
    await check(one('absenceKind', 'in', 'annull'), { absenceKind: null }, true); // "null" is in "annull"
    await check(one('absenceKind', 'notIn', 'abc'), { absenceKind: null }, true);
  });

  it('in and notIn with a value that is neither a list nor a string throw (ours already at compile time)', async () => {
    for (const value of [5, true, null]) {
      await check(one('unitSize', 'in', value), { unitSize: 5 }, 'throws');
      await check(one('unitSize', 'notIn', value), { unitSize: 5 }, 'throws');
    }
    expect(() => compileCondition(asCondition(one('unitSize', 'in', 5)))).toThrow(/"in" with the number 5; its value must be a list/);
    // A value looked up in the methodology can only be checked when it is read.
    const lookedUp = one('unitSize', 'in', { fact: 'methodology', path: '$.limits' });
    await check(lookedUp, { unitSize: 5, methodology: { limits: [5] } }, true);
    await check(lookedUp, { unitSize: 5, methodology: { limits: 5 } }, 'throws');
    await check(lookedUp, { unitSize: 5, methodology: {} }, 'throws');
  });

  it('contains and doesNotContain need a list fact, otherwise both fail', async () => {
    await check(one('category', 'contains', 'a'), { category: ['a', 'b'] }, true);
    await check(one('category', 'contains', 'c'), { category: ['a', 'b'] }, false);
    await check(one('category', 'doesNotContain', 'c'), { category: ['a', 'b'] }, true);
    await check(one('category', 'doesNotContain', 'a'), { category: ['a', 'b'] }, false);
    await check(one('category', 'contains', 'a'), { category: 'abc' }, false);
    await check(one('category', 'doesNotContain', 'z'), { category: 'abc' }, false);
    await check(one('category', 'doesNotContain', 'z'), { category: null }, false);
    await check(one('category', 'contains', ['a']), { category: [['a']] }, false); // strict equality
  });
});

describe('combinators', () => {
  const yes = { fact: 'unitSize', operator: 'equal', value: 1 };
  const no = { fact: 'unitSize', operator: 'equal', value: 2 };
  const facts = { unitSize: 1 };

  it('all, any and not', async () => {
    await check({ all: [yes, yes] }, facts, true);
    await check({ all: [yes, no] }, facts, false);
    await check({ any: [no, yes] }, facts, true);
    await check({ any: [no, no] }, facts, false);
    await check({ not: yes }, facts, false);
    await check({ not: no }, facts, true);
    await check({ not: { any: [no, { not: yes }] } }, facts, true);
    await check({ all: [{ any: [no, yes] }, { not: { all: [yes, no] } }] }, facts, true);
  });

  it('an empty all and an empty any both hold', async () => {
    await check({ all: [] }, facts, true);
    await check({ any: [] }, facts, true);
    await check({ not: { any: [] } }, facts, false);
  });

  it('refuses what json-rules-engine refuses, and shapes the schema forbids', () => {
    expect(() => compileCondition(asCondition({ not: [yes] }))).toThrow(/not must be one condition/);
    expect(() => compileCondition(asCondition({ all: yes }))).toThrow(/all must be an array/);
    expect(() => compileCondition(asCondition(yes))).toThrow(/exactly one of "all", "any" or "not"/);
    expect(() => compileCondition(asCondition({ all: [{ fact: 'unitSize', operator: 'like', value: 1 }] }))).toThrow(
      /unknown operator "like"/,
    );
    expect(() => compileCondition(asCondition({ all: [{ fact: 'unitSize', operator: 'equal' }] }))).toThrow(/needs "value"/);
    expect(() => compileCondition(asCondition({ all: [yes], any: [yes] }))).toThrow(/write one per object/);
  });
});

describe('facts', () => {
  it('a missing fact throws "Undefined fact", even where the answer is already known', async () => {
    const condition = {
      any: [
        { fact: 'unitSize', operator: 'equal', value: 1 },
        { fact: 'category', operator: 'equal', value: 'x' },
      ],
    };
    await check(condition, { unitSize: 1 }, 'throws');
    expect(() => compileCondition(asCondition(condition))({ unitSize: 1 })).toThrow('Undefined fact: category');
    const inValue = one('unitSize', 'equal', { fact: 'methodology', path: '$.a' });
    await check(inValue, { unitSize: 1 }, 'throws');
  });

  it('a fact present with the value undefined is a defined fact', async () => {
    await check(one('absenceKind', 'equal', null), { absenceKind: undefined }, false);
    await check(one('absenceKind', 'notEqual', null), { absenceKind: undefined }, true);
  });

  it('a value may be another fact, or a value of the methodology found by its path', async () => {
    const methodology = { eligibility: { minimumTimeInPost: { months: 1 } } };
    const shortTenure = one('monthsInPostInPeriod', 'lessThan', { fact: 'methodology', path: '$.eligibility.minimumTimeInPost.months' });
    await check(shortTenure, { monthsInPostInPeriod: 0, methodology }, true);
    await check(shortTenure, { monthsInPostInPeriod: 1, methodology }, false);
    await check(one('unitSize', 'equal', { fact: 'monthsInPostInPeriod' }), { unitSize: 3, monthsInPostInPeriod: 3 }, true);
    // The same object reached on both sides is === itself.
    await check(one('methodology', 'equal', { fact: 'methodology', path: '$.eligibility' }, '$.eligibility'), { methodology }, true);
  });

  it('paths follow own keys only, including length and indices of lists and strings', async () => {
    const methodology = { list: ['a', 'b'], text: 'abc', zero: 0, nothing: null };
    const at = (path: string, operator: string, value: unknown) => one('methodology', operator, value, path);
    await check(at('$.list.length', 'equal', 2), { methodology }, true);
    await check(at('$.list.1', 'equal', 'b'), { methodology }, true);
    await check(at('$.text.length', 'equal', 3), { methodology }, true);
    await check(at('$.text.0', 'equal', 'a'), { methodology }, true);
    await check(at('$.list.constructor', 'equal', undefined), { methodology }, true); // inherited: not found
    await check(at('$.zero.toFixed', 'equal', undefined), { methodology }, true);
    await check(at('$.nothing.x', 'equal', undefined), { methodology }, true);
    await check(at('$.missing.deeper', 'equal', undefined), { methodology }, true);
    await check(at('$', 'equal', undefined), { methodology }, false); // $ is the whole fact
  });

  it('a path on a fact that is not an object or list is ignored', async () => {
    await check(one('unitSize', 'equal', 5, '$.anything'), { unitSize: 5 }, true);
    await check(one('category', 'equal', 'abc', '$.length'), { category: 'abc' }, true); // not 3
    await check(one('absenceKind', 'equal', null, '$.kind'), { absenceKind: null }, true);
    await check(one('category', 'equal', 2, '$.length'), { category: ['a', 'b'] }, true); // a list is an object
  });

  it('refuses, at compile time and naming it, any path that is not simple', () => {
    for (const path of ['$..months', '$.a[0]', "$['a']", '$.*', '$.a.*.b', 'a.b', '$.a..b', '$.', '$.a.@string()', '$.a,b', '$.^']) {
      expect(() => compileCondition(asCondition(one('methodology', 'equal', 1, path))), path).toThrow(`"${path}" is not a simple path`);
      expect(() => compileCondition(asCondition(one('unitSize', 'equal', { fact: 'methodology', path }))), path).toThrow(
        `conditions.all[0].value.path "${path}"`,
      );
    }
    expect(splitSimplePath('$')).toEqual([]);
    expect(splitSimplePath('$.eligibility.minimumTimeInPost.months')).toEqual(['eligibility', 'minimumTimeInPost', 'months']);
    expect(splitSimplePath('$.a-b.0')).toEqual(['a-b', '0']);
  });

  it('factsUsed lists the facts of both sides, once each, in order', () => {
    const condition = {
      all: [
        { fact: 'appointedDuringPeriod', operator: 'equal', value: true },
        { any: [{ fact: 'monthsFromAppointmentToPeriodEnd', operator: 'lessThan', value: { fact: 'methodology', path: '$.x' } }] },
        { not: { fact: 'appointedDuringPeriod', operator: 'equal', value: false } },
      ],
    };
    expect(factsUsed(asCondition(condition))).toEqual(['appointedDuringPeriod', 'monthsFromAppointmentToPeriodEnd', 'methodology']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: random conditions and facts, compiled versus json-rules-engine.

const FACT_NAMES = ['monthsInPostInPeriod', 'appointedDuringPeriod', 'absenceKind', 'category', 'unitSize'] as const;
const ALL_FACT_NAMES = [...FACT_NAMES, 'methodology'] as const;

// Small pools, so that equal values, numeric strings and substrings come up often.
const scalarArb = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, '', '3', '10', '9', '12abc', 'kpi', 'null', 'abc', 'b', 'Infinity', Number.NaN),
  fc.integer({ min: -2, max: 12 }),
  fc.constantFrom(0.5, 2.5),
);
const listArb = fc.array(fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 2 })), { maxLength: 4 });
const objectArb = fc.record({ months: scalarArb, list: listArb, s: scalarArb }, { requiredKeys: [] });
const factValueArb = fc.oneof(
  { arbitrary: scalarArb, weight: 6 },
  { arbitrary: listArb, weight: 2 },
  { arbitrary: objectArb, weight: 2 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);
const methodologyArb = fc.record({
  eligibility: fc.oneof(
    {
      arbitrary: fc.record(
        {
          minimumTimeInPost: fc.oneof(fc.record({ months: factValueArb }), scalarArb),
          kinds: listArb,
          name: scalarArb,
        },
        { requiredKeys: [] },
      ),
      weight: 5,
    },
    { arbitrary: scalarArb, weight: 1 },
  ),
});

const METHODOLOGY_PATHS = [
  '$',
  '$.eligibility',
  '$.eligibility.minimumTimeInPost.months',
  '$.eligibility.minimumTimeInPost',
  '$.eligibility.kinds',
  '$.eligibility.kinds.0',
  '$.eligibility.kinds.length',
  '$.eligibility.name',
  '$.eligibility.name.length',
  '$.missing.deep',
];
const FACT_PATHS = [
  '$',
  '$.months',
  '$.list',
  '$.list.0',
  '$.list.length',
  '$.s',
  '$.s.length',
  '$.length',
  '$.0',
  '$.nope',
  '$.constructor',
  '$.list.map',
  '$.s.toString',
  '$.months.toFixed',
  '$.__proto__',
  '$.hasOwnProperty',
];

const pathFor = (fact: string) => fc.constantFrom(...(fact === 'methodology' ? METHODOLOGY_PATHS : FACT_PATHS));

const factReferenceArb = fc.oneof(
  fc.record({ fact: fc.constant('methodology'), path: pathFor('methodology') }),
  fc.constantFrom(...FACT_NAMES).chain((fact) => fc.record({ fact: fc.constant(fact), path: pathFor(fact) }, { requiredKeys: ['fact'] })),
);
const conditionValueArb = fc.oneof(
  { arbitrary: scalarArb, weight: 4 },
  { arbitrary: listArb, weight: 2 },
  { arbitrary: factReferenceArb, weight: 3 },
);

const factConditionArb = fc.constantFrom(...ALL_FACT_NAMES).chain((fact) =>
  fc.record(
    {
      fact: fc.constant(fact),
      path: pathFor(fact),
      operator: fc.constantFrom(...OPERATORS),
      value: conditionValueArb,
    },
    { requiredKeys: ['fact', 'operator', 'value'] },
  ),
);

/** A condition whose all / any / not nest at most `depth` more levels. */
function conditionArb(depth: number): fc.Arbitrary<unknown> {
  if (depth === 0) return factConditionArb;
  const inner = conditionArb(depth - 1);
  return fc.oneof(
    { arbitrary: factConditionArb, weight: 2 },
    { arbitrary: fc.record({ all: fc.array(inner, { maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ any: fc.array(inner, { maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ not: inner }), weight: 1 },
  );
}
// The root is a combinator; with it, combinators nest up to depth 3.
const topConditionArb = fc.oneof(
  fc.record({ all: fc.array(conditionArb(2), { maxLength: 4 }) }),
  fc.record({ any: fc.array(conditionArb(2), { maxLength: 4 }) }),
  fc.record({ not: conditionArb(2) }),
);

// Usually every fact is there; sometimes one or two are missing.
const factsArb = fc
  .record({
    present: fc.record({
      monthsInPostInPeriod: factValueArb,
      appointedDuringPeriod: factValueArb,
      absenceKind: factValueArb,
      category: factValueArb,
      unitSize: factValueArb,
      methodology: fc.oneof({ arbitrary: methodologyArb, weight: 5 }, { arbitrary: factValueArb, weight: 1 }),
    }),
    missing: fc.oneof(
      { arbitrary: fc.constant([] as string[]), weight: 5 },
      { arbitrary: fc.subarray([...ALL_FACT_NAMES], { maxLength: 2 }), weight: 1 },
    ),
  })
  .map(({ present, missing }) => {
    const facts: Record<string, unknown> = { ...present };
    for (const name of missing) delete facts[name];
    return facts;
  });

describe('compiled conditions against json-rules-engine (property)', () => {
  it('gives the same answer, or throws where it throws, on random conditions and facts', async () => {
    await fc.assert(
      fc.asyncProperty(topConditionArb, factsArb, async (condition, facts) => {
        await expectSameOutcome(condition, facts);
      }),
      { numRuns: 500 },
    );
  });

  it('stays the same when one compiled condition is run on many facts', async () => {
    await fc.assert(
      fc.asyncProperty(topConditionArb, fc.array(factsArb, { minLength: 1, maxLength: 5 }), async (condition, factSets) => {
        let compiled: ((facts: Record<string, unknown>) => boolean) | undefined;
        try {
          compiled = compileCondition(asCondition(condition));
        } catch {
          return; // refusals are compared in the test above
        }
        for (const facts of factSets) {
          const expected = await referenceOutcome(condition, facts);
          let actual: Outcome;
          try {
            actual = { holds: compiled(facts) };
          } catch (error) {
            actual = { error: error as Error };
          }
          expect('error' in actual).toBe('error' in expected);
          if ('holds' in actual && 'holds' in expected) expect(actual.holds).toBe(expected.holds);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The real conditions of the model methodology.

describe('model-2018 eligibility rules', () => {
  const loaded = loadResolved('model-2018');
  if (!loaded.ok) throw new Error(`model-2018 does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const methodology: Methodology = loaded.methodology;
  const rules = Object.entries(methodology.eligibility.rules);

  const plausibleFactsArb = fc
    .record({
      monthsInPostInPeriod: fc.integer({ min: 0, max: 12 }),
      monthsFromAppointmentToPeriodEnd: fc.integer({ min: 0, max: 12 }),
      appointedDuringPeriod: fc.boolean(),
      absentDuringEvaluation: fc.boolean(),
      absenceKind: fc.constantFrom(null, ...Object.keys(methodology.eligibility.absence?.kinds ?? {})),
      dismissedBeforeDeadline: fc.boolean(),
      category: fc.constantFrom(...Object.keys(methodology.categories ?? { a: 1 })),
      positionCategory: fc.constantFrom('D-3', 'D-4', 'E-1'),
      method: fc.constantFrom('kpi', 'differentiation', 'survey360'),
      unitSize: fc.integer({ min: 1, max: 40 }),
    })
    .map((facts) => ({ ...facts, methodology: methodology }));

  it('has rules to test', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  for (const [name, rule] of rules) {
    it(`${name}: compiles and agrees with json-rules-engine on sample facts`, async () => {
      compileCondition(rule.conditions);
      await fc.assert(
        fc.asyncProperty(plausibleFactsArb, async (facts) => {
          await expectSameOutcome(rule.conditions, facts);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('shortTenure holds below the minimum time in post and not at it', () => {
    const shortTenure = compileCondition(methodology.eligibility.rules.shortTenure.conditions);
    const minimum = methodology.eligibility.minimumTimeInPost.months;
    expect(shortTenure({ monthsInPostInPeriod: minimum - 1, methodology })).toBe(true);
    expect(shortTenure({ monthsInPostInPeriod: minimum, methodology })).toBe(false);
    expect(() => shortTenure({ methodology })).toThrow('Undefined fact: monthsInPostInPeriod');
  });
});
