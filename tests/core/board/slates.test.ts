import { describe, expect, it } from 'vitest';
import { BOARD_COMPETENCY_CODES, type BoardCompetency } from '../../../service/src/contract/board.ts';
import { bestSlate, exhaustiveSlate, greedySlate, slateValue, type SlateCandidate } from '../../../service/src/core/board/slates.ts';
import { createRng, type Rng } from '../../../service/src/demo/prng.ts';

function randomPool(rng: Rng, n: number): SlateCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `c${String(i).padStart(3, '0')}`,
    competencies: rng.sample(BOARD_COMPETENCY_CODES, rng.int(0, 3)),
    score: Math.round(rng.next() * 1000) / 1000,
  }));
}
function randomGaps(rng: Rng): Partial<Record<BoardCompetency, number>> {
  return Object.fromEntries(rng.sample(BOARD_COMPETENCY_CODES, rng.int(1, 8)).map((c) => [c, Math.round(rng.next() * 100) / 100 + 0.01]));
}

/** Independent reference: the best value over every subset of exactly `size` members, by bitmask. */
function bruteForceBest(pool: SlateCandidate[], gaps: Partial<Record<BoardCompetency, number>>, size: number): number {
  let best = -1;
  for (let mask = 0; mask < 1 << pool.length; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits !== size) continue;
    const members = pool.filter((_, i) => mask & (1 << i));
    best = Math.max(best, slateValue(members, gaps));
  }
  return best;
}

describe('board slates', () => {
  it('returns the best pair and trio on 300 random small pools (checked against all subsets)', () => {
    const rng = createRng(20261122);
    for (let run = 0; run < 300; run++) {
      const pool = randomPool(rng, rng.int(3, 12));
      const gaps = randomGaps(rng);
      for (const size of [2, 3] as const) {
        const result = bestSlate(pool, gaps, size);
        expect(result.method).toBe('exhaustive');
        expect(result.slate!.keys).toHaveLength(size);
        expect(new Set(result.slate!.keys).size).toBe(size);
        expect(result.slate!.value).toBeCloseTo(bruteForceBest(pool, gaps, size), 9);
        // The value reported is the value of the members named.
        expect(result.slate!.value).toBeCloseTo(slateValue(pool.filter((c) => result.slate!.keys.includes(c.key)), gaps), 9);
      }
    }
  });

  it('breaks ties by the members’ individual scores', () => {
    const pool: SlateCandidate[] = [
      { key: 'a', competencies: ['finance'], score: 0.2 },
      { key: 'b', competencies: ['finance'], score: 0.9 },
      { key: 'c', competencies: ['juridique'], score: 0.5 },
    ];
    expect(bestSlate(pool, { finance: 1, juridique: 1 }, 2).slate!.keys).toEqual(['b', 'c']);
  });

  it('states an upper bound at least the greedy value and the true optimum on larger pools', () => {
    const rng = createRng(7);
    for (let run = 0; run < 20; run++) {
      const pool = randomPool(rng, rng.int(41, 70));
      const gaps = randomGaps(rng);
      const result = bestSlate(pool, gaps, 3);
      expect(result.method).toBe('greedy');
      const optimum = exhaustiveSlate(pool, gaps, 3)!.value;
      expect(result.upperBound!).toBeGreaterThanOrEqual(result.slate!.value - 1e-9);
      expect(result.upperBound!).toBeGreaterThanOrEqual(optimum - 1e-9);
      // Greedy's guarantee for monotone submodular coverage with k = 3: at least 1 - (2/3)^3 of the optimum.
      expect(result.slate!.value).toBeGreaterThanOrEqual((1 - (2 / 3) ** 3) * optimum - 1e-9);
    }
  });

  it('greedy bound holds on small pools too when forced', () => {
    const rng = createRng(99);
    for (let run = 0; run < 100; run++) {
      const pool = randomPool(rng, rng.int(3, 10));
      const gaps = randomGaps(rng);
      const { slate, upperBound } = greedySlate(pool, gaps, 3);
      expect(upperBound).toBeGreaterThanOrEqual(bruteForceBest(pool, gaps, 3) - 1e-9);
      expect(upperBound).toBeGreaterThanOrEqual(slate!.value - 1e-9);
    }
  });

  it('has no slate when the pool is too small', () => {
    expect(bestSlate([{ key: 'a', competencies: ['rh'], score: 1 }], { rh: 1 }, 2).slate).toBeNull();
  });
});
