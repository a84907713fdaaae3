// Deadline declarations as they appear in a methodology YAML file under `calendarRules:`
// and `deadlines:`. Kept identical to the shape in schemas/methodology.schema.json
// (which will later generate these types).

/** What to do when a deadline counted in calendar days, months or years lands on a non-working day. */
export type NonWorkingDayRule = 'next' | 'previous' | 'keep';

/** Where a rule comes from (same fields as the methodology schema's `basis`). */
export interface LegalBasis {
  clause?: string;
  paragraph?: number;
  subclause?: number;
  annex?: number;
  law?: string;
  article?: string;
  /** true when the texts are silent and the value is bagalau's documented default. */
  setting?: true;
  text?: LocalisedText;
  note?: string;
  source?: string;
}

export interface LocalisedText {
  kk: string;
  en?: string;
  ru?: string;
}

/** Methodology-level counting conventions. */
export interface CalendarRules {
  /** Civil Code art. 187: a term starts the day after the event that starts it. */
  termStartsDayAfterEvent: boolean;
  /** Civil Code art. 188: a term ending on a non-working day ends on the next working day. */
  nonWorkingDay: NonWorkingDayRule;
  basis?: LegalBasis;
}

/** Events with a date of their own; calendar events have a date the calendar alone fixes. */
export const CALENDAR_EVENT_ANCHORS = ['periodStart', 'periodEnd', 'yearEnd'] as const;
export const CASE_EVENT_ANCHORS = [
  'appointment',
  'kpiApproval',
  'returnToWork',
  'evaluationEnd',
  'familiarisation',
  'application',
  'protocolSigned',
] as const;

export type CalendarEventAnchor = (typeof CALENDAR_EVENT_ANCHORS)[number];
export type CaseEventAnchor = (typeof CASE_EVENT_ANCHORS)[number];
export type EventAnchor = CalendarEventAnchor | CaseEventAnchor;

/** An event name, or the id of another deadline (whose date is then the anchor). */
export type DeadlineAnchor = EventAnchor | (string & {});

/** Exactly one way of counting from the anchor. */
export type DeadlineOffset =
  | { workingDays: number }
  | { workingDaysBefore: number }
  | { calendarDays: number }
  | { dayOfFollowingMonth: number }
  | { years: number };

export interface DeadlineDeclaration {
  title: LocalisedText;
  anchor: DeadlineAnchor;
  offset: DeadlineOffset;
  /** Overrides calendarRules.nonWorkingDay for this deadline. */
  nonWorkingDay?: NonWorkingDayRule;
  /** Role id of whoever must meet the deadline. */
  responsible?: string;
  /** Category ids the deadline applies to; all when absent. */
  appliesTo?: string[];
  basis?: LegalBasis;
}

/** The `deadlines:` map of a methodology, keyed by deadline id. */
export type DeadlineDeclarations = Record<string, DeadlineDeclaration>;
