import { describe, expect, it } from 'vitest';
import { Invalid } from '../../../service/src/core/errors.ts';
import { solveSchedule } from '../../../service/src/core/speed-dating/solve.ts';
import { randomSession } from './fixtures.ts';

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    solveSchedule(input as Parameters<typeof solveSchedule>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(Invalid);
    return (error as Invalid).issues;
  }
  throw new Error('expected Invalid');
}

const base = () => randomSession(2000, { associations: 3, companies: 3, rounds: 3, tables: 2 });

describe('solveSchedule input validation', () => {
  it('rejects rounds <= 0', () => {
    expect(issuesOf({ ...base(), rounds: 0 }).map((i) => i.path)).toContain('rounds');
  });

  it('rejects more tables than simultaneous meetings are possible', () => {
    const input = base();
    input.tables = ['A', 'B', 'C', 'D'];
    expect(issuesOf(input)).toContainEqual({ path: 'tables', message: expect.stringContaining('plus de tables') });
  });

  it('rejects a participant on both sides and duplicates', () => {
    const input = base();
    input.companies[0].id = 'a1';
    input.tables = ['A'];
    expect(issuesOf(input)).toContainEqual({ path: 'companies.0.id', message: expect.stringContaining('à la fois') });
    const dup = base();
    dup.associations[1].id = 'a0';
    expect(issuesOf(dup).map((i) => i.path)).toContain('associations.1.id');
  });

  it('rejects preferences and fits about unknown participants or the same side', () => {
    const input = base();
    input.preferences = [
      { from: 'a0', to: 'ghost', level: 'must' },
      { from: 'a0', to: 'a1', level: 'interested' },
    ];
    input.fits = [{ associationId: 'a0', companyId: 'nobody', fit: 0.5 }];
    const paths = issuesOf(input).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['preferences.0.to', 'preferences.1', 'fits.0']));
  });

  it('rejects bad windows and fit scores out of [0,1]', () => {
    const input = base();
    input.associations[0] = { ...input.associations[0], firstRound: 3, lastRound: 2 };
    input.companies[0] = { ...input.companies[0], lastRound: 9 };
    expect(issuesOf(input).map((i) => i.path)).toEqual(expect.arrayContaining(['associations.0.firstRound', 'companies.0.lastRound']));
    const fit = base();
    fit.fits = [{ associationId: 'a0', companyId: 'c0', fit: 1.5 }];
    expect(issuesOf(fit).map((i) => i.path)).toContain('fits.0.fit');
  });

  it('rejects inconsistent locks', () => {
    const input = base();
    input.preferences = [{ from: 'c2', to: 'a2', level: 'no' }];
    input.locks = [
      { associationId: 'a0', companyId: 'c0', round: 1, table: 'Table 1' },
      { associationId: 'a0', companyId: 'c1', round: 1 },
      { associationId: 'a1', companyId: 'c1', round: 2, table: 'Nowhere' },
      { associationId: 'a2', companyId: 'c2', round: 3 },
      { associationId: 'a1', companyId: 'c2', round: 7 },
    ];
    const messages = issuesOf(input).map((i) => `${i.path}: ${i.message}`);
    expect(messages.some((m) => m.includes('deux rencontres verrouillées'))).toBe(true);
    expect(messages.some((m) => m.startsWith('locks.2.table'))).toBe(true);
    expect(messages.some((m) => m.includes('non merci'))).toBe(true);
    expect(messages.some((m) => m.startsWith('locks.4.round'))).toBe(true);
  });

  it('reports an infeasible minimum in the result instead of rejecting it', () => {
    const input = base();
    input.minMeetings = 5;
    const schedule = solveSchedule(input);
    expect(schedule.shortfalls).toHaveLength(6);
    expect(schedule.shortfalls.every((s) => s.reason === 'window-too-short' && s.minimum === 5)).toBe(true);
  });
});
