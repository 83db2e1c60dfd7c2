import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveDegreeConstrainedSubgraph, type FlowProblem } from '../../../service/src/core/speed-dating/flow.ts';
import { createRng } from './fixtures.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

function randomProblem(seed: number, n: number, m: number): FlowProblem {
  const rng = createRng(seed);
  const edges = [];
  for (let a = 0; a < n; a++) {
    for (let c = 0; c < m; c++) {
      // Few distinct weights: many ties, which exercises the multi-path phases.
      if (rng() < 0.7) edges.push({ left: a, right: c, weight: [0, 10, 20, 30, 500][Math.floor(rng() * 5)] });
    }
  }
  const capacity = Array.from({ length: n + m }, () => 1 + Math.floor(rng() * 4));
  const minimum = capacity.map((cap) => Math.floor(rng() * (cap + 1)));
  return { leftCount: n, rightCount: m, capacity, minimum, minimumBonus: 1000, totalCapacity: 1 + Math.floor(rng() * n * 2), edges };
}

/** Same problem as a MILP: x[k] binary, degree <= capacity, total <= totalCapacity, y[i] <= min(degree, minimum). */
function milpValue(p: FlowProblem): number {
  const incident: string[][] = Array.from({ length: p.leftCount + p.rightCount }, () => []);
  p.edges.forEach((e, k) => {
    incident[e.left].push(`x${k}`);
    incident[p.leftCount + e.right].push(`x${k}`);
  });
  const terms = p.edges.map((e, k) => `${e.weight} x${k}`);
  const rows: string[] = [`${p.edges.map((_, k) => `x${k}`).join(' + ')} <= ${p.totalCapacity}`];
  const bounds: string[] = [];
  incident.forEach((xs, i) => {
    if (xs.length === 0) return;
    rows.push(`${xs.join(' + ')} <= ${p.capacity[i]}`);
    terms.push(`${p.minimumBonus} y${i}`);
    bounds.push(`0 <= y${i} <= ${p.minimum[i]}`);
    rows.push(`y${i} - ${xs.join(' - ')} <= 0`);
  });
  const split = (s: string) => s.split(/ (?=[+-] )/).join('\n  ');
  const lp = ['Maximize', ` z: ${split(terms.join(' + '))}`, 'Subject To', ...rows.map((r, i) => ` r${i}: ${split(r)}`), 'Bounds', ...bounds.map((b) => ` ${b}`), 'Binary', ...p.edges.map((_, k) => ` x${k}`), 'End'].join('\n');
  const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
  expect(result.Status).toBe('Optimal');
  return Math.round(result.ObjectiveValue);
}

describe('solveDegreeConstrainedSubgraph', () => {
  it('equals an independent MILP and respects every degree, on 30 random instances up to 40 x 40', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const p = randomProblem(seed, 5 + seed, 4 + ((seed * 3) % 37));
      const result = solveDegreeConstrainedSubgraph(p);
      const degree = new Int32Array(p.leftCount + p.rightCount);
      let value = 0;
      let count = 0;
      p.edges.forEach((e, k) => {
        if (!result.chosen[k]) return;
        degree[e.left]++;
        degree[p.leftCount + e.right]++;
        value += e.weight;
        count++;
      });
      degree.forEach((d, i) => {
        expect(d).toBeLessThanOrEqual(p.capacity[i]);
        value += p.minimumBonus * Math.min(d, p.minimum[i]);
      });
      expect(count).toBeLessThanOrEqual(p.totalCapacity);
      expect(result.value, `seed ${seed}`).toBe(value);
      expect(result.value, `seed ${seed}`).toBe(milpValue(p));
    }
  });
});
