// Deadlines attached to results, counted on the working-day calendar from the
// methodology's declarations; an event that happened after its deadline is flagged.
import { CalendarCoverageError, computeDeadline } from '../calendar/index.js';
import { describeBasis } from '../methodology/clause.js';
import { localText, t } from '../i18n/index.js';
import type { EngineContext } from './context.js';
import { problem, type ProblemPlace } from './problems.js';
import type { DeadlineResult, Problem } from './types.js';

const memo = new WeakMap<EngineContext, Map<string, { date: string; steps: string[] }>>();

/** The date of deadline `id` counted from `anchorDate`; many people share anchors, so results are memoised. */
export function deadlineDate(context: EngineContext, id: string, anchorDate: string): { date: string; steps: string[] } | undefined {
  const declaration = context.methodology.deadlines[id];
  if (!declaration) return undefined;
  let cache = memo.get(context);
  if (!cache) {
    cache = new Map();
    memo.set(context, cache);
  }
  const key = `${id}@${anchorDate}`;
  let computed = cache.get(key);
  if (!computed) {
    const result = computeDeadline({ ...declaration, id }, anchorDate, context.calendar, context.methodology.calendarRules);
    computed = { date: result.date, steps: result.trace.steps };
    cache.set(key, computed);
  }
  return computed;
}

export function deadlineResult(
  context: EngineContext,
  id: string,
  anchorDate: string,
  actual: string | undefined,
  place: ProblemPlace,
  problems: Problem[],
  field?: string,
): DeadlineResult | undefined {
  let computed;
  try {
    computed = deadlineDate(context, id, anchorDate);
  } catch (error) {
    // A mistyped date (2062 for 2026) must cost only this deadline, not the person's results.
    if (!(error instanceof CalendarCoverageError)) throw error;
    problems.push(
      problem(
        'date.outside-calendar',
        t('date.outside-calendar.deadline', { deadline: id, anchor: anchorDate, reason: error.message }),
        t('date.outside-calendar.deadline.hint', { anchor: anchorDate }),
        { ...place, field },
      ),
    );
    return undefined;
  }
  if (!computed) return undefined;
  const declaration = context.methodology.deadlines[id];
  const clause = describeBasis(declaration.basis);
  const late = actual !== undefined ? actual > computed.date : undefined;
  if (late) {
    problems.push(
      problem(
        'deadline.late',
        t('deadline.late', {
          title: localText(declaration.title),
          actual: String(actual),
          deadline: computed.date,
        }),
        t('deadline.late.hint'),
        { ...place, field, clause },
        'warning',
      ),
    );
  }
  return { id, title: declaration.title.kk, date: computed.date, clause, actual, late, steps: computed.steps };
}

/**
 * A deadline whose anchor is an event among `anchors` (periodEnd, appointment…) or another
 * deadline counted from one: the chain is followed to its event first.
 */
export function anchoredDeadline(
  context: EngineContext,
  id: string,
  anchors: Record<string, string | undefined>,
  actual: string | undefined,
  place: ProblemPlace,
  problems: Problem[],
  field?: string,
): DeadlineResult | undefined {
  const anchorDate = (deadlineId: string, depth: number): string | undefined => {
    const anchor = context.methodology.deadlines[deadlineId]?.anchor;
    if (anchor === undefined || depth > 10) return undefined;
    if (anchor in anchors) return anchors[anchor];
    const from = anchorDate(anchor, depth + 1);
    return from === undefined ? undefined : deadlineDate(context, anchor, from)?.date;
  };
  let date: string | undefined;
  try {
    date = anchorDate(id, 0);
  } catch (error) {
    if (!(error instanceof CalendarCoverageError)) throw error;
    return undefined;
  }
  return date === undefined ? undefined : deadlineResult(context, id, date, actual, place, problems, field);
}
