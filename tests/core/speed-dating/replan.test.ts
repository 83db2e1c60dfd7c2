import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../../service/src/contract/speed-dating.ts';
import { Invalid } from '../../../service/src/core/errors.ts';
import { replan } from '../../../service/src/core/speed-dating/replan.ts';
import { solveSchedule } from '../../../service/src/core/speed-dating/solve.ts';
import { expectValidSchedule, objectiveUnits, randomSession } from './fixtures.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const strip = (x: Meeting) => [x.round, x.table, x.associationId, x.companyId];

describe('replan', () => {
  it('changes nothing when nobody is missing (the remaining plan is already optimal)', () => {
    for (let seed = 800; seed < 815; seed++) {
      const input = randomSession(seed, { associations: 7, companies: 6, rounds: 6, tables: 4, minMeetings: 2 });
      const previous = solveSchedule(input);
      const next = replan(input, previous, { fromRound: 1 + (seed % 6) });
      expect(next.changes?.total, `seed ${seed}`).toBe(0);
      expect(next.meetings.map(strip)).toEqual(previous.meetings.map(strip));
    }
  });

  it('keeps past rounds, drops no-shows from the remaining rounds, stays optimal and reports changes', () => {
    for (let seed = 900; seed < 930; seed++) {
      const input = randomSession(seed, { associations: 8, companies: 7, rounds: 6, tables: 5, minMeetings: 2 });
      const previous = solveSchedule(input);
      const fromRound = 2 + (seed % 4);
      const noShows = [`a${seed % 8}`, `c${seed % 7}`];
      const next = replan(input, previous, { fromRound, noShows });

      expectValidSchedule(input, next, new Map(noShows.map((id) => [id, fromRound])), { fromRound, previous });
      const past = (s: typeof previous) => s.meetings.filter((x) => x.round < fromRound).map(strip);
      expect(past(next)).toEqual(past(previous));
      expect(next.certificate.isOptimal).toBe(true);

      // Keeping every surviving planned meeting is feasible, so the optimum is at least worth that.
      const survivors = previous.meetings.filter((x) => x.round >= fromRound && !noShows.includes(x.associationId) && !noShows.includes(x.companyId));
      const future = next.meetings.filter((x) => x.round >= fromRound);
      const keepAll = { ...previous, meetings: [...previous.meetings.filter((x) => x.round < fromRound), ...survivors] };
      expect(objectiveUnits(input, next, { fromRound, previous })).toBeGreaterThanOrEqual(objectiveUnits(input, keepAll, { fromRound, previous }));

      const key = (x: Meeting) => `${x.associationId}|${x.companyId}`;
      const before = new Map(previous.meetings.filter((x) => x.round >= fromRound).map((x) => [key(x), x.round]));
      const after = new Map(future.map((x) => [key(x), x.round]));
      const removed = [...before.keys()].filter((k) => !after.has(k)).length;
      const added = [...after.keys()].filter((k) => !before.has(k)).length;
      const moved = [...before].filter(([k, r]) => after.has(k) && after.get(k) !== r).length;
      expect(next.changes).toEqual({ removed, added, moved, total: removed + added + moved, fromRound });
      // Meetings of the no-shows have to go; most others should stay in place.
      const forced = before.size - survivors.length;
      expect(removed).toBeGreaterThanOrEqual(forced);
    }
  });

  it('works with windows and locks through the MILP path, past fixed', () => {
    for (let seed = 950; seed < 960; seed++) {
      const input = randomSession(seed, { associations: 5, companies: 5, rounds: 4, tables: 3, minMeetings: 1, windows: true, locks: 1 });
      const previous = solveSchedule(input, { highs });
      const noShows = ['a0'];
      const next = replan(input, previous, { fromRound: 2, noShows }, { highs });
      expectValidSchedule(input, next, new Map([['a0', 2]]), { fromRound: 2, previous });
      expect(next.meetings.filter((x) => x.round < 2).map(strip)).toEqual(previous.meetings.filter((x) => x.round < 2).map(strip));
      expect(next.certificate.isOptimal).toBe(true);
    }
  });

  it('rejects unknown participants and rounds', () => {
    const input = randomSession(990, { associations: 3, companies: 3, rounds: 3, tables: 2 });
    const previous = solveSchedule(input);
    expect(() => replan(input, previous, { fromRound: 2, noShows: ['nobody'] })).toThrow(Invalid);
    expect(() => replan(input, previous, { fromRound: 9 })).toThrow(Invalid);
    expect(() => replan(input, previous, { fromRound: 0 })).toThrow(Invalid);
    expect(() => replan({ ...input, sessionId: 'other' }, previous, { fromRound: 2 })).toThrow(Invalid);
  });
});
