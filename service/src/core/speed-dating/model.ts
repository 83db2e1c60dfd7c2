/**
 * The solver's internal view of a session: integer indices (associations 0..nA-1, companies nA..),
 * presence windows clipped to the planning horizon, acceptable pairs with integer weights, and the
 * meetings already fixed (locks inside the horizon, past rounds when re-planning).
 */
import type { Meeting, PreferenceLevel, SessionInput } from '../../contract/speed-dating.ts';
import { speedDatingWeights, toUnits, weighPair, type SpeedDatingWeights } from './score.ts';

export type Pair = {
  a: number;
  /** Company index 0..nC-1 (node index is nA + c). */
  c: number;
  /** Pair weight + keep bonus, integer units: what the solver maximises. */
  gain: number;
  /** Pair weight alone, integer units. */
  weight: number;
  isMust: boolean;
  /** Re-plan: round planned previously for this pair in the horizon (0 = not planned). */
  plannedRound: number;
  plannedTable: string | null;
  /** Common presence window of both, inside the horizon (first <= last). */
  first: number;
  last: number;
};

export type FixedMeeting = { a: number; c: number; round: number; table: string | null; weight: number; gain: number; isMust: boolean };

export type Model = {
  input: SessionInput;
  weights: SpeedDatingWeights;
  nA: number;
  nC: number;
  ids: string[];
  names: string[];
  rounds: number;
  tables: string[];
  /** First round being planned (1, or the re-plan round). */
  horizonStart: number;
  first: Int32Array;
  last: Int32Array;
  isAbsent: Uint8Array;
  /** Meetings before the horizon (re-plan), kept verbatim. */
  past: Meeting[];
  pastCount: Int32Array;
  /** Remaining minimum over the horizon: max(0, minMeetings - past meetings). */
  minimum: Int32Array;
  fixed: FixedMeeting[];
  pairs: Pair[];
  /** Index into pairs by a * nC + c, -1 if the pair is not schedulable in the horizon. */
  pairIndex: Int32Array;
  level: (a: number, c: number) => { association?: PreferenceLevel; company?: PreferenceLevel };
  fitOf: (a: number, c: number) => number;
  minimumBonus: number;
  /** True when windows or fixed meetings break the polynomial case (full windows, nothing fixed). */
  hasRestrictions: boolean;
};

export type ModelContext = {
  horizonStart: number;
  past: Meeting[];
  /** Meetings planned previously in the horizon (re-plan), rewarded by keepBonus. */
  planned: Meeting[];
  noShows: ReadonlySet<string>;
};

export function buildModel(
  input: SessionInput,
  ctx: ModelContext = { horizonStart: 1, past: [], planned: [], noShows: new Set() },
  weights: SpeedDatingWeights = speedDatingWeights,
): Model {
  const nA = input.associations.length;
  const nC = input.companies.length;
  const people = [...input.associations, ...input.companies];
  const index = new Map(people.map((p, i) => [p.id, i]));
  const R = input.rounds;
  const first = new Int32Array(nA + nC);
  const last = new Int32Array(nA + nC);
  const isAbsent = new Uint8Array(nA + nC);
  people.forEach((p, i) => {
    isAbsent[i] = ctx.noShows.has(p.id) ? 1 : 0;
    first[i] = Math.max(p.firstRound ?? 1, ctx.horizonStart);
    last[i] = isAbsent[i] ? ctx.horizonStart - 1 : (p.lastRound ?? R);
  });

  const levels = new Map<number, { association?: PreferenceLevel; company?: PreferenceLevel }>();
  for (const pref of input.preferences) {
    const from = index.get(pref.from)!;
    const to = index.get(pref.to)!;
    const fromAssociation = from < nA;
    const key = fromAssociation ? from * nC + (to - nA) : to * nC + (from - nA);
    const entry = levels.get(key) ?? {};
    if (fromAssociation) entry.association = pref.level;
    else entry.company = pref.level;
    levels.set(key, entry);
  }
  const fits = new Float64Array(nA * nC);
  for (const f of input.fits) fits[index.get(f.associationId)! * nC + index.get(f.companyId)! - nA] = f.fit;
  const level = (a: number, c: number) => levels.get(a * nC + c) ?? {};
  const fitOf = (a: number, c: number) => fits[a * nC + c];
  const weightOf = (a: number, c: number) => {
    const l = level(a, c);
    return weighPair(l.association, l.company, fitOf(a, c), weights);
  };
  const isMustPair = (a: number, c: number) => {
    const l = level(a, c);
    return l.association === 'must' || l.company === 'must';
  };

  const pastCount = new Int32Array(nA + nC);
  const met = new Set<number>();
  for (const m of ctx.past) {
    const a = index.get(m.associationId)!;
    const c = index.get(m.companyId)! - nA;
    pastCount[a]++;
    pastCount[nA + c]++;
    met.add(a * nC + c);
  }
  const planned = new Map<number, Meeting>();
  for (const m of ctx.planned) planned.set(index.get(m.associationId)! * nC + index.get(m.companyId)! - nA, m);
  const keepBonus = toUnits(weights.keepBonus, weights);
  const fixed: FixedMeeting[] = [];
  for (const l of input.locks) {
    if (l.round < ctx.horizonStart) continue;
    const a = index.get(l.associationId)!;
    const c = index.get(l.companyId)! - nA;
    if (isAbsent[a] || isAbsent[nA + c] || met.has(a * nC + c)) continue;
    const weight = weightOf(a, c);
    // A locked meeting that was planned is a kept meeting too (a constant, counted for a uniform objective).
    const gain = weight + (planned.has(a * nC + c) ? keepBonus : 0);
    fixed.push({ a, c, round: l.round, table: l.table ?? null, weight, gain, isMust: isMustPair(a, c) });
    met.add(a * nC + c);
  }

  const pairs: Pair[] = [];
  const pairIndex = new Int32Array(nA * nC).fill(-1);
  for (let a = 0; a < nA; a++) {
    for (let c = 0; c < nC; c++) {
      const l = level(a, c);
      if (l.association === 'no' || l.company === 'no' || met.has(a * nC + c)) continue;
      const lo = Math.max(first[a], first[nA + c]);
      const hi = Math.min(last[a], last[nA + c]);
      if (lo > hi) continue;
      const weight = weightOf(a, c);
      const plan = planned.get(a * nC + c);
      pairIndex[a * nC + c] = pairs.length;
      pairs.push({
        a,
        c,
        weight,
        gain: weight + (plan ? keepBonus : 0),
        isMust: isMustPair(a, c),
        plannedRound: plan?.round ?? 0,
        plannedTable: plan?.table ?? null,
        first: lo,
        last: hi,
      });
    }
  }
  const minimum = new Int32Array(nA + nC);
  for (let i = 0; i < nA + nC; i++) minimum[i] = Math.max(0, input.minMeetings - pastCount[i]);
  let hasRestrictions = fixed.length > 0;
  for (let i = 0; i < nA + nC; i++) {
    if (first[i] <= last[i] && (first[i] !== ctx.horizonStart || last[i] !== R)) hasRestrictions = true;
  }
  return {
    input,
    weights,
    nA,
    nC,
    ids: people.map((p) => p.id),
    names: people.map((p) => p.name),
    rounds: R,
    tables: input.tables,
    horizonStart: ctx.horizonStart,
    first,
    last,
    isAbsent,
    past: ctx.past,
    pastCount,
    minimum,
    fixed,
    pairs,
    pairIndex,
    level,
    fitOf,
    minimumBonus: toUnits(weights.minimumBonus, weights),
    hasRestrictions,
  };
}

/** Presence rounds of node i inside the horizon. */
export function presence(m: Model, i: number): number {
  return Math.max(0, m.last[i] - m.first[i] + 1);
}

export type PlacedMeeting = { a: number; c: number; round: number; weight: number; gain: number; isMust: boolean; isLocked: boolean; table: string | null };

/** Objective of a set of horizon meetings, split as in the certificate (integer units). */
export function evaluate(m: Model, meetings: readonly PlacedMeeting[]) {
  const degree = new Int32Array(m.nA + m.nC);
  let pairValue = 0;
  let keepValue = 0;
  for (const x of meetings) {
    degree[x.a]++;
    degree[m.nA + x.c]++;
    pairValue += x.weight;
    keepValue += x.gain - x.weight;
  }
  let minimumValue = 0;
  for (let i = 0; i < degree.length; i++) minimumValue += m.minimumBonus * Math.min(degree[i], m.minimum[i]);
  return { pairValue, keepValue, minimumValue, total: pairValue + keepValue + minimumValue };
}
