// Kind "parameters" (the 2018 model's differentiation method, clauses 29–33, annex 4;
// the 2025 model's quarterly evaluation): criteria scored on a scale, a justification,
// the mean. With several evaluators, each fills a sheet and the method's
// evaluators.combine says how the sheets make one score.
import { describeBasis } from '../../methodology/clause.js';
import { localText, t } from '../../i18n/index.js';
import type { EvaluatorSheet, MethodData } from '../input.generated.js';
import { mean } from '../numbers.js';
import { own } from '../own.js';
import { problem } from '../problems.js';
import type { ParameterLine, Problem, TraceStep } from '../types.js';
import { settingsOf, type MethodCall, type MethodEvaluator, type MethodOutcome } from './method.js';

type SheetOutcome = { sheet: EvaluatorSheet; field: string; parameters: ParameterLine[]; score?: number };

export const parametersEvaluator: MethodEvaluator = {
  kind: 'parameters',
  evaluate(call: MethodCall): MethodOutcome {
    const { methodology, method, person, period, field } = call;
    const sheetSettings = settingsOf(method, 'sheet');
    const evaluators = method.evaluators;
    const place = { person: person.id, period, method: call.methodId };
    const problems: Problem[] = [];
    const trace: TraceStep[] = [];
    const data = call.data as MethodData;
    if (!data.sheets) {
      if (!data.scores) {
        problems.push(
          problem('parameters.no-scores', t('parameters.no-scores', { field }), t('parameters.no-scores.hint', { field }), {
            ...place,
            field,
            clause: describeBasis(sheetSettings.basis),
          }),
        );
        return { problems, trace, details: {} };
      }
      // One sheet written without sheets: (every pre-2026 input): the sheet of the method's evaluator.
      const single = scoreSheet(call, data, field, problems);
      const details = { parameters: single.parameters, justification: data.justification };
      if (single.score === undefined) return { problems, trace, details, evaluatedOn: data.evaluatedOn };
      trace.push({
        rule: 'parameters.score',
        clause: describeBasis(sheetSettings.aggregation.basis),
        inputs: { parameters: single.parameters },
        result: single.score,
        note: 'sum of the parameter scores divided by their number',
      });
      return { score: single.score, problems, trace, details, evaluatedOn: data.evaluatedOn };
    }
    const sheets = data.sheets.map((sheet, index) => ({ sheet, field: `${field}.sheets.${index}` }));
    const evaluatorsClause = evaluators ? describeBasis(evaluators.basis) : describeBasis(method.basis);
    const outcomes: SheetOutcome[] = [];
    for (const { sheet, field: sheetField } of sheets) {
      if (evaluators && !evaluators.roles.includes(sheet.role)) {
        problems.push(
          problem(
            'parameters.unknown-evaluator',
            t('parameters.unknown-evaluator', { role: sheet.role }),
            t('parameters.unknown-evaluator.hint', { roles: evaluators.roles.join(', ') }),
            { ...place, field: `${sheetField}.role`, clause: evaluatorsClause },
          ),
        );
        continue;
      }
      if (sheet.delegatedTo !== undefined && !delegationAllowed(call, sheet, problems, sheetField, trace)) continue;
      outcomes.push({ sheet, field: sheetField, ...scoreSheet(call, sheet, sheetField, problems) });
    }
    if (evaluators?.combine === 'jointSheet' && outcomes.length > 1) {
      problems.push(
        problem(
          'parameters.joint-sheet-repeated',
          t('parameters.joint-sheet-repeated', { count: outcomes.length }),
          t('parameters.joint-sheet-repeated.hint', { field }),
          { ...place, field: `${field}.sheets`, clause: evaluatorsClause },
        ),
      );
    }
    if (evaluators) {
      for (const role of evaluators.combine === 'jointSheet' ? [] : evaluators.roles) {
        const count = outcomes.filter((o) => o.sheet.role === role).length;
        if (count === 0) {
          problems.push(
            problem(
              'parameters.sheet-missing',
              t('parameters.sheet-missing', { title: localText(own(methodology.roles, role)?.title) || role, role }),
              t('parameters.sheet-missing.hint', { role, field }),
              { ...place, field: `${field}.sheets`, clause: evaluatorsClause },
            ),
          );
        } else if (count > 1) {
          problems.push(
            problem(
              'parameters.sheet-repeated',
              t('parameters.sheet-repeated', { count, role }),
              t('parameters.sheet-repeated.hint', { role }),
              { ...place, field: `${field}.sheets`, clause: evaluatorsClause },
            ),
          );
        }
      }
    }
    const evaluatedOn = [...sheets.map((s) => s.sheet.evaluatedOn)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    const details: MethodOutcome['details'] = {};
    if (problems.some((p) => p.severity === 'error') || outcomes.some((o) => o.score === undefined)) {
      details.sheets = outcomes.map((o) => sheetResult(call, o));
      return { problems, trace, details, evaluatedOn };
    }
    const combine = evaluators?.combine ?? 'single';
    let score: number;
    if (outcomes.length === 1) {
      score = outcomes[0].score!;
      details.parameters = outcomes[0].parameters;
      trace.push({
        rule: 'parameters.score',
        clause: describeBasis(sheetSettings.aggregation.basis),
        inputs: { parameters: outcomes[0].parameters },
        result: score,
        note: 'sum of the parameter scores divided by their number',
      });
    } else if (combine === 'finalRole') {
      const final = outcomes.find((o) => o.sheet.role === evaluators!.finalRole)!;
      for (const other of outcomes) {
        if (other !== final && other.sheet.evaluatedOn && final.sheet.evaluatedOn && other.sheet.evaluatedOn > final.sheet.evaluatedOn) {
          problems.push(
            problem(
              'parameters.final-before-others',
              t('parameters.final-before-others', {
                final: final.sheet.role,
                finalOn: final.sheet.evaluatedOn,
                other: other.sheet.role,
                otherOn: other.sheet.evaluatedOn,
              }),
              t('parameters.final-before-others.hint'),
              { ...place, field: `${final.field}.evaluatedOn`, clause: evaluatorsClause },
              'warning',
            ),
          );
        }
      }
      score = final.score!;
      details.parameters = final.parameters;
      trace.push({
        rule: 'parameters.combine',
        clause: evaluatorsClause,
        inputs: Object.fromEntries(outcomes.map((o) => [o.sheet.role, o.score])),
        result: score,
        note: `the score of ${final.sheet.role} stands once the others have given theirs (evaluators.combine: finalRole)`,
      });
    } else {
      score = mean(outcomes.map((o) => o.score!));
      details.parameters = Object.keys(sheetSettings.parameters)
        .filter((id) => outcomes.every((o) => o.parameters.some((p) => p.id === id)))
        .map((id) => ({
          id,
          title: sheetSettings.parameters[id].title.kk,
          score: mean(outcomes.map((o) => o.parameters.find((p) => p.id === id)!.score)),
        }));
      trace.push({
        rule: 'parameters.combine',
        clause: evaluatorsClause,
        inputs: Object.fromEntries(outcomes.map((o) => [o.sheet.role, o.score])),
        result: score,
        note: `the mean of the evaluators' scores (evaluators.combine: ${combine})`,
      });
    }
    details.sheets = outcomes.map((o) => sheetResult(call, o));
    details.combined = combine;
    return { score, problems, trace, details, evaluatedOn };
  },
};

/** The scores of one sheet: each criterion on the scale, the justifications, their mean. */
function scoreSheet(
  call: MethodCall,
  sheet: { scores?: Record<string, number>; justification?: string; justifications?: Record<string, string> },
  field: string,
  problems: Problem[],
): { parameters: ParameterLine[]; score?: number } {
  const { method, person, period } = call;
  const settings = settingsOf(method, 'sheet');
  const place = { person: person.id, period, method: call.methodId };
  const parameters: ParameterLine[] = [];
  const before = problems.length;
  const scores = sheet.scores ?? {};
  for (const [id, parameter] of Object.entries(settings.parameters)) {
    const score = Object.hasOwn(scores, id) ? scores[id] : undefined;
    if (score === undefined) {
      problems.push(
        problem(
          'parameters.missing-parameter',
          t('parameters.missing-parameter', { title: parameter.title.kk, id }),
          t('parameters.missing-parameter.hint', { field, id }),
          {
            ...place,
            field: `${field}.scores`,
            clause: describeBasis(settings.basis),
          },
        ),
      );
      continue;
    }
    if (score < settings.scale.min || score > settings.scale.max) {
      problems.push(
        problem(
          'parameters.score-outside-scale',
          t('parameters.score-outside-scale', {
            score: String(score),
            title: parameter.title.kk,
            min: String(settings.scale.min),
            max: String(settings.scale.max),
          }),
          t('engine.scoreBetween', { min: String(settings.scale.min), max: String(settings.scale.max) }),
          { ...place, field: `${field}.scores.${id}`, clause: describeBasis(settings.scale.basis) },
        ),
      );
      continue;
    }
    const justification = sheet.justifications && Object.hasOwn(sheet.justifications, id) ? sheet.justifications[id] : undefined;
    parameters.push(
      justification !== undefined ? { id, title: parameter.title.kk, score, justification } : { id, title: parameter.title.kk, score },
    );
  }
  for (const id of Object.keys(scores)) {
    if (!Object.hasOwn(settings.parameters, id)) {
      problems.push(
        problem(
          'parameters.unknown-parameter',
          t('parameters.unknown-parameter', { id }),
          t('parameters.unknown-parameter.hint', { parameters: Object.keys(settings.parameters).join(', ') }),
          { ...place, field: `${field}.scores.${id}`, clause: describeBasis(settings.basis) },
        ),
      );
    }
  }
  if (settings.justification.required) {
    if (settings.justification.perParameter) {
      for (const id of Object.keys(settings.parameters)) {
        if (!sheet.justifications?.[id]?.trim() && !(Object.keys(settings.parameters).length === 1 && sheet.justification?.trim())) {
          problems.push(
            problem(
              'parameters.justification-missing',
              t('parameters.justification-missing.parameter', { title: settings.parameters[id].title.kk }),
              t('parameters.justification-missing.parameter.hint', { field, id }),
              { ...place, field: `${field}.justifications`, clause: describeBasis(settings.justification.basis) },
            ),
          );
        }
      }
    } else if (!sheet.justification?.trim() && !Object.values(sheet.justifications ?? {}).some((j) => j.trim())) {
      problems.push(
        problem(
          'parameters.justification-missing',
          t('parameters.justification-missing'),
          t('parameters.justification-missing.hint', { field }),
          {
            ...place,
            field: `${field}.justification`,
            clause: describeBasis(settings.justification.basis),
          },
        ),
      );
    }
  }
  const failed = problems.slice(before).some((p) => p.severity === 'error');
  return { parameters, score: failed ? undefined : mean(parameters.map((p) => p.score)) };
}

/** A sheet filled by another role than the one it is for: a delegation or a substitute the method allows. */
function delegationAllowed(call: MethodCall, sheet: EvaluatorSheet, problems: Problem[], field: string, trace: TraceStep[]): boolean {
  const evaluators = call.method.evaluators;
  const place = { person: call.person.id, period: call.period, method: call.methodId };
  const delegation = Object.entries(evaluators?.delegations ?? {}).find(([, d]) => d.role === sheet.role && d.to === sheet.delegatedTo);
  if (delegation) {
    trace.push({
      rule: `evaluators.delegations.${delegation[0]}`,
      clause: describeBasis(delegation[1].basis),
      inputs: { role: sheet.role, evaluatedBy: sheet.delegatedTo, name: sheet.name },
      note: delegation[1].when?.en ?? delegation[1].when?.kk ?? 'evaluated by delegation',
    });
    return true;
  }
  if (evaluators && evaluators.substitute === sheet.delegatedTo) {
    trace.push({
      rule: 'evaluators.substitute',
      clause: evaluators.substituteBasis ? describeBasis(evaluators.substituteBasis) : describeBasis(evaluators.basis),
      inputs: { role: sheet.role, evaluatedBy: sheet.delegatedTo, name: sheet.name, actingFor: sheet.actingFor },
      note: 'the absent evaluator is replaced',
    });
    return true;
  }
  const allowed = [
    evaluators?.substitute,
    ...Object.values(evaluators?.delegations ?? {})
      .filter((d) => d.role === sheet.role)
      .map((d) => d.to),
  ].filter(Boolean);
  problems.push(
    problem(
      'parameters.delegation-not-allowed',
      t('parameters.delegation-not-allowed', { role: sheet.role, delegatedTo: String(sheet.delegatedTo) }),
      allowed.length
        ? t('engine.useOneOf', { values: allowed.join(', ') })
        : t('parameters.delegation-not-allowed.none', { role: sheet.role }),
      { ...place, field: `${field}.delegatedTo`, clause: evaluators ? describeBasis(evaluators.basis) : undefined },
    ),
  );
  return false;
}

function sheetResult(call: MethodCall, outcome: SheetOutcome) {
  const { sheet } = outcome;
  return {
    role: sheet.role,
    roleTitle: own(call.methodology.roles, sheet.delegatedTo ?? sheet.role)?.title.kk ?? sheet.role,
    ...(sheet.name !== undefined && { name: sheet.name }),
    ...(sheet.evaluatedOn !== undefined && { evaluatedOn: sheet.evaluatedOn }),
    ...(outcome.score !== undefined && { score: outcome.score }),
    parameters: outcome.parameters,
    ...(sheet.delegatedTo !== undefined && { delegatedTo: sheet.delegatedTo }),
    ...(sheet.actingFor !== undefined && { substituteFor: sheet.actingFor }),
  };
}
