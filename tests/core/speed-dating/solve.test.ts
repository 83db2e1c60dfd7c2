import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveSchedule } from '../../../service/src/core/speed-dating/solve.ts';
import { speedDatingWeights } from '../../../service/src/core/speed-dating/score.ts';
import { exactOptimumByEnumeration, exactOptimumByMilp, expectValidSchedule, randomSession } from './fixtures.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const units = (points: number) => Math.round(points * speedDatingWeights.resolution);

describe('solveSchedule without windows (flow + colouring)', () => {
  it('matches exhaustive search on 40 tiny random sessions', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const input = randomSession(seed, { associations: 3, companies: 2 + (seed % 2), rounds: 2 + (seed % 2), tables: 2, minMeetings: seed % 3 });
      const schedule = solveSchedule(input);
      expectValidSchedule(input, schedule);
      expect(schedule.certificate.method).toBe('flow-colouring');
      expect(schedule.certificate.gap).toBe(0);
      expect(units(schedule.certificate.objective), `seed ${seed}`).toBe(exactOptimumByEnumeration(input));
      const must = schedule.certificate.mustMeetings;
      expect(must.maxPossible, `seed ${seed}`).toBe(exactOptimumByEnumeration(input, { mustOnly: true }));
      expect(must.placed).toBeLessThanOrEqual(must.maxPossible);
      expect(must.placed).toBe(schedule.meetings.filter((x) => x.isMust).length);
    }
  });

  it('matches an independent HiGHS MILP on 40 random sessions, gap 0', () => {
    for (let seed = 100; seed < 140; seed++) {
      const nA = 3 + (seed % 5);
      const nC = 3 + ((seed * 7) % 5);
      const input = randomSession(seed, {
        associations: nA,
        companies: nC,
        rounds: 2 + (seed % 4),
        tables: 1 + (seed % Math.min(nA, nC)),
        minMeetings: seed % 4,
      });
      const schedule = solveSchedule(input);
      expectValidSchedule(input, schedule);
      expect(schedule.certificate.isOptimal).toBe(true);
      expect(schedule.certificate.upperBound).toBe(schedule.certificate.objective);
      expect(units(schedule.certificate.objective), `seed ${seed}`).toBe(exactOptimumByMilp(input, highs));
    }
  });

  it('spreads meetings evenly over rounds (de Werra) and never exceeds the tables', () => {
    for (let seed = 200; seed < 220; seed++) {
      const input = randomSession(seed, { associations: 12, companies: 9, rounds: 6, tables: 5 });
      const schedule = solveSchedule(input);
      expectValidSchedule(input, schedule);
      const perRound = schedule.timetable.map((r) => r.slots.filter((s) => s.associationId !== null).length);
      expect(Math.max(...perRound) - Math.min(...perRound)).toBeLessThanOrEqual(1);
      expect(Math.max(...perRound)).toBeLessThanOrEqual(5);
    }
  });

  it('reaches the minimum for everyone when it is feasible, and explains shortfalls otherwise', () => {
    const feasible = randomSession(7, { associations: 6, companies: 6, rounds: 6, tables: 6, minMeetings: 2 });
    feasible.preferences = [];
    expect(solveSchedule(feasible).shortfalls).toEqual([]);

    const tight = randomSession(8, { associations: 6, companies: 2, rounds: 2, tables: 2, minMeetings: 2 });
    tight.preferences = [];
    const schedule = solveSchedule(tight);
    // 2 rounds x 2 tables = 4 meetings for 6 associations wanting 2 each: someone must fall short.
    expect(schedule.meetings).toHaveLength(4);
    expect(schedule.shortfalls.length).toBeGreaterThan(0);
    for (const s of schedule.shortfalls) {
      expect(s.meetings).toBeLessThan(2);
      expect(s.reason).toBe('session-capacity');
    }
  });

  it('places a "must" pair over ordinary ones and never a "non merci"', () => {
    const input = randomSession(9, { associations: 3, companies: 3, rounds: 1, tables: 1 });
    input.preferences = [
      { from: 'a0', to: 'c0', level: 'interested' },
      { from: 'c0', to: 'a0', level: 'interested' },
      { from: 'a2', to: 'c2', level: 'must' },
      { from: 'c1', to: 'a1', level: 'no' },
    ];
    input.fits = [{ associationId: 'a1', companyId: 'c1', fit: 1 }];
    const schedule = solveSchedule(input);
    expect(schedule.meetings.map((x) => [x.associationId, x.companyId])).toEqual([['a2', 'c2']]);
    expect(schedule.certificate.mustMeetings).toEqual({ placed: 1, maxPossible: 1 });
    const declined = schedule.unscheduled.find((u) => u.associationId === 'a1' && u.companyId === 'c1');
    expect(declined?.reason).toBe('declined');
    expect(declined?.message).toContain('Entreprise 1');
    const full = schedule.unscheduled.find((u) => u.associationId === 'a0' && u.companyId === 'c0');
    expect(full?.reason).toBe('session-full');
  });

  it('is deterministic', () => {
    const input = randomSession(11, { associations: 8, companies: 7, rounds: 5, tables: 4, minMeetings: 2 });
    expect(solveSchedule(input)).toEqual(solveSchedule(structuredClone(input)));
  });

  it('keeps associations seated when there are enough tables', () => {
    const input = randomSession(12, { associations: 5, companies: 8, rounds: 6, tables: 5 });
    const schedule = solveSchedule(input);
    for (const a of input.associations) {
      const tables = new Set(schedule.meetings.filter((x) => x.associationId === a.id).map((x) => x.table));
      expect(tables.size).toBeLessThanOrEqual(1);
    }
  });

  it('gives every participant an agenda consistent with the timetable', () => {
    const input = randomSession(13, { associations: 4, companies: 4, rounds: 3, tables: 3 });
    const schedule = solveSchedule(input);
    for (const agenda of schedule.agendas) {
      for (const e of agenda.entries) {
        const slot = schedule.timetable[e.round - 1].slots.find((s) => s.table === e.table)!;
        expect([slot.associationId, slot.companyId]).toEqual(
          agenda.side === 'association' ? [agenda.participantId, e.partnerId] : [e.partnerId, agenda.participantId],
        );
      }
      expect(agenda.entries.length + agenda.freeRounds.length).toBe(3);
    }
  });
});
