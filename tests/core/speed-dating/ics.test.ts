import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, roundStart, toIcs } from '../../../service/src/core/speed-dating/ics.ts';
import { solveSchedule } from '../../../service/src/core/speed-dating/solve.ts';
import { Invalid } from '../../../service/src/core/errors.ts';
import { randomSession } from './fixtures.ts';

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (ics: string) => ics.replace(/\r\n /g, '');

function session() {
  const input = randomSession(1000, { associations: 3, companies: 3, rounds: 4, tables: 2 });
  input.preferences = [];
  for (const a of input.associations) a.name = `${a.id} Œuvres, Solidarité; Éducation \\ Île-de-France — un nom très long pour être plié`;
  input.timing = { date: '2026-03-29', startTime: '23:30', roundMinutes: 6, breakMinutes: 2, pauses: [{ afterRound: 2, minutes: 20 }], location: 'Mairie, salle 2' };
  return input;
}

describe('toIcs', () => {
  it('produces an RFC 5545 calendar: CRLF, folded at 75 octets, balanced blocks, one event per meeting', () => {
    const input = session();
    const schedule = solveSchedule(input);
    const agenda = schedule.agendas.find((a) => a.participantId === 'c0')!;
    expect(agenda.entries.length).toBeGreaterThan(0);
    const ics = toIcs(input, schedule, 'c0', { now: new Date('2026-03-01T10:00:00Z') });

    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    // Folding never cuts a UTF-8 sequence: every physical line is valid text on its own.
    for (const line of physical) expect(line).not.toContain('\uFFFD');

    const lines = unfold(ics).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(agenda.entries.length);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(agenda.entries.length);
    expect(lines).toContain('TZID:Europe/Paris');
    const uids = lines.filter((l) => l.startsWith('UID:'));
    expect(new Set(uids).size).toBe(agenda.entries.length);
    expect(lines.filter((l) => l === 'DTSTAMP:20260301T100000Z')).toHaveLength(agenda.entries.length);
    expect(lines.find((l) => l.startsWith('SUMMARY:'))).toBeDefined();
    expect(lines).toContain('LOCATION:' + escapeText(`${agenda.entries[0].table}, Mairie, salle 2`));

    // Start times: 23:30, +6+2, +6+20 (pause after round 2), +6+2; past midnight rolls the date.
    const starts = ['20260329T233000', '20260329T233800', '20260330T000400', '20260330T001200'];
    for (const e of agenda.entries) {
      expect(lines).toContain(`DTSTART;TZID=Europe/Paris:${starts[e.round - 1]}`);
    }
  });

  it('gives the association and the company the same UID for the same meeting', () => {
    const input = session();
    const schedule = solveSchedule(input);
    const meeting = schedule.meetings[0];
    const uid = (id: string) =>
      unfold(toIcs(input, schedule, id, { now: new Date(0) }))
        .split('\r\n')
        .filter((l) => l.startsWith('UID:'));
    const shared = uid(meeting.associationId).filter((u) => uid(meeting.companyId).includes(u));
    expect(shared).toHaveLength(1);
  });

  it('escapes TEXT and folds exactly', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'DESCRIPTION:' + 'é'.repeat(100);
    const folded = foldLine(long);
    expect(folded.split('\r\n ').join('')).toBe(long);
    for (const part of folded.split('\r\n')) expect(octets(part)).toBeLessThanOrEqual(75);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('computes round start times with changeovers and pauses', () => {
    const timing = { date: '2026-05-01', startTime: '14:00', roundMinutes: 10, breakMinutes: 5, pauses: [{ afterRound: 1, minutes: 30 }] };
    expect([1, 2, 3].map((r) => roundStart(timing, r))).toEqual([840, 880, 895]);
  });

  it('needs the session timing and a known participant', () => {
    const input = session();
    const schedule = solveSchedule(input);
    expect(() => toIcs({ ...input, timing: undefined }, schedule, 'c0', { now: new Date(0) })).toThrow(Invalid);
    expect(() => toIcs(input, schedule, 'nobody', { now: new Date(0) })).toThrow(Invalid);
    expect(() => toIcs({ ...input, timing: { ...input.timing!, startTime: '25:00' } }, schedule, 'c0', { now: new Date(0) })).toThrow(Invalid);
  });
});
