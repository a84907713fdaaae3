// The shape of a calendar file such as calendars/kz.yaml, as described by
// schemas/calendar.schema.json. Dates are ISO strings ('YYYY-MM-DD').

export type WeekdayName = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type NonWorkingDayKind = 'holiday' | 'religious' | 'moved' | 'transferred';

export type YearStatus = 'final' | 'pendingConfirmation' | 'provisional';

export interface LegalActReference {
  act: string;
  article?: string;
  note?: string;
}

export interface LegalAct {
  kind: 'law' | 'code' | 'constitution' | 'decree' | 'order';
  title: string;
  number?: string;
  date?: string;
  note?: string;
}

export interface DayName {
  en: string;
  kk?: string;
}

export interface NonWorkingDayEntry {
  date: string;
  name: DayName;
  kind: NonWorkingDayKind;
  source: LegalActReference;
  movedFrom?: string;
  pairedWith?: string;
  verified?: boolean;
  note?: string;
}

export interface ExtraWorkingDayEntry {
  date: string;
  pairedWith: string;
  source: LegalActReference;
  verified?: boolean;
  note?: string;
}

export interface NotDayOffEntry {
  date: string;
  reason: string;
  verified?: boolean;
}

export interface CalendarYear {
  status: YearStatus;
  workingDays: number;
  note?: string;
  nonWorkingDays: NonWorkingDayEntry[];
  extraWorkingDays?: ExtraWorkingDayEntry[];
  notDaysOff?: NotDayOffEntry[];
}

export interface CalendarFile {
  country: string;
  title: string;
  weekend: WeekdayName[];
  coverage: { firstYear: number; lastYear: number };
  acts: Record<string, LegalAct>;
  years: Record<string, CalendarYear>;
}
