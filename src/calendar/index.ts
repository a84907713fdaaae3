// Public surface of the working-day calendar library.
export * from './calendarFile.js';
export * from './calendar.js';
export * from './consistency.js';
export * from './deadlines.js';
export * from './errors.js';
export * from './isoDate.js';
export * from './load.js';
export * from './types.js';
export * from './ics.js';
export * from './timetableText.js';
