// 360 method (clauses 34–37, annexes 5–8): respondents counted without the
// self-assessment; each competency's average = sum of points / number of answers; the
// weakest competencies feed the training plan. No respondent identity is read or kept.
import { describeBasis } from '../../methodology/clause.js';
import { t } from '../../i18n/index.js';
import type { Survey360 as SurveyData } from '../input.generated.js';
import { mean, roundTo } from '../numbers.js';
import { own } from '../own.js';
import { problem } from '../problems.js';
import type { CompetencyLine, Problem, TraceStep } from '../types.js';
import { settingsOf, type MethodCall, type MethodEvaluator, type MethodOutcome } from './method.js';

export const surveyEvaluator: MethodEvaluator = { kind: 'survey', evaluate: evaluateSurvey };

export function evaluateSurvey(call: MethodCall): MethodOutcome {
  const { methodology, person, field: dataField } = call;
  const survey = settingsOf(call.method, 'survey');
  const questionnaireId = methodology.categories[call.category].questionnaire ?? Object.keys(survey.questionnaires)[0];
  const questionnaire = survey.questionnaires[questionnaireId];
  const place = { person: person.id, period: call.period, method: call.methodId };
  const problems: Problem[] = [];
  const evaluatedOn = (call.data as SurveyData | undefined)?.evaluatedOn;
  const responses = (call.data as SurveyData | undefined)?.responses ?? [];
  // A respondent is a counted response with at least one valid answer: an empty
  // questionnaire must not make up the 3–7 respondents of clause 36.
  let respondents = 0;
  const statements = statementCount(questionnaire);
  /** Responses (1-based) that leave statements unanswered: reported once for the person. */
  const incomplete: number[] = [];
  const sums = new Map<string, { points: number; answers: number }>();
  // for…in rather than Object.entries: this loop runs for every answer of every person.
  for (let index = 0; index < responses.length; index++) {
    const response = responses[index];
    const field = `${dataField}.responses.${index}`;
    const group = own(survey.respondentGroups, response.group);
    if (!group) {
      problems.push(
        problem(
          'survey.unknown-group',
          t('survey.unknown-group', { response: String(index + 1), group: response.group }),
          t('engine.useOneOf', { values: Object.keys(survey.respondentGroups).join(', ') }),
          { ...place, field: `${field}.group`, clause: describeBasis(survey.respondents.basis) },
        ),
      );
      continue;
    }
    let answered = 0;
    for (const competencyId in response.answers) {
      const answers = response.answers[competencyId];
      const competency = own(questionnaire.competencies, competencyId);
      if (!competency) {
        problems.push(
          problem(
            'survey.unknown-competency',
            t('survey.unknown-competency', { response: String(index + 1), competency: competencyId, questionnaire: questionnaireId }),
            t('survey.unknown-competency.hint', {
              questionnaire: questionnaireId,
              competencies: Object.keys(questionnaire.competencies).join(', '),
            }),
            { ...place, field: `${field}.answers.${competencyId}`, clause: describeBasis(questionnaire.basis) },
          ),
        );
        continue;
      }
      let sum = sums.get(competencyId);
      for (const indicatorId in answers) {
        const answerId = answers[indicatorId];
        if (!own(competency.indicators, indicatorId)) {
          problems.push(
            problem(
              'survey.unknown-indicator',
              t('survey.unknown-indicator', { response: String(index + 1), indicator: indicatorId, competency: competencyId }),
              t('engine.useOneOf', { values: Object.keys(competency.indicators).join(', ') }),
              { ...place, field: `${field}.answers.${competencyId}.${indicatorId}`, clause: describeBasis(questionnaire.basis) },
            ),
          );
          continue;
        }
        const answer = own(survey.answers, answerId);
        if (!answer) {
          problems.push(
            problem(
              'survey.unknown-answer',
              t('survey.unknown-answer', { response: String(index + 1), answer: answerId }),
              t('engine.useOneOf', { values: Object.keys(survey.answers).join(', ') }),
              {
                ...place,
                field: `${field}.answers.${competencyId}.${indicatorId}`,
                clause: survey.answersBasis ? describeBasis(survey.answersBasis) : undefined,
              },
            ),
          );
          continue;
        }
        if (!group.counted) continue; // the self-assessment is collected, not counted
        if (!sum) {
          sum = { points: 0, answers: 0 };
          sums.set(competencyId, sum);
        }
        sum.points += answer.points;
        sum.answers += 1;
        answered++;
      }
    }
    if (!group.counted) continue;
    if (answered > 0) {
      respondents++;
      if (answered < statements) incomplete.push(index + 1);
    } else {
      problems.push(
        problem(
          'survey.empty-response',
          t('survey.empty-response', { response: String(index + 1), group: response.group }),
          t('survey.empty-response.hint'),
          { ...place, field },
          'warning',
        ),
      );
    }
  }
  if (incomplete.length > 0) {
    problems.push(
      problem(
        'survey.unanswered-statements',
        t('survey.unanswered-statements', { count: incomplete.length, responses: incomplete.join(', '), statements: String(statements) }),
        t('survey.unanswered-statements.hint'),
        { ...place, field: `${dataField}.responses`, clause: describeBasis(survey.averaging.basis) },
        'warning',
      ),
    );
  }
  const countClause = describeBasis(survey.respondents.basis);
  const trace: TraceStep[] = [
    {
      rule: 'survey.respondents',
      clause: countClause,
      inputs: { responses: responses.length, counted: respondents, min: survey.respondents.min, max: survey.respondents.max },
      result: respondents,
      note: 'the self-assessment is not counted',
    },
  ];
  if (respondents < survey.respondents.min || respondents > survey.respondents.max) {
    const tooFew = respondents < survey.respondents.min;
    problems.push(
      problem(
        tooFew ? 'survey.too-few-respondents' : 'survey.too-many-respondents',
        t('survey.respondents', { count: respondents, min: String(survey.respondents.min), max: String(survey.respondents.max) }),
        tooFew ? t('survey.too-few-respondents.hint') : t('survey.too-many-respondents.hint', { max: String(survey.respondents.max) }),
        { ...place, field: `${dataField}.responses`, clause: countClause },
      ),
    );
    return { status: 'refused', details: { respondents, competencies: [], weakest: [] }, problems, trace, evaluatedOn };
  }
  if (problems.some((p) => p.severity === 'error'))
    return { status: 'error', details: { respondents, competencies: [], weakest: [] }, problems, trace, evaluatedOn };
  const precision = methodology.scores.precision;
  const competencies: CompetencyLine[] = [];
  for (const [id, competency] of Object.entries(questionnaire.competencies)) {
    const sum = sums.get(id);
    if (!sum || sum.answers === 0) {
      problems.push(
        problem(
          'survey.no-answers',
          t('survey.no-answers', { competency: competency.title.kk }),
          t('survey.no-answers.hint'),
          { ...place, field: `${dataField}.responses` },
          'warning',
        ),
      );
      continue;
    }
    competencies.push({
      id,
      title: competency.title.kk,
      answers: sum.answers,
      average: roundTo(sum.points / sum.answers, precision, methodology.scores.rounding),
    });
  }
  const averagingClause = describeBasis(survey.averaging.basis);
  trace.push({
    rule: 'survey.competencyAverages',
    clause: averagingClause,
    inputs: { competencies },
    note: 'per competency: sum of points / number of answers (in competencies), self excluded',
  });
  const weakest = weakestCompetencies(competencies, Object.keys(questionnaire.competencies), survey.weakest);
  trace.push({
    rule: 'survey.weakest',
    clause: describeBasis(survey.weakest.basis),
    inputs: { count: survey.weakest.count, ties: survey.weakest.ties },
    result: weakest,
  });
  if (survey.result.overall === 'none' || competencies.length === 0)
    return { status: 'evaluated', details: { respondents, competencies, weakest }, problems, trace, evaluatedOn };
  const score = roundTo(mean(competencies.map((c) => c.average)), precision, methodology.scores.rounding);
  trace.push({
    rule: 'survey.overall',
    clause: describeBasis(survey.result.basis),
    inputs: { competencies },
    result: score,
    note: 'mean of the competency averages',
  });
  return { status: 'evaluated', score, details: { respondents, competencies, weakest }, problems, trace, evaluatedOn };
}

/**
 * The `count` lowest averages, in questionnaire order among equals. With ties: includeAll, a
 * competency whose average equals that of the last one taken is taken too (equal averages
 * cannot be told apart); with questionnaireOrder exactly `count` are taken.
 */
export function weakestCompetencies(
  competencies: CompetencyLine[],
  order: string[],
  rule: { count: number; ties?: 'includeAll' | 'questionnaireOrder' },
): string[] {
  const sorted = [...competencies].sort((a, b) => a.average - b.average || order.indexOf(a.id) - order.indexOf(b.id));
  const taken = sorted.slice(0, rule.count);
  if (rule.ties === 'includeAll' && taken.length) {
    const cut = taken[taken.length - 1].average;
    taken.push(...sorted.slice(rule.count).filter((c) => c.average === cut));
  }
  return taken.map((c) => c.id);
}

const statementCounts = new WeakMap<object, number>();
/** How many statements a questionnaire has (counted once per questionnaire). */
function statementCount(questionnaire: { competencies: Record<string, { indicators: Record<string, unknown> }> }): number {
  let count = statementCounts.get(questionnaire);
  if (count === undefined) {
    count = 0;
    for (const id in questionnaire.competencies) count += Object.keys(questionnaire.competencies[id].indicators).length;
    statementCounts.set(questionnaire, count);
  }
  return count;
}
