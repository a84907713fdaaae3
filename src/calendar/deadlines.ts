// Computing deadlines from methodology declarations (calendarRules + deadlines), with a
// trace of every step so that a date can be explained to the person it binds. Pure.
import type { WorkingCalendar } from './calendar.js';
import { CalendarCoverageError, DeadlineDeclarationError, type JsonPath } from './errors.js';
import { currentLanguage, localText, t, type MessageId } from '../i18n/index.js';
import { formatDateWithWeekday, formatLongDate, parseIsoDate, toIsoDate } from './isoDate.js';
import {
  CALENDAR_EVENT_ANCHORS,
  CASE_EVENT_ANCHORS,
  type CalendarRules,
  type DeadlineDeclaration,
  type DeadlineDeclarations,
  type DeadlineOffset,
  type LegalBasis,
  type LocalisedText,
  type NonWorkingDayRule,
} from './types.js';

export type OffsetKind = 'workingDays' | 'workingDaysBefore' | 'calendarDays' | 'dayOfFollowingMonth' | 'years';
const OFFSET_KINDS: OffsetKind[] = ['workingDays', 'workingDaysBefore', 'calendarDays', 'dayOfFollowingMonth', 'years'];
const NON_WORKING_DAY_RULES: NonWorkingDayRule[] = ['next', 'previous', 'keep'];
const EVENT_ANCHORS: readonly string[] = [...CALENDAR_EVENT_ANCHORS, ...CASE_EVENT_ANCHORS];

export interface DeadlineTrace {
  ruleId: string;
  title?: LocalisedText;
  anchor: string;
  anchorDate: string;
  offset: DeadlineOffset;
  termStartsDayAfterEvent: boolean;
  nonWorkingDay: NonWorkingDayRule;
  basis?: LegalBasis;
  steps: string[];
}

export interface ComputedDeadline {
  date: string;
  trace: DeadlineTrace;
}

/** Reads the single counting instruction of an offset; throws when there is not exactly one. */
export function readOffset(offset: DeadlineOffset, deadlineId = '(unnamed)'): { kind: OffsetKind; amount: number } {
  const keys = offset && typeof offset === 'object' ? Object.keys(offset) : [];
  const kinds = keys.filter((key): key is OffsetKind => (OFFSET_KINDS as string[]).includes(key));
  if (keys.length !== 1 || kinds.length !== 1) {
    throw new DeadlineDeclarationError(
      deadlineId,
      ['deadlines', deadlineId, 'offset'],
      t('deadlineDeclaration.offset', { kinds: OFFSET_KINDS.join(', '), found: keys.length ? keys.join(', ') : t('engine.none') }),
    );
  }
  const kind = kinds[0];
  const amount = (offset as Record<string, unknown>)[kind];
  const valid =
    typeof amount === 'number' && Number.isInteger(amount) && (kind === 'dayOfFollowingMonth' ? amount >= 1 && amount <= 31 : amount >= 0);
  if (!valid) {
    throw new DeadlineDeclarationError(
      deadlineId,
      ['deadlines', deadlineId, 'offset', kind],
      kind === 'dayOfFollowingMonth'
        ? t('deadlineDeclaration.dayOfFollowingMonth', { value: String(JSON.stringify(amount)) })
        : t('deadlineDeclaration.amount', { kind, value: String(JSON.stringify(amount)) }),
    );
  }
  return { kind, amount: amount };
}

/** Why a non-working date is off, e.g. "a Sunday" or "a Saturday, Victory Day". */
function nonWorkingReason(calendar: WorkingCalendar, isoDate: string): string {
  const status = calendar.dayStatus(isoDate);
  const weekday = parseIsoDate(isoDate).setLocale(currentLanguage()).toFormat('cccc');
  if (status.because === 'listed') return t('deadlineStep.weekdayListed', { weekday, name: localText(status.entry.name) });
  return t('deadlineStep.weekday', { weekday });
}

/** Non-weekend days off and extra working days met while counting, for the trace. */
function notableDaysBetween(calendar: WorkingCalendar, from: string, to: string): string[] {
  const [first, last] = from <= to ? [from, to] : [to, from];
  const notes: string[] = [];
  for (let date = parseIsoDate(first).plus({ days: 1 }); toIsoDate(date) < last; date = date.plus({ days: 1 })) {
    const status = calendar.dayStatus(toIsoDate(date));
    if (status.because === 'listed')
      notes.push(t('deadlineStep.notCounted', { date: formatDateWithWeekday(status.date), name: localText(status.entry.name) }));
    if (status.because === 'extraWorkingDay')
      notes.push(t('deadlineStep.counted', { date: formatDateWithWeekday(status.date), paired: String(status.entry.pairedWith) }));
  }
  return notes;
}

function applyNonWorkingDayRule(
  calendar: WorkingCalendar,
  date: string,
  rule: NonWorkingDayRule,
  overridden: boolean,
  steps: string[],
): string {
  if (calendar.isWorkingDay(date)) return date;
  const reason = t('deadlineStep.nonWorking', { date: formatLongDate(date), why: nonWorkingReason(calendar, date) });
  const origin = overridden ? t('deadlineStep.origin.own') : t('deadlineStep.origin.rules');
  if (rule === 'next') {
    const moved = calendar.nextWorkingDay(date);
    steps.push(t('deadlineStep.next', { reason, date: formatDateWithWeekday(moved), origin }));
    return moved;
  }
  if (rule === 'previous') {
    const moved = calendar.previousWorkingDay(date);
    steps.push(t('deadlineStep.previous', { reason, date: formatDateWithWeekday(moved), origin }));
    return moved;
  }
  steps.push(t('deadlineStep.keep', { reason, origin }));
  return date;
}

/**
 * The date of one deadline, counted from the date of its anchor. Pass `id` in the
 * declaration to have it named in the trace and in error messages.
 */
export function computeDeadline(
  declaration: DeadlineDeclaration & { id?: string },
  anchorDate: string,
  calendar: WorkingCalendar,
  rules: CalendarRules,
): ComputedDeadline {
  const ruleId = declaration.id ?? '(unnamed)';
  parseIsoDate(anchorDate, `anchor date of deadline "${ruleId}"`);
  const { kind, amount } = readOffset(declaration.offset, ruleId);
  const nonWorkingDay = declaration.nonWorkingDay ?? rules.nonWorkingDay;
  if (!NON_WORKING_DAY_RULES.includes(nonWorkingDay)) {
    throw new DeadlineDeclarationError(
      ruleId,
      ['deadlines', ruleId, 'nonWorkingDay'],
      t('deadlineDeclaration.nonWorkingDay.got', { rules: NON_WORKING_DAY_RULES.join(', '), value: String(JSON.stringify(nonWorkingDay)) }),
    );
  }
  const startsDayAfter = rules.termStartsDayAfterEvent;
  const steps: string[] = [`${declaration.anchor}: ${formatDateWithWeekday(anchorDate)}`];
  const counting = startsDayAfter ? t('deadlineStep.countingDayAfter') : t('deadlineStep.countingSameDay');

  let date: string;
  switch (kind) {
    case 'workingDays': {
      // Counting from the day before makes the event day itself count when the rules say so.
      const from = startsDayAfter ? anchorDate : toIsoDate(parseIsoDate(anchorDate).minus({ days: 1 }));
      date = calendar.addWorkingDays(from, amount);
      steps.push(t('deadlineStep.workingDays', { amount, counting, date: formatDateWithWeekday(date) }));
      steps.push(...notableDaysBetween(calendar, anchorDate, date));
      break;
    }
    case 'workingDaysBefore': {
      const from = startsDayAfter ? anchorDate : toIsoDate(parseIsoDate(anchorDate).plus({ days: 1 }));
      date = calendar.addWorkingDays(from, -amount);
      steps.push(
        t('deadlineStep.workingDaysBefore', { amount, from: startsDayAfter ? 'dayBefore' : 'sameDay', date: formatDateWithWeekday(date) }),
      );
      steps.push(...notableDaysBetween(calendar, date, anchorDate));
      break;
    }
    case 'calendarDays': {
      const days = startsDayAfter || amount === 0 ? amount : amount - 1;
      date = toIsoDate(parseIsoDate(anchorDate).plus({ days }));
      steps.push(t('deadlineStep.calendarDays', { amount, counting, date: formatDateWithWeekday(date) }));
      break;
    }
    case 'dayOfFollowingMonth': {
      const followingMonth = parseIsoDate(anchorDate).startOf('month').plus({ months: 1 });
      const day = Math.min(amount, followingMonth.daysInMonth as number);
      date = toIsoDate(followingMonth.set({ day }));
      steps.push(
        t('deadlineStep.dayOfFollowingMonth', { amount, date: formatDateWithWeekday(date) }) +
          (day !== amount ? t('deadlineStep.shortMonth', { days: day }) : ''),
      );
      break;
    }
    case 'years': {
      // luxon keeps the day of the month, or takes the month's last day (29 Feb → 28 Feb).
      date = toIsoDate(parseIsoDate(anchorDate).plus({ years: amount }));
      steps.push(t('deadlineStep.years', { amount, date: formatDateWithWeekday(date) }));
      break;
    }
  }
  date = applyNonWorkingDayRule(calendar, date, nonWorkingDay, declaration.nonWorkingDay !== undefined, steps);

  return {
    date,
    trace: {
      ruleId,
      title: declaration.title,
      anchor: declaration.anchor,
      anchorDate,
      offset: declaration.offset,
      termStartsDayAfterEvent: startsDayAfter,
      nonWorkingDay,
      basis: declaration.basis,
      steps,
    },
  };
}

// ---------------------------------------------------------------------------------
// Checking a set of declarations as a whole: anchors exist, no cycles.

export interface DeadlineIssue {
  path: JsonPath;
  message: string;
}

/** Problems in a `deadlines:` map, each with the JSON path of the offending value. */
export function checkDeadlineDeclarations(deadlines: DeadlineDeclarations): DeadlineIssue[] {
  const issues: DeadlineIssue[] = [];
  for (const [id, declaration] of Object.entries(deadlines)) {
    try {
      readOffset(declaration.offset, id);
    } catch (error) {
      if (!(error instanceof DeadlineDeclarationError)) throw error;
      issues.push({ path: error.path, message: error.message });
    }
    if (declaration.nonWorkingDay !== undefined && !NON_WORKING_DAY_RULES.includes(declaration.nonWorkingDay)) {
      issues.push({
        path: ['deadlines', id, 'nonWorkingDay'],
        message: t('deadlineDeclaration.nonWorkingDay', { deadline: id, rules: NON_WORKING_DAY_RULES.join(', ') }),
      });
    }
    const anchor = declaration.anchor;
    if (!EVENT_ANCHORS.includes(anchor) && !(anchor in deadlines)) {
      issues.push({
        path: ['deadlines', id, 'anchor'],
        message: t('deadlineDeclaration.anchor', {
          deadline: id,
          anchor,
          events: EVENT_ANCHORS.join(', '),
          deadlines: Object.keys(deadlines).join(', '),
        }),
      });
    }
  }
  for (const id of Object.keys(deadlines)) {
    const cycle = anchorCycleFrom(id, deadlines);
    if (cycle && cycle[0] === id) {
      issues.push({
        path: ['deadlines', id, 'anchor'],
        message: t('deadlineDeclaration.cycle', { deadline: id, chain: cycle.join(' → ') }),
      });
    }
  }
  return issues;
}

function anchorCycleFrom(start: string, deadlines: DeadlineDeclarations): string[] | undefined {
  const chain: string[] = [];
  let current: string | undefined = start;
  while (current !== undefined && !EVENT_ANCHORS.includes(current) && current in deadlines) {
    const seenAt = chain.indexOf(current);
    if (seenAt >= 0) return [...chain.slice(seenAt), current];
    chain.push(current);
    current = deadlines[current].anchor;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------
// Describing a rule in words, for deadlines whose anchor is a case event.

// In the language of the run (the timetable is read by people); the engine's traces keep the words above.
const EVENT_WORDS: Record<string, MessageId> = {
  periodStart: 'deadline.event.periodStart',
  periodEnd: 'deadline.event.periodEnd',
  yearStart: 'deadline.event.yearStart',
  yearEnd: 'deadline.event.yearEnd',
  appointment: 'deadline.event.appointment',
  kpiApproval: 'deadline.event.kpiApproval',
  returnToWork: 'deadline.event.returnToWork',
  evaluationEnd: 'deadline.event.evaluationEnd',
  familiarisation: 'deadline.event.familiarisation',
  application: 'deadline.event.application',
  protocolSigned: 'deadline.event.protocolSigned',
};

export function deadlineTitle(id: string, declaration: DeadlineDeclaration): string {
  return localText(declaration.title) || id;
}

/** e.g. "5 working days after the application", «өтініш берілген күннен кейін 5 жұмыс күні». */
export function describeDeadlineRule(declaration: DeadlineDeclaration, deadlines: DeadlineDeclarations = {}): string {
  const anchor = declaration.anchor;
  const anchorWords = Object.hasOwn(EVENT_WORDS, anchor)
    ? t(EVENT_WORDS[anchor])
    : anchor in deadlines
      ? t('deadline.anchor.deadline', { title: deadlineTitle(anchor, deadlines[anchor]) })
      : t('deadline.anchor.other', { anchor });
  const { kind, amount } = readOffset(declaration.offset);
  switch (kind) {
    case 'workingDays':
      return t('deadline.rule.workingDays', { amount, anchor: anchorWords });
    case 'workingDaysBefore':
      return t('deadline.rule.workingDaysBefore', { amount, anchor: anchorWords });
    case 'calendarDays':
      return t('deadline.rule.calendarDays', { amount, anchor: anchorWords });
    case 'dayOfFollowingMonth':
      return t('deadline.rule.dayOfFollowingMonth', { amount, anchor: anchorWords });
    case 'years':
      return t('deadline.rule.years', { amount, anchor: anchorWords });
  }
}

// ---------------------------------------------------------------------------------
// The timetable of a year.

export type PeriodId = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'year';

export interface TimetablePeriod {
  id: PeriodId;
  label: string;
  start: string;
  end: string;
}

interface TimetableEntryCommon {
  deadlineId: string;
  title: LocalisedText;
  rule: string;
  /** The role responsible, or the roles when several are. */
  responsible?: string | string[];
  appliesTo?: string[];
  basis?: LegalBasis;
}

export interface DatedTimetableEntry extends TimetableEntryCommon {
  period: TimetablePeriod;
  date: string;
  trace: DeadlineTrace;
}

/** A calendar-anchored deadline that cannot be dated, e.g. because it falls in a year the calendar does not cover. */
export interface UndatableTimetableEntry extends TimetableEntryCommon {
  period: TimetablePeriod;
  date?: undefined;
  problem: string;
}

/** A deadline anchored on an event of an individual case; stated as a rule, without a date. */
export type EventRuleEntry = TimetableEntryCommon;

export interface YearTimetable {
  year: number;
  /** The id of the body's methodology: a basis it writes itself is cited without naming the act. */
  methodologyId?: string;
  /** Dated deadlines in date order, then those that cannot be dated. */
  entries: (DatedTimetableEntry | UndatableTimetableEntry)[];
  eventRules: EventRuleEntry[];
}

export function quarterPeriods(year: number): TimetablePeriod[] {
  return [1, 2, 3, 4].map((quarter) => {
    const start = parseIsoDate(`${year}-01-01`).set({ month: quarter * 3 - 2 });
    return {
      id: `Q${quarter}` as PeriodId,
      label: `Q${quarter} ${year}`,
      start: toIsoDate(start),
      end: toIsoDate(start.plus({ months: 3 }).minus({ days: 1 })),
    };
  });
}

export function yearPeriod(year: number): TimetablePeriod {
  return { id: 'year', label: String(year), start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Which kind of anchor a deadline ultimately hangs on (following anchors on other deadlines). */
function rootAnchorKind(id: string, deadlines: DeadlineDeclarations): 'quarter' | 'year' | 'event' {
  let anchor = deadlines[id].anchor;
  while (!EVENT_ANCHORS.includes(anchor)) anchor = deadlines[anchor].anchor;
  if (anchor === 'periodStart' || anchor === 'periodEnd') return 'quarter';
  if (anchor === 'yearStart' || anchor === 'yearEnd') return 'year';
  return 'event';
}

/**
 * Every deadline of `year` that the calendar alone can date — those anchored on the
 * start or end of each quarter, on the end of the year, or on such deadlines — in date
 * order; deadlines anchored on the events of a case are listed as rules.
 * Throws DeadlineDeclarationError when the declarations are inconsistent.
 */
export function yearTimetable(
  deadlines: DeadlineDeclarations,
  calendarRules: CalendarRules,
  year: number,
  calendar: WorkingCalendar,
): YearTimetable {
  const issues = checkDeadlineDeclarations(deadlines);
  if (issues.length > 0) {
    const first = issues[0];
    throw new DeadlineDeclarationError(String(first.path[1]), first.path, first.message.replace(/^deadline "[^"]*": /, ''));
  }
  const ids = Object.keys(deadlines);
  const common = (id: string): TimetableEntryCommon => {
    const declaration = deadlines[id];
    return {
      deadlineId: id,
      title: declaration.title,
      rule: describeDeadlineRule(declaration, deadlines),
      ...(declaration.responsible !== undefined && { responsible: declaration.responsible }),
      ...(declaration.appliesTo !== undefined && { appliesTo: declaration.appliesTo }),
      ...(declaration.basis !== undefined && { basis: declaration.basis }),
    };
  };

  const entries: (DatedTimetableEntry | UndatableTimetableEntry)[] = [];
  const datePerPeriod = (period: TimetablePeriod) => {
    const memo = new Map<string, { date: string; trace: DeadlineTrace } | { problem: string }>();
    const dateOf = (id: string): { date: string; trace: DeadlineTrace } | { problem: string } => {
      const known = memo.get(id);
      if (known) return known;
      const declaration = deadlines[id];
      let anchorDate: string;
      if (declaration.anchor === 'periodStart') anchorDate = period.start;
      else if (declaration.anchor === 'periodEnd') anchorDate = period.end;
      else if (declaration.anchor === 'yearStart') anchorDate = `${year}-01-01`;
      else if (declaration.anchor === 'yearEnd') anchorDate = `${year}-12-31`;
      else {
        const anchorResult = dateOf(declaration.anchor);
        if (!('date' in anchorResult)) {
          const result = { problem: t('deadlineDeclaration.dependsOn', { anchor: declaration.anchor, problem: anchorResult.problem }) };
          memo.set(id, result);
          return result;
        }
        anchorDate = anchorResult.date;
      }
      let result: { date: string; trace: DeadlineTrace } | { problem: string };
      try {
        result = computeDeadline({ ...declaration, id }, anchorDate, calendar, calendarRules);
      } catch (error) {
        // Only a date beyond the calendar is a per-entry problem; anything else is a bug or bad input.
        if (!(error instanceof CalendarCoverageError)) throw error;
        result = { problem: error.message };
      }
      memo.set(id, result);
      return result;
    };
    return dateOf;
  };

  const quarterDaters = quarterPeriods(year).map((period) => ({ period, dateOf: datePerPeriod(period) }));
  const yearDater = { period: yearPeriod(year), dateOf: datePerPeriod(yearPeriod(year)) };
  const eventRules: EventRuleEntry[] = [];
  for (const id of ids) {
    const kind = rootAnchorKind(id, deadlines);
    if (kind === 'event') {
      eventRules.push(common(id));
      continue;
    }
    for (const { period, dateOf } of kind === 'quarter' ? quarterDaters : [yearDater]) {
      const result = dateOf(id);
      entries.push(
        'date' in result
          ? { ...common(id), period, date: result.date, trace: result.trace }
          : { ...common(id), period, problem: result.problem },
      );
    }
  }

  const periodOrder: PeriodId[] = ['Q1', 'Q2', 'Q3', 'Q4', 'year'];
  entries.sort((a, b) => {
    if (a.date === undefined || b.date === undefined) {
      if (a.date !== b.date) return a.date === undefined ? 1 : -1;
    } else if (a.date !== b.date) {
      return a.date < b.date ? -1 : 1;
    }
    const byPeriod = periodOrder.indexOf(a.period.id) - periodOrder.indexOf(b.period.id);
    return byPeriod !== 0 ? byPeriod : ids.indexOf(a.deadlineId) - ids.indexOf(b.deadlineId);
  });
  return { year, entries, eventRules };
}
