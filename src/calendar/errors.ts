import { t } from '../i18n/index.js';
import { formatDiagnostic, type Diagnostic } from '../methodology/diagnostic.js';

/** Path of a value inside a parsed document: object keys and array indexes. */
export type JsonPath = (string | number)[];

// Errors a user can cause through the calendar: each message names the date or the
// file position, what is wrong and what to do.

export class CalendarCoverageError extends Error {
  constructor(
    readonly date: string,
    readonly calendarLabel: string,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(t('calendar.not-covered', { date, calendar: calendarLabel, first: String(firstYear), last: String(lastYear) }));
    this.name = 'CalendarCoverageError';
  }
}

/** A calendar file that cannot be used; its diagnostics say where and why. */
export class CalendarFileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'CalendarFileError';
  }
}

/** A deadline declaration that cannot be computed (unknown anchor, cycle, bad offset). */
export class DeadlineDeclarationError extends Error {
  constructor(
    readonly deadlineId: string,
    readonly path: (string | number)[],
    detail: string,
  ) {
    super(t('deadlineDeclaration.error', { deadline: deadlineId, detail }));
    this.name = 'DeadlineDeclarationError';
  }
}
