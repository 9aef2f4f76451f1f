/**
 * Domain (pure): the SLA plan of a claim under review: its deadline, the reminders before it and the escalation
 * on the next business morning after it, each due at the notify hour in Rome. Planned at submission or contest;
 * the notices are stored by reminder.repository.ts and queued by the SLA sweep when due.
 */
import { addBusinessDays, reminderDate, reviewDeadline, type BusinessCalendar } from './business-days.ts';
import type { IsoDate } from './claim.ts';
import { romeInstant } from './rome-calendar.ts';

/**
 * The 10-business-day promise of one claim: its deadline, the reminders before it and the escalation
 * after it. Planned once, when the claim is submitted, from the calendar in force then.
 */
export interface SlaConfig {
  /**
   * Business days left at which reviewers are reminded; 0 is the last business day. Default [2, 0].
   * At most 9 (config enforces it): the review period has 10, so every reminder falls after the claim.
   */
  reminderOffsets: readonly number[];
  /** Hour of the day (Rome) at which reminders and the escalation go out: working hours, not midnight. */
  notifyHour: number;
}

export const DEFAULT_SLA: SlaConfig = { reminderOffsets: [2, 0], notifyHour: 9 };

/** Who an escalation calls: a user group (S…) or everyone active in the review channel. */
export type EscalationTarget = { kind: 'usergroup'; id: string } | { kind: 'here' };

export interface PlannedNotice {
  kind: 'reminder' | 'escalation';
  /** For a reminder, the business days left when it goes out; -1 for the escalation. */
  businessDaysLeft: number;
  dueAt: Date;
}

export interface SlaPlan {
  deadline: IsoDate;
  notices: PlannedNotice[];
}

export function planSla(submittedAt: Date, calendar: BusinessCalendar, config: SlaConfig): SlaPlan {
  const deadline = reviewDeadline(submittedAt, calendar);
  const reminders = [...new Set(config.reminderOffsets)]
    .sort((a, b) => b - a)
    .map((offset): PlannedNotice => ({
      kind: 'reminder',
      businessDaysLeft: offset,
      dueAt: romeInstant(reminderDate(deadline, offset, calendar), config.notifyHour),
    }));
  // The deadline is the end of its day in Rome; the team hears of it on the next business morning.
  const escalation: PlannedNotice = {
    kind: 'escalation',
    businessDaysLeft: -1,
    dueAt: romeInstant(addBusinessDays(deadline, 1, calendar.isBusinessDay), config.notifyHour),
  };
  return { deadline, notices: [...reminders, escalation] };
}
