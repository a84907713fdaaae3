// iCalendar (RFC 5545) export of a year timetable: one all-day event per dated deadline,
// importable into Outlook and Google Calendar. Written by hand: the subset needed is small.
import type { DatedTimetableEntry, YearTimetable } from './deadlines.js';
import { localText, t } from '../i18n/index.js';
import { categoryNames, describeBasis, periodLabel, roleName, type TimetableNames } from './timetableText.js';

export interface IcsOptions {
  /** Stable part of every UID, e.g. the methodology id. */
  calendarId: string;
  /** Name shown for the imported calendar. */
  calendarName: string;
  /** DTSTAMP of every event; passed in so that this module reads no clock. */
  generatedAt: Date;
  /** Role and category ids in words. */
  names?: TimetableNames;
}

const MAX_LINE_OCTETS = 75;

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeIcsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space, never inside a
 * UTF-8 sequence (Kazakh letters take two octets each).
 */
export function foldIcsLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let currentOctets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const octets = Buffer.byteLength(character, 'utf8');
    if (currentOctets + octets > limit) {
      pieces.push(current);
      current = '';
      currentOctets = 0;
      limit = MAX_LINE_OCTETS - 1; // continuation lines start with a space
    }
    current += character;
    currentOctets += octets;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

function icsDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function icsTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function uidPart(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, '-');
}

function eventLines(entry: DatedTimetableEntry, year: number, options: IcsOptions): string[] {
  // The title in the language of the run; the Kazakh one too when that is another, as the act names it.
  const title = localText(entry.title) || entry.deadlineId;
  const summary = entry.title.kk && title !== entry.title.kk ? `${title} (${entry.title.kk})` : title;
  const names = options.names ?? {};
  const description = [
    `${periodLabel(entry.period)}: ${entry.rule}.`,
    ...entry.trace.steps,
    entry.responsible ? `${t('schedule.ics.responsible')}: ${roleName(names, entry.responsible)}` : '',
    entry.appliesTo ? `${t('schedule.ics.appliesTo')}: ${categoryNames(names, entry.appliesTo).join(', ')}` : '',
    entry.basis ? `${t('schedule.ics.basis')}: ${describeBasis(entry.basis, options.calendarId)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${uidPart(options.calendarId)}-${year}-${entry.period.id}-${uidPart(entry.deadlineId)}@bagalau`,
    `DTSTAMP:${icsTimestamp(options.generatedAt)}`,
    `DTSTART;VALUE=DATE:${icsDate(entry.date)}`,
    `DTEND;VALUE=DATE:${icsDate(nextDay(entry.date))}`,
    `SUMMARY:${escapeIcsText(`${periodLabel(entry.period)}: ${summary}`)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

export function renderTimetableIcs(timetable: YearTimetable, options: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bagalau//evaluation timetable//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(options.calendarName)}`,
    ...timetable.entries
      .filter((entry): entry is DatedTimetableEntry => entry.date !== undefined)
      .flatMap((entry) => eventLines(entry, timetable.year, options)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
