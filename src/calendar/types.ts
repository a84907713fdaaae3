// Deadline declarations as they appear in a methodology YAML file under `calendarRules:`
// and `deadlines:`, typed from schemas/methodology.schema.json.

import type { Basis, CalendarRules as MethodologyCalendarRules, Deadline, Text } from '../methodology/types.generated.js';

// The declaration types come from the methodology schema (one source of truth); the
// calendar only loosens what its own callers may leave out (a basis, for test fixtures
// and the Civil Code defaults).

/** What to do when a deadline counted in calendar days, months or years lands on a non-working day. */
export type NonWorkingDayRule = MethodologyCalendarRules['nonWorkingDay'];

/** Where a rule comes from (the methodology schema's `basis`). */
export type LegalBasis = Basis;

export type LocalisedText = Text;

/** Methodology-level counting conventions (Civil Code art. 187 and 188). */
export type CalendarRules = Omit<MethodologyCalendarRules, 'basis'> & { basis?: Basis };

/** Events with a date of their own; calendar events have a date the calendar alone fixes. */
export const CALENDAR_EVENT_ANCHORS = ['periodStart', 'periodEnd', 'yearStart', 'yearEnd'] as const;
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

/** Exactly one way of counting from the anchor (the schema allows one key; readOffset checks it). */
export type DeadlineOffset = Deadline['offset'];

export type DeadlineDeclaration = Omit<Deadline, 'basis' | 'add' | 'remove' | 'anchor'> & { anchor: DeadlineAnchor; basis?: Basis };

/** The `deadlines:` map of a methodology, keyed by deadline id. */
export type DeadlineDeclarations = Record<string, DeadlineDeclaration>;
