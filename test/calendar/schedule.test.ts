import { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldIcsLine } from '../../src/calendar/index.js';
import { registerSchedule } from '../../src/cli/schedule.js';
import { capturingIo } from '../helpers/cli.js';

const fixture = 'model-2018';

/** A small body methodology that extends the model and changes its deadlines. */
function bodyWithDeadlines(name: string, deadlines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bagalau-schedule-')), `${name}.yaml`);
  writeFileSync(
    file,
    [
      `id: ${name}`,
      'extends: model-2018',
      'title: { kk: Сынақ }',
      'body: { name: { kk: Сынақ органы } }',
      'act: { kind: { kk: бұйрық }, number: "1", date: "2024-01-10" }',
      'inForce: { from: "2024-01-10" }',
      'formHeader: { kk: Сынақ органының әдістемесіне }',
      'deadlines:',
      deadlines,
      '',
    ].join('\n'),
  );
  return file;
}

/** Runs `schedule` on a fresh program with a fixed clock. */
async function runSchedule(...args: string[]) {
  const { io, text } = capturingIo();
  const program = new Command('bagalau').exitOverride();
  registerSchedule(program, io, { now: () => new Date('2024-01-02T03:04:05.678Z') });
  await program.parseAsync(['schedule', ...args], { from: 'user' });
  return { out: text.out, err: text.err, exitCode: io.exitCode };
}

describe('bagalau schedule', () => {
  it("names the act of an inherited clause, and cites the body's own clauses alone", async () => {
    const file = bodyWithDeadlines('own-clause', '  notifyHeads:\n    basis: { clause: "26" }');
    const { out } = await runSchedule('--methodology', file, '--year', '2026', '--format', 'csv', '--csv-style', 'rfc4180');
    const basisOf = (id: string) => out.split('\n').find((line) => line.split(',')[3] === id)!;
    expect(basisOf('notifyHeads')).toContain(',clause 26,');
    expect(basisOf('quarterlyEvaluation')).toContain('clause 5 of model-2018');
  });

  it('lists the law in force today: model-2025 quarters due on the 20th, the yearly score by 1 February 2027, citing the public report', async () => {
    const { out, exitCode } = await runSchedule(
      '--methodology',
      'model-2025',
      '--year',
      '2026',
      '--format',
      'csv',
      '--csv-style',
      'rfc4180',
    );
    expect(exitCode).toBe(0);
    const dated = out.split('\n').filter((line) => /^\d{4}-\d\d-\d\d,/.test(line));
    expect(dated.map((line) => line.split(',')).map((c) => `${c[0]} ${c[1]} ${c[2]} ${c[3]}`)).toEqual([
      '2026-04-20 Monday Q1 2026 quarterlyEvaluation',
      '2026-07-20 Monday Q2 2026 quarterlyEvaluation',
      '2026-10-20 Tuesday Q3 2026 quarterlyEvaluation',
      '2027-01-20 Wednesday Q4 2026 quarterlyEvaluation',
      '2027-02-01 Monday 2026 yearResult', // 30 January 2027 is a Saturday
    ]);
    expect(out).toContain('the public report of Ministry of Health');
    expect(out).toContain('not verified against the act');
  });

  it('prints the timetable as a table, with the case-event rules after it', async () => {
    const { out, err, exitCode } = await runSchedule('--methodology', fixture, '--year', '2024');
    expect(exitCode).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('2024-04-10  Wed   Q1 2024  Quarterly KPI and differentiation evaluation');
    expect(out).toContain('2025-01-05  Sun*  Q4 2024  Notify the head of the evaluation');
    expect(out).toContain(
      'Apply for a calibration session — within five working days of familiarisation with the results: 5 working days after the familiarisation with the results (clause 13)',
    );
  });

  it('prints CSV with a header and one row per deadline', async () => {
    const { out } = await runSchedule('--methodology', fixture, '--year', '2026', '--format', 'csv', '--csv-style', 'rfc4180');
    const lines = out.split('\r\n');
    expect(lines[0]).toBe('date,weekday,period,deadline,title_kk,title_en,responsible,applies_to,rule,basis,problem');
    expect(lines).toContain(
      '2026-10-12,Monday,Q3 2026,notifyServants,"""Б"" корпусының қызметшісін бағалау туралы хабардар ету — есепті тоқсаннан кейінгі айдың оныншы күнінен кешіктірмей","Notify the corps ""B"" servant of the evaluation — by the 10th of the month after the reporting quarter",hrService,servant,the 10th of the month after the end of the reporting quarter,clause 31,',
    );
    expect(lines.filter((line) => line.startsWith(',,each case,'))).toHaveLength(9);
  });

  it('prints CSV for Excel by default (BOM, CRLF, ";"), a title that would be a formula made plain text', async () => {
    const file = bodyWithDeadlines(
      'formula-title',
      '  notifyHeads:\n    title: { kk: "=HYPERLINK(\\"http://x\\";\\"Хабардар ету\\")", en: "@SUM(1)" }\n    basis: { clause: "26" }',
    );
    const { out, exitCode } = await runSchedule('--methodology', file, '--year', '2026', '--format', 'csv');
    expect(exitCode).toBe(0);
    expect(out.startsWith('\ufeffdate;weekday;period;deadline;title_kk;')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const row = out.split('\r\n').find((line) => line.split(';')[3] === 'notifyHeads')!;
    expect(row).toMatch(/^\d{4}-\d\d-\d\d;\w+day;Q\d 2026;notifyHeads;"'=HYPERLINK\(""http:\/\/x"";""Хабардар ету""\)";'@SUM\(1\);/);
    // The same rows as the RFC 4180 style, field by field.
    const plain = await runSchedule('--methodology', file, '--year', '2026', '--format', 'csv', '--csv-style', 'rfc4180');
    expect(plain.out.startsWith('date,weekday,')).toBe(true);
    expect(plain.out.split('\r\n').length).toBe(out.split('\r\n').length);
  });

  it('writes an RFC 5545 calendar of all-day events with stable UIDs, CRLF and folded UTF-8 lines', async () => {
    const { out } = await runSchedule('--methodology', fixture, '--year', '2024', '--format', 'ics');
    expect(out.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    const physicalLines = out.split('\r\n').slice(0, -1);
    for (const line of physicalLines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // Unfold (RFC 5545 §3.1) before reading properties.
    const unfolded = out.replace(/\r\n /g, '');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(18); // KPI setting once a year (the work plan is yearly)
    expect(unfolded).toContain('UID:model-2018-2024-Q1-quarterlyEvaluation@bagalau');
    expect(unfolded).toContain('UID:model-2018-2024-year-annual360@bagalau');
    expect(unfolded).toContain('DTSTAMP:20240102T030405Z');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20240410\r\nDTEND;VALUE=DATE:20240411');
    expect(unfolded).toContain(
      // The title in the language of the run (en in the tests), then the act's Kazakh one.
      'SUMMARY:Q1 2024: Notify the head of the evaluation — by the 5th of the month after the reporting quarter (Құрылымдық бөлімшенің/мемлекеттік органның басшысын бағалау туралы хабардар ету — есепті тоқсаннан кейінгі айдың бесінші күнінен кешіктірмей)',
    );
    expect(unfolded).toMatch(
      /DESCRIPTION:Q3 2024: the 5th of the month after the end of the reporting quarter\.\\nperiodEnd: Monday 30 September 2024\\n5th day of the following month → Saturday 5 October 2024\\n5 October 2024 is a Saturday → moved to Monday 7 October 2024/,
    );
    // The same input gives the same UIDs: re-importing updates events instead of duplicating them.
    const again = await runSchedule('--methodology', fixture, '--year', '2024', '--format', 'ics');
    expect(again.out).toBe(out);
  });

  it('never splits a UTF-8 character when folding', () => {
    const folded = foldIcsLine(`SUMMARY:${'қ'.repeat(100)}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'қ'.repeat(100)}`);
  });

  it('exits with 1 and explains deadlines beyond the calendar', async () => {
    const { err, exitCode } = await runSchedule('--methodology', fixture, '--year', '2027');
    expect(exitCode).toBe(1);
    expect(err).toContain('5 deadlines of 2027 cannot be dated');
    expect(err).toContain('2028-01-10 is outside the working-day calendar calendars/kz.yaml, which covers 2023–2027');
  });

  it('refuses a year the calendar does not cover', async () => {
    const { err, exitCode, out } = await runSchedule('--methodology', fixture, '--year', '2029');
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('2029 is outside the working-day calendar calendars/kz.yaml, which covers 2023–2027');
  });

  it('refuses a malformed year', async () => {
    await expect(runSchedule('--methodology', fixture, '--year', '24')).rejects.toThrow('"24" is not a year; write four digits');
  });

  it('reports a deadline counted from an unknown event at its line and column, with what to do', async () => {
    const file = bodyWithDeadlines('unknown-anchor', '  appeal:\n    anchor: familiarization\n    basis: { clause: "12" }');
    const { err, exitCode } = await runSchedule('--methodology', file, '--year', '2024');
    expect(exitCode).toBe(2);
    expect(err).toMatch(
      /unknown-anchor\.yaml:10:13: error: deadlines › appeal › anchor names the deadline or event "familiarization".* \[lint\.unknown-reference\]$/m,
    );
    expect(err).toContain('did you mean "familiarisation"?');
  });

  it('reports an offset with two counting instructions in words', async () => {
    const file = bodyWithDeadlines(
      'two-offsets',
      '  appeal:\n    offset: { workingDays: 5, calendarDays: 3 }\n    basis: { clause: "12" }',
    );
    const { err } = await runSchedule('--methodology', file, '--year', '2024');
    expect(err).toMatch(
      /two-offsets\.yaml:10:13: error: deadlines › appeal › offset must have at most 1 entry.* \[schema\.maxProperties\]$/m,
    );
  });

  it('uses another calendar file when asked, and reports its problems', async () => {
    const { err, exitCode } = await runSchedule('--methodology', fixture, '--year', '2024', '--calendar', 'calendars/missing.yaml');
    expect(exitCode).toBe(2);
    expect(err).toContain('error: cannot read calendars/missing.yaml: no such file [file.not-found]');
  });

  it('takes a body methodology file and its own clauses', async () => {
    const { out, err, exitCode } = await runSchedule(
      '--methodology',
      'methodologies/enbekshikazakh-maslikhat-2023.yaml',
      '--year',
      '2024',
      '--format',
      'csv',
      '--csv-style',
      'rfc4180',
    );
    expect(out).toMatch(/\r\n2024-04-10,Wednesday,Q1 2024,quarterlyEvaluation,.*clause 4/);
    // the decision was repealed on 2023-11-27: the timetable is printed, with a warning and exit 1
    expect(err).toContain('enbekshikazakh-maslikhat-2023 is not in force in 2024 (in force from 2023-05-23 until 2023-11-27)');
    expect(exitCode).toBe(1);
    const partly = await runSchedule('--methodology', 'methodologies/enbekshikazakh-maslikhat-2023.yaml', '--year', '2023');
    expect(partly.err).toContain('enbekshikazakh-maslikhat-2023 is in force only part of 2023 (from 2023-05-23 until 2023-11-27)');
    expect(partly.exitCode).toBe(0);
  });

  it("names every role responsible for a deadline (both evaluators of model-2025's quarter)", async () => {
    const table = await runSchedule('--methodology', 'model-2025', '--year', '2026');
    expect(table.out).toMatch(/2026-10-20\s+Tue\s+Q3 2026\s+Quarterly evaluation.*direct manager and head of the structural unit/);
    const csv = await runSchedule('--methodology', 'model-2025', '--year', '2026', '--format', 'csv', '--csv-style', 'rfc4180');
    expect(csv.out).toMatch(/\r\n2026-10-20,Tuesday,Q3 2026,quarterlyEvaluation,.*,directManager unitHead,,/);
  });

  it('warns, and exits 1, for a year in which the methodology is not in force at all', async () => {
    const before = await runSchedule('--methodology', 'model-2025', '--year', '2024');
    expect(before.exitCode).toBe(1);
    expect(before.err).toContain('model-2025 is not in force in 2024 (in force from 2025-08-01)');
    const after = await runSchedule('--methodology', 'model-2018', '--year', '2026');
    expect(after.exitCode).toBe(1);
    expect(after.err).toContain('model-2018 is not in force in 2026 (in force from 2018-01-16 until 2025-07-31)');
    const whole = await runSchedule('--methodology', 'model-2025', '--year', '2026');
    expect(whole.err).not.toMatch(/in force/);
  });
});
