/**
 * The degree-constrained relaxation of a session and the polynomial exact path.
 *
 * Relaxation: forget which round each meeting takes; keep per-participant degree <= presence rounds,
 * each pair at most once, total meetings <= rounds x tables. Any real schedule satisfies these, so the
 * flow optimum (plus what is fixed) is an upper bound on the schedule optimum.
 * Without windows and fixed meetings the bound is attained: König + de Werra colour the optimal subgraph
 * with R rounds and <= ceil(E/R) <= T meetings per round (see colouring.ts). Hence gap 0.
 */
import { colourBipartite } from './colouring.ts';
import { solveDegreeConstrainedSubgraph } from './flow.ts';
import { evaluate, presence, type Model, type PlacedMeeting } from './model.ts';

export type Relaxation = {
  /** Indices into model.pairs chosen by the flow. */
  chosen: number[];
  /** Upper bound (integer units) on the horizon objective of any feasible schedule. */
  bound: number;
};

export function solveRelaxation(m: Model): Relaxation {
  const n = m.nA + m.nC;
  const fixedDegree = new Int32Array(n);
  for (const f of m.fixed) {
    fixedDegree[f.a]++;
    fixedDegree[m.nA + f.c]++;
  }
  const capacity = new Int32Array(n);
  const minimum = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    capacity[i] = Math.max(0, presence(m, i) - fixedDegree[i]);
    minimum[i] = Math.min(capacity[i], Math.max(0, m.minimum[i] - fixedDegree[i]));
  }
  const horizonRounds = m.rounds - m.horizonStart + 1;
  const result = solveDegreeConstrainedSubgraph({
    leftCount: m.nA,
    rightCount: m.nC,
    capacity,
    minimum,
    minimumBonus: m.minimumBonus,
    totalCapacity: horizonRounds * m.tables.length - m.fixed.length,
    edges: m.pairs.map((p) => ({ left: p.a, right: p.c, weight: p.gain })),
  });
  const chosen: number[] = [];
  result.chosen.forEach((x, k) => x && chosen.push(k));
  // min(fixed + flow, L) = min(fixed, L) + min(flow, L - fixed)+ : the bonus splits exactly.
  return { chosen, bound: result.value + evaluate(m, fixedAsPlaced(m)).total };
}

/** Most "must" pairs any schedule can meet in the horizon (exact without windows/locks, else an upper bound). */
export function maxMustMeetings(m: Model): number {
  const n = m.nA + m.nC;
  const capacity = new Int32Array(n);
  for (let i = 0; i < n; i++) capacity[i] = presence(m, i);
  for (const f of m.fixed) {
    capacity[f.a]--;
    capacity[m.nA + f.c]--;
  }
  const fixedMust = m.fixed.filter((f) => f.isMust).length;
  const result = solveDegreeConstrainedSubgraph({
    leftCount: m.nA,
    rightCount: m.nC,
    capacity,
    minimum: new Int32Array(n),
    minimumBonus: 0,
    totalCapacity: (m.rounds - m.horizonStart + 1) * m.tables.length - m.fixed.length,
    edges: m.pairs.filter((p) => p.isMust).map((p) => ({ left: p.a, right: p.c, weight: 1 })),
  });
  return fixedMust + result.value;
}

export function fixedAsPlaced(m: Model): PlacedMeeting[] {
  return m.fixed.map((f) => ({ ...f, isLocked: true }));
}

/** Exact schedule when !m.hasRestrictions: colour the flow optimum into rounds. */
export function scheduleByColouring(m: Model, relaxation: Relaxation, mode: 'equitable' | 'cap'): PlacedMeeting[] {
  const edges = relaxation.chosen.map((k) => ({ left: m.pairs[k].a, right: m.pairs[k].c }));
  const precolour = relaxation.chosen.map((k) => {
    const r = m.pairs[k].plannedRound;
    return r >= m.horizonStart ? r - m.horizonStart : -1;
  });
  const colours = colourBipartite(m.nA, m.nC, edges, m.rounds - m.horizonStart + 1, {
    precolour,
    balance: mode,
    maxPerColour: m.tables.length,
  });
  return relaxation.chosen.map((k, i) => {
    const p = m.pairs[k];
    return { a: p.a, c: p.c, round: m.horizonStart + colours[i], weight: p.weight, gain: p.gain, isMust: p.isMust, isLocked: false, table: null };
  });
}
