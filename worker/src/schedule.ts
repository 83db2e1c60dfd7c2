import type { JobQueue } from '../../service/src/core/jobs.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import type { Logger } from '../../service/src/logger.ts';
import { SCHEDULES, SCHEDULE_TIMEZONE } from './jobs/index.ts';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHEDULE_TIMEZONE,
  hourCycle: 'h23',
  minute: 'numeric',
  hour: 'numeric',
  day: 'numeric',
  month: 'numeric',
  weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Whether a five-field cron pattern (numbers, lists and `*` only: what SCHEDULES uses) matches this minute. */
export function matchesCron(pattern: string, at: Date): boolean {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  const values = [Number(p.minute), Number(p.hour), Number(p.day), Number(p.month), WEEKDAYS.indexOf(p.weekday)];
  return pattern.split(/\s+/).every((field, i) => field === '*' || field.split(',').map(Number).includes(values[i]));
}

/**
 * The in-process stand-in for BullMQ's job schedulers (embedded default): checks the schedules every minute.
 * The job id carries the minute, so a schedule fires once per matching minute.
 */
export function startInProcessScheduler(queue: JobQueue, log: Logger): { stop(): void } {
  const tick = () => {
    const now = new Date();
    const minute = Math.floor(now.getTime() / 60_000);
    for (const s of SCHEDULES) {
      if (!matchesCron(s.cron, now)) continue;
      queue.enqueue(s.name, s.payload, { jobId: jobIdOf(s.name, s.id, minute) }).catch((err) => log.error('scheduled job not queued', { schedule: s.id, err }));
    }
  };
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
