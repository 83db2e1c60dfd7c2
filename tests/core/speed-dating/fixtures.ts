/**
 * Test fixtures for the speed-dating scheduler: a seeded PRNG, random sessions, a checker of every hard
 * constraint, and two exact solvers written independently of the production code (exhaustive search and a
 * time-indexed HiGHS MILP built from the raw input). Only the weight definition (score.ts) is shared.
 */
import type { Highs } from 'highs';
import { expect } from 'vitest';
import type { Schedule, SessionInput, SessionInputDraft } from '../../../service/src/contract/speed-dating.ts';
import { speedDatingWeights, weighPair } from '../../../service/src/core/speed-dating/score.ts';

/** mulberry32: small, fast, good enough for test data. */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type RandomOptions = {
  associations: number;
  companies: number;
  rounds: number;
  tables: number;
  minMeetings?: number;
  windows?: boolean;
  locks?: number;
};

export function randomSession(seed: number, o: RandomOptions): SessionInput {
  const rng = createRng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const person = (prefix: string, i: number) => {
    const p: SessionInput['associations'][number] = { id: `${prefix}${i}`, name: `${prefix === 'a' ? 'Association' : 'Entreprise'} ${i}` };
    if (o.windows && rng() < 0.4) {
      p.firstRound = int(1, o.rounds);
      p.lastRound = int(p.firstRound, o.rounds);
    }
    return p;
  };
  const associations = Array.from({ length: o.associations }, (_, i) => person('a', i));
  const companies = Array.from({ length: o.companies }, (_, i) => person('c', i));
  const preferences: SessionInput['preferences'] = [];
  const fits: SessionInput['fits'] = [];
  const levelOf = () => {
    const x = rng();
    return x < 0.12 ? 'no' : x < 0.4 ? 'interested' : x < 0.47 ? 'must' : null;
  };
  for (const a of associations) {
    for (const c of companies) {
      const la = levelOf();
      const lc = levelOf();
      if (la) preferences.push({ from: a.id, to: c.id, level: la });
      if (lc) preferences.push({ from: c.id, to: a.id, level: lc });
      if (rng() < 0.8) fits.push({ associationId: a.id, companyId: c.id, fit: Math.round(rng() * 100) / 100 });
    }
  }
  const input: SessionInput = {
    sessionId: `session-${seed}`,
    title: 'Test',
    rounds: o.rounds,
    tables: Array.from({ length: o.tables }, (_, i) => `Table ${i + 1}`),
    associations,
    companies,
    preferences,
    fits,
    minMeetings: o.minMeetings ?? 0,
    locks: [],
  };
  input.locks = randomLocks(input, o.locks ?? 0, rng);
  return input;
}

/** Locks that respect every rule (acceptable pair, presence, one per person/table/round). */
function randomLocks(input: SessionInput, count: number, rng: () => number): SessionInput['locks'] {
  const locks: SessionInput['locks'] = [];
  const busy = new Set<string>();
  const declined = new Set(input.preferences.filter((p) => p.level === 'no').map((p) => [p.from, p.to].sort().join('|')));
  for (let attempt = 0; attempt < 50 && locks.length < count; attempt++) {
    const a = input.associations[Math.floor(rng() * input.associations.length)];
    const c = input.companies[Math.floor(rng() * input.companies.length)];
    const round = 1 + Math.floor(rng() * input.rounds);
    const table = input.tables[Math.floor(rng() * input.tables.length)];
    const inWindow = (p: typeof a) => round >= (p.firstRound ?? 1) && round <= (p.lastRound ?? input.rounds);
    if (declined.has([a.id, c.id].sort().join('|')) || !inWindow(a) || !inWindow(c)) continue;
    if (locks.some((l) => l.associationId === a.id && l.companyId === c.id)) continue;
    const keys = [`${a.id}@${round}`, `${c.id}@${round}`, `${table}@${round}`];
    if (keys.some((k) => busy.has(k))) continue;
    keys.forEach((k) => busy.add(k));
    locks.push({ associationId: a.id, companyId: c.id, round, table: rng() < 0.5 ? table : undefined });
  }
  return locks;
}

type Level = 'must' | 'interested' | 'no' | undefined;

/** Weight in integer units of every pair, from the raw input (null = declined). */
export function pairUnits(input: SessionInput): Map<string, number | null> {
  const level = new Map<string, Level>();
  for (const p of input.preferences) level.set(`${p.from}>${p.to}`, p.level);
  const fit = new Map(input.fits.map((f) => [`${f.associationId}|${f.companyId}`, f.fit]));
  const out = new Map<string, number | null>();
  for (const a of input.associations) {
    for (const c of input.companies) {
      const la = level.get(`${a.id}>${c.id}`);
      const lc = level.get(`${c.id}>${a.id}`);
      out.set(`${a.id}|${c.id}`, la === 'no' || lc === 'no' ? null : weighPair(la, lc, fit.get(`${a.id}|${c.id}`) ?? 0));
    }
  }
  return out;
}

export type Replanned = { fromRound: number; previous: Schedule };

/**
 * Objective of a schedule recomputed from the raw input, in integer units. After a re-plan the solver's
 * objective covers the re-planned rounds only: their pair weights, keepBonus per previously planned pair
 * still there, and the minimum bonus on what remained of each minimum after the past rounds.
 */
export function objectiveUnits(input: SessionInput, schedule: Schedule, replanned?: Replanned): number {
  const units = pairUnits(input);
  const from = replanned?.fromRound ?? 1;
  const pair = (x: { associationId: string; companyId: string }) => `${x.associationId}|${x.companyId}`;
  const planned = new Set(replanned?.previous.meetings.filter((x) => x.round >= from).map(pair) ?? []);
  const pastDegree = new Map<string, number>();
  const degree = new Map<string, number>();
  let total = 0;
  for (const x of schedule.meetings) {
    const target = x.round < from ? pastDegree : degree;
    target.set(x.associationId, (target.get(x.associationId) ?? 0) + 1);
    target.set(x.companyId, (target.get(x.companyId) ?? 0) + 1);
    if (x.round < from) continue;
    total += units.get(pair(x))!;
    if (planned.has(pair(x))) total += speedDatingWeights.keepBonus * speedDatingWeights.resolution;
  }
  const bonus = speedDatingWeights.minimumBonus * speedDatingWeights.resolution;
  for (const p of [...input.associations, ...input.companies]) {
    const remaining = Math.max(0, input.minMeetings - (pastDegree.get(p.id) ?? 0));
    total += bonus * Math.min(degree.get(p.id) ?? 0, remaining);
  }
  return total;
}

/** Every hard constraint of the issue, checked on the published schedule. */
export function expectValidSchedule(
  input: SessionInput,
  schedule: Schedule,
  absentFrom = new Map<string, number>(),
  replanned?: Replanned,
): void {
  const units = pairUnits(input);
  const window = new Map([...input.associations, ...input.companies].map((p) => [p.id, [p.firstRound ?? 1, p.lastRound ?? input.rounds]]));
  const seen = new Set<string>();
  for (const x of schedule.meetings) {
    expect(units.has(`${x.associationId}|${x.companyId}`), 'association x company pair').toBe(true);
    expect(units.get(`${x.associationId}|${x.companyId}`), `"non merci" scheduled: ${x.associationId}/${x.companyId}`).not.toBeNull();
    const pair = `${x.associationId}|${x.companyId}`;
    expect(seen.has(pair), `pair twice: ${pair}`).toBe(false);
    seen.add(pair);
    expect(input.tables).toContain(x.table);
    expect(x.round).toBeGreaterThanOrEqual(1);
    expect(x.round).toBeLessThanOrEqual(input.rounds);
    for (const id of [x.associationId, x.companyId]) {
      const [first, last] = window.get(id)!;
      expect(x.round >= first && x.round <= last, `${id} absent at round ${x.round}`).toBe(true);
      expect(x.round < (absentFrom.get(id) ?? Infinity), `${id} no-show at round ${x.round}`).toBe(true);
    }
    for (const key of [`${x.associationId}@${x.round}`, `${x.companyId}@${x.round}`, `table ${x.table}@${x.round}`]) {
      expect(seen.has(key), `double booking ${key}`).toBe(false);
      seen.add(key);
    }
  }
  for (const l of input.locks) {
    const x = schedule.meetings.find((y) => y.associationId === l.associationId && y.companyId === l.companyId);
    if ((absentFrom.get(l.associationId) ?? Infinity) <= l.round || (absentFrom.get(l.companyId) ?? Infinity) <= l.round) continue;
    expect(x?.round, `lock ${l.associationId}/${l.companyId}`).toBe(l.round);
    if (l.table) expect(x?.table).toBe(l.table);
  }
  const c = schedule.certificate;
  expect(c.upperBound + 1e-9).toBeGreaterThanOrEqual(c.objective);
  expect(Math.round(c.objective * speedDatingWeights.resolution)).toBe(objectiveUnits(input, schedule, replanned));
}

/**
 * Independent exact optimum (integer units): time-indexed MILP on the raw input, x[a,c,r] binary,
 * y[p] continuous <= minMeetings counts meetings towards the minimum. Returns null if HiGHS did not finish.
 */
export function exactOptimumByMilp(input: SessionInput, highs: Highs): number | null {
  const units = pairUnits(input);
  const win = (p: { firstRound?: number; lastRound?: number }) => [p.firstRound ?? 1, p.lastRound ?? input.rounds];
  const terms: string[] = [];
  const rows: string[] = [];
  const vars: string[] = [];
  const perPersonRound = new Map<string, string[]>();
  const perPerson = new Map<string, string[]>();
  const perRound = new Map<number, string[]>();
  const add = <K,>(map: Map<K, string[]>, key: K, v: string) => {
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  };
  input.associations.forEach((a, i) => {
    input.companies.forEach((c, j) => {
      const w = units.get(`${a.id}|${c.id}`);
      if (w === null || w === undefined) return;
      const lock = input.locks.find((l) => l.associationId === a.id && l.companyId === c.id);
      const pairVars: string[] = [];
      for (let r = 1; r <= input.rounds; r++) {
        if (r < Math.max(win(a)[0], win(c)[0]) || r > Math.min(win(a)[1], win(c)[1])) continue;
        const v = `p${i}_${j}_${r}`;
        vars.push(v);
        pairVars.push(v);
        terms.push(`${w} ${v}`);
        add(perPersonRound, `${a.id}@${r}`, v);
        add(perPersonRound, `${c.id}@${r}`, v);
        add(perPerson, a.id, v);
        add(perPerson, c.id, v);
        add(perRound, r, v);
        if (lock && lock.round === r) rows.push(`${v} = 1`);
      }
      if (pairVars.length > 0) rows.push(`${pairVars.join(' + ')} <= 1`);
    });
  });
  if (vars.length === 0) return 0;
  for (const v of perPersonRound.values()) rows.push(`${v.join(' + ')} <= 1`);
  for (const v of perRound.values()) rows.push(`${v.join(' + ')} <= ${input.tables.length}`);
  const bounds: string[] = [];
  const bonus = speedDatingWeights.minimumBonus * speedDatingWeights.resolution;
  [...input.associations, ...input.companies].forEach((p, i) => {
    const mine = perPerson.get(p.id);
    if (!mine || input.minMeetings === 0) return;
    terms.push(`${bonus} m${i}`);
    bounds.push(`0 <= m${i} <= ${input.minMeetings}`);
    rows.push(`m${i} - ${mine.join(' - ')} <= 0`);
  });
  const lines = (s: string) => s.split(/ (?=[+-] )/).join('\n  ');
  const lp = ['Maximize', ` z: ${lines(terms.join(' + '))}`, 'Subject To', ...rows.map((r, i) => ` r${i}: ${lines(r)}`), 'Bounds', ...bounds.map((b) => ` ${b}`), 'Binary', ...vars.map((v) => ` ${v}`), 'End'].join('\n');
  const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: 60 });
  if (result.Status !== 'Optimal') return null;
  return Math.round(result.ObjectiveValue);
}

/**
 * Exhaustive search over every assignment pair -> round or none (tiny instances only). With `mustOnly`,
 * maximises the number of "must" pairs met instead (no minimum bonus).
 */
export function exactOptimumByEnumeration(input: SessionInput, options: { mustOnly?: boolean } = {}): number {
  const units = pairUnits(input);
  if (options.mustOnly) {
    const must = new Set(input.preferences.filter((p) => p.level === 'must').map((p) => [p.from, p.to].sort().join('|')));
    for (const [key, w] of units) if (w !== null) units.set(key, must.has(key.split('|').sort().join('|')) ? 1 : 0);
    input = { ...input, minMeetings: 0 };
  }
  const win = (p: { firstRound?: number; lastRound?: number }) => [p.firstRound ?? 1, p.lastRound ?? input.rounds];
  const pairs: { a: string; c: string; w: number; lo: number; hi: number; lock?: number }[] = [];
  for (const a of input.associations) {
    for (const c of input.companies) {
      const w = units.get(`${a.id}|${c.id}`);
      if (w === null || w === undefined) continue;
      const lock = input.locks.find((l) => l.associationId === a.id && l.companyId === c.id)?.round;
      pairs.push({ a: a.id, c: c.id, w, lo: Math.max(win(a)[0], win(c)[0]), hi: Math.min(win(a)[1], win(c)[1]), lock });
    }
  }
  const busy = new Set<string>();
  const load = new Array(input.rounds + 1).fill(0);
  const degree = new Map<string, number>();
  const bonus = speedDatingWeights.minimumBonus * speedDatingWeights.resolution;
  let best = -Infinity;
  const visit = (k: number, value: number) => {
    if (k === pairs.length) {
      let total = value;
      for (const d of degree.values()) total += bonus * Math.min(d, input.minMeetings);
      best = Math.max(best, total);
      return;
    }
    const p = pairs[k];
    if (p.lock === undefined) visit(k + 1, value);
    for (let r = p.lo; r <= p.hi; r++) {
      if (p.lock !== undefined && r !== p.lock) continue;
      if (busy.has(`${p.a}@${r}`) || busy.has(`${p.c}@${r}`) || load[r] >= input.tables.length) continue;
      busy.add(`${p.a}@${r}`);
      busy.add(`${p.c}@${r}`);
      load[r]++;
      degree.set(p.a, (degree.get(p.a) ?? 0) + 1);
      degree.set(p.c, (degree.get(p.c) ?? 0) + 1);
      visit(k + 1, value + p.w);
      busy.delete(`${p.a}@${r}`);
      busy.delete(`${p.c}@${r}`);
      load[r]--;
      degree.set(p.a, degree.get(p.a)! - 1);
      degree.set(p.c, degree.get(p.c)! - 1);
    }
  };
  visit(0, 0);
  return best;
}

export type { SessionInputDraft };
