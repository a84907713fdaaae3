// 360 method (clauses 34–37, annexes 5–8): respondents counted without the
// self-assessment; each competency's average = sum of points / number of answers; the
// weakest competencies feed the training plan. No respondent identity is read or kept.
import { describeBasis } from '../../methodology/clause.js';
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
          `response ${index + 1} is from the group "${response.group}", which this methodology does not know`,
          `use one of: ${Object.keys(survey.respondentGroups).join(', ')}`,
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
            `response ${index + 1} answers the competency "${competencyId}", which is not in the questionnaire ${questionnaireId}`,
            `use the competencies of ${questionnaireId}: ${Object.keys(questionnaire.competencies).join(', ')}`,
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
              `response ${index + 1}: "${indicatorId}" is not an indicator statement of ${competencyId}`,
              `use one of: ${Object.keys(competency.indicators).join(', ')}`,
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
              `response ${index + 1}: "${answerId}" is not one of the answer options`,
              `use one of: ${Object.keys(survey.answers).join(', ')}`,
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
          `response ${index + 1} (${response.group}) has no valid answer, so it does not count as a respondent`,
          'remove the empty questionnaire or enter its answers',
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
        `${incomplete.length} response(s) (${incomplete.join(', ')}) leave some of the ${statements} statements of the questionnaire unanswered; each competency's average counts only the answers given`,
        'enter the missing answers if the questionnaires have them; otherwise nothing to do',
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
        `${respondents} respondent(s) answered (self-assessment not counted); the survey needs ${survey.respondents.min} to ${survey.respondents.max}`,
        tooFew
          ? 'collect more responses from the direct manager, subordinates or peers'
          : `keep at most ${survey.respondents.max} respondents`,
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
          `no respondent answered the competency "${competency.title.kk}"`,
          'check the questionnaires collected',
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
