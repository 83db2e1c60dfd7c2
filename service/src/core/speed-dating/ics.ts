/**
 * iCalendar (RFC 5545) export of one participant's meetings: CRLF line ends, lines folded at 75 octets
 * (never inside a UTF-8 sequence), TEXT escaping, one stable UID per meeting (so a re-plan updates events
 * instead of duplicating them), DTSTAMP in UTC, local times with TZID=Europe/Paris and its VTIMEZONE.
 */
import { SessionInput, type Schedule, type SessionInputDraft, type SessionTiming } from '../../contract/speed-dating.ts';
import { Invalid } from '../errors.ts';

// Only what the calendar needs is validated, so exporting every participant's file stays cheap.
const CalendarSession = SessionInput.pick({ sessionId: true, title: true, timing: true });

// EU rule since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of October 03:00.
const PARIS_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export type IcsOptions = {
  /** DTSTAMP: when the file is produced (passed in so output is deterministic). */
  now: Date;
  /** Bump after each re-plan so calendar clients replace earlier versions of the events. */
  sequence?: number;
};

/** The .ics calendar of one participant (association or company) for a solved session. */
export function toIcs(
  session: Pick<SessionInputDraft, 'sessionId' | 'title' | 'timing'>,
  schedule: Schedule,
  participantId: string,
  options: IcsOptions,
): string {
  const parsed = CalendarSession.safeParse(session);
  if (!parsed.success) {
    throw new Invalid('Session invalide.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const input = parsed.data;
  if (!input.timing) throw new Invalid('Horaires de la session manquants.', [{ path: 'timing', message: 'requis pour le calendrier' }]);
  const agenda = schedule.agendas.find((a) => a.participantId === participantId);
  if (!agenda) throw new Invalid('Participant inconnu.', [{ path: 'participantId', message: `inconnu : ${participantId}` }]);
  const timing = input.timing;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Maillage//Speed-dating//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.title)}`,
    ...PARIS_TIMEZONE,
  ];
  for (const entry of agenda.entries) {
    const start = roundStart(timing, entry.round);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(`${input.sessionId}-${pairOf(agenda.side, participantId, entry.partnerId)}`)}@maillage`,
      `DTSTAMP:${formatUtc(options.now)}`,
      `SEQUENCE:${options.sequence ?? 0}`,
      `DTSTART;TZID=Europe/Paris:${formatLocal(timing.date, start)}`,
      `DTEND;TZID=Europe/Paris:${formatLocal(timing.date, start + timing.roundMinutes)}`,
      `SUMMARY:${escapeText(`Speed-dating : rencontre avec ${entry.partnerName}`)}`,
      `LOCATION:${escapeText([entry.table, timing.location].filter(Boolean).join(', '))}`,
      `DESCRIPTION:${escapeText(`${input.title}\nRonde ${entry.round}, table ${entry.table}.`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Minutes after midnight (local) at which `round` starts: rounds, changeovers and pauses before it. */
export function roundStart(timing: SessionTiming, round: number): number {
  const [h, min] = timing.startTime.split(':').map(Number);
  let t = h * 60 + min;
  for (let r = 1; r < round; r++) {
    const pause = timing.pauses.find((p) => p.afterRound === r);
    t += timing.roundMinutes + (pause ? pause.minutes : timing.breakMinutes);
  }
  return t;
}

/** RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** RFC 5545 3.1: lines longer than 75 octets continue on the next line after CRLF + one space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A pair meets at most once, so the pair (not the round) identifies the event: a moved meeting keeps its UID. */
function pairOf(side: 'association' | 'company', id: string, partnerId: string): string {
  return side === 'association' ? `${id}-${partnerId}` : `${partnerId}-${id}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatLocal(date: string, minutes: number): string {
  // Calendar arithmetic on a UTC date object only to roll over midnight; the value stays local time.
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMinutes(minutes);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
}

function formatUtc(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}
