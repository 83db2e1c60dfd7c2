/**
 * Sessions with presence windows or locked meetings. Assigning rounds then becomes a list edge-colouring
 * problem (NP-hard in general), so the colouring argument no longer proves optimality. This file builds a
 * good feasible schedule quickly; milp.ts proves optimality when the instance is small enough, and
 * relaxation.ts provides the upper bound used to report the remaining gap otherwise.
 *
 * Heuristic: place locked meetings, then the flow optimum's pairs (most constrained first, at their
 * previously planned round when re-planning). A blocked pair is repaired by a window-aware Kempe-chain
 * swap (König's step, accepted only if every moved meeting stays inside its window), else by moving one
 * conflicting meeting elsewhere; finally any other pair with a positive marginal gain is added.
 */
import { fixedAsPlaced, type Relaxation } from './relaxation.ts';
import type { Model, PlacedMeeting } from './model.ts';

export function scheduleGreedy(m: Model, relaxation: Relaxation): PlacedMeeting[] {
  const R = m.rounds;
  const T = m.tables.length;
  const n = m.nA + m.nC;
  // slot[i * (R + 1) + r] = index in `placed` of i's meeting at round r, or -1.
  const slot = new Int32Array(n * (R + 1)).fill(-1);
  const load = new Int32Array(R + 1);
  const degree = new Int32Array(n);
  const placed: (PlacedMeeting | null)[] = [];
  const windowOf = (x: PlacedMeeting): [number, number] => [
    Math.max(m.first[x.a], m.first[m.nA + x.c]),
    Math.min(m.last[x.a], m.last[m.nA + x.c]),
  ];
  const put = (x: PlacedMeeting, id = placed.length) => {
    placed[id] = x;
    slot[x.a * (R + 1) + x.round] = id;
    slot[(m.nA + x.c) * (R + 1) + x.round] = id;
    load[x.round]++;
  };
  const take = (id: number) => {
    const x = placed[id]!;
    slot[x.a * (R + 1) + x.round] = -1;
    slot[(m.nA + x.c) * (R + 1) + x.round] = -1;
    load[x.round]--;
  };
  const isFree = (x: { a: number; c: number }, r: number) =>
    load[r] < T && slot[x.a * (R + 1) + r] === -1 && slot[(m.nA + x.c) * (R + 1) + r] === -1;
  const bestRound = (x: PlacedMeeting, lo: number, hi: number, planned: number): number => {
    if (planned >= lo && planned <= hi && isFree(x, planned)) return planned;
    let best = -1;
    for (let r = lo; r <= hi; r++) if (isFree(x, r) && (best === -1 || load[r] < load[best])) best = r;
    return best;
  };
  /** Moves the meeting `id` to another free round of its window; true on success. */
  const relocate = (id: number, avoid: number): boolean => {
    const x = placed[id]!;
    if (x.isLocked) return false;
    const [lo, hi] = windowOf(x);
    take(id);
    for (let r = lo; r <= hi; r++) {
      if (r !== avoid && isFree(x, r)) {
        put({ ...x, round: r }, id);
        return true;
      }
    }
    put(x, id);
    return false;
  };
  /**
   * Kempe-chain repair (König's step, made window-aware): `from` is free at round `free` but busy at `busy`.
   * Swapping busy/free along the alternating path that starts at `from` frees `busy` at `from`; it is
   * accepted only if every meeting on the path stays inside its window, none is locked, and tables suffice.
   */
  const swapChain = (from: number, busy: number, free: number): boolean => {
    const path: number[] = [];
    let node = from;
    let colour = busy;
    for (;;) {
      const id = slot[node * (R + 1) + colour];
      if (id === -1) break;
      const y = placed[id]!;
      const [lo, hi] = windowOf(y);
      const next = colour === busy ? free : busy;
      if (y.isLocked || next < lo || next > hi) return false;
      path.push(id);
      node = node === y.a ? m.nA + y.c : y.a;
      colour = next;
    }
    // An odd path moves one meeting from `busy` to `free`; the new meeting then takes `busy`.
    if (path.length % 2 === 1 && load[free] >= T) return false;
    const moved = path.map((id) => placed[id]!);
    path.forEach((id) => take(id));
    path.forEach((id, i) => put({ ...moved[i], round: moved[i].round === busy ? free : busy }, id));
    return true;
  };
  const tryChains = (x: PlacedMeeting, lo: number, hi: number): number => {
    const u = x.a;
    const v = m.nA + x.c;
    for (const [self, other] of [
      [u, v],
      [v, u],
    ]) {
      for (let alpha = lo; alpha <= hi; alpha++) {
        if (slot[self * (R + 1) + alpha] !== -1 || slot[other * (R + 1) + alpha] === -1) continue;
        for (let beta = m.first[other]; beta <= m.last[other]; beta++) {
          if (beta === alpha || slot[other * (R + 1) + beta] !== -1) continue;
          // Path from `other` alternating alpha/beta cannot reach `self` (bipartite parity), so alpha frees up.
          if (swapChain(other, alpha, beta) && isFree(x, alpha)) return alpha;
        }
      }
    }
    return -1;
  };
  const tryPlace = (x: PlacedMeeting, lo: number, hi: number, planned: number): boolean => {
    let r = bestRound(x, lo, hi, planned);
    if (r === -1) r = tryChains(x, lo, hi);
    if (r === -1) {
      // Repair: free the round where only one side is busy, by moving that meeting elsewhere.
      for (let q = lo; q <= hi && r === -1; q++) {
        if (load[q] >= T) continue;
        const ia = slot[x.a * (R + 1) + q];
        const ic = slot[(m.nA + x.c) * (R + 1) + q];
        if (ia !== -1 && ic !== -1) continue;
        if (relocate(ia !== -1 ? ia : ic, q)) r = q;
      }
    }
    if (r === -1) return false;
    put({ ...x, round: r });
    degree[x.a]++;
    degree[m.nA + x.c]++;
    return true;
  };

  for (const f of fixedAsPlaced(m)) {
    put(f);
    degree[f.a]++;
    degree[m.nA + f.c]++;
  }
  const inFlow = new Uint8Array(m.pairs.length);
  const isIn = new Uint8Array(m.pairs.length);
  for (const k of relaxation.chosen) inFlow[k] = 1;
  const flowOrder = [...relaxation.chosen].sort((x, y) => {
    const p = m.pairs[x];
    const q = m.pairs[y];
    return (
      (q.plannedRound > 0 ? 1 : 0) - (p.plannedRound > 0 ? 1 : 0) ||
      p.last - p.first - (q.last - q.first) ||
      q.gain - p.gain ||
      x - y
    );
  });
  const rest = m.pairs.map((_, k) => k).filter((k) => !inFlow[k]);
  rest.sort((x, y) => m.pairs[y].gain - m.pairs[x].gain || x - y);
  for (const k of [...flowOrder, ...rest]) {
    const p = m.pairs[k];
    const marginal =
      p.gain +
      (degree[p.a] < m.minimum[p.a] ? m.minimumBonus : 0) +
      (degree[m.nA + p.c] < m.minimum[m.nA + p.c] ? m.minimumBonus : 0);
    if (marginal <= 0) continue;
    const x: PlacedMeeting = { a: p.a, c: p.c, round: 0, weight: p.weight, gain: p.gain, isMust: p.isMust, isLocked: false, table: null };
    if (tryPlace(x, p.first, p.last, p.plannedRound)) isIn[k] = 1;
  }

  // Replacement pass: a pair still out takes the seat of a meeting worth less, in a round where one of
  // the two is free and the other meets that less valuable partner. Each swap strictly raises the objective.
  for (const k of rest.length > 0 ? [...flowOrder, ...rest] : flowOrder) {
    if (isIn[k]) continue;
    const p = m.pairs[k];
    const ends = [p.a, m.nA + p.c];
    search: for (let r = p.first; r <= p.last; r++) {
      for (const [self, other] of [ends, [ends[1], ends[0]]]) {
        const id = slot[other * (R + 1) + r];
        if (slot[self * (R + 1) + r] !== -1 || id === -1 || placed[id]!.isLocked) continue;
        const old = placed[id]!;
        const partner = old.a === other ? m.nA + old.c : old.a;
        const gain = p.gain + (degree[self] < m.minimum[self] ? m.minimumBonus : 0);
        const loss = old.gain + (degree[partner] <= m.minimum[partner] ? m.minimumBonus : 0);
        if (gain <= loss) continue;
        take(id);
        placed[id] = null;
        isIn[m.pairIndex[old.a * m.nC + old.c]] = 0;
        degree[partner]--;
        degree[self]++;
        put({ a: p.a, c: p.c, round: r, weight: p.weight, gain: p.gain, isMust: p.isMust, isLocked: false, table: null });
        isIn[k] = 1;
        break search;
      }
    }
  }
  return placed.filter((x): x is PlacedMeeting => x !== null);
}
