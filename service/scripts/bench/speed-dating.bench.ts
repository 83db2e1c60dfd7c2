/**
 * Speed-dating scheduler: time of solveSchedule (min-cost flow + König/de Werra colouring, exact) against
 * HiGHS MILP formulations of the same instances, in the same run, with the objectives compared.
 * - "MILP degree": x[a,c] binary with degree <= rounds, total <= rounds x tables (exact without windows
 *   by König/de Werra; the smallest exact MILP, rounds assigned afterwards).
 * - "MILP time-indexed": x[a,c,r] binary, the direct model (what solve.ts uses with windows); small sizes only.
 * Instances are random but seeded (same numbers every run): 12 % "non merci", 28 % interested, 7 % must per side.
 */
import type { Highs } from 'highs';
import type { SessionInput } from '../../src/contract/speed-dating.ts';
import { buildModel, evaluate } from '../../src/core/speed-dating/model.ts';
import { solveByMilp } from '../../src/core/speed-dating/milp.ts';
import { speedDatingWeights } from '../../src/core/speed-dating/score.ts';
import { solveSchedule } from '../../src/core/speed-dating/solve.ts';

type Case = { label: string; associations: number; companies: number; rounds: number; tables: number; target: string; timeIndexed: boolean; windows?: boolean };

const CASES: Case[] = [
  { label: '10x10, 12 rounds, 10 tables', associations: 10, companies: 10, rounds: 12, tables: 10, target: '< 50 ms', timeIndexed: true },
  { label: '32x22, 20 rounds, 22 tables', associations: 32, companies: 22, rounds: 20, tables: 22, target: '', timeIndexed: false },
  { label: '200x200, 12 rounds, 200 tables', associations: 200, companies: 200, rounds: 12, tables: 200, target: '< 2 s', timeIndexed: false },
  { label: '200x200, 12 rounds, 80 tables', associations: 200, companies: 200, rounds: 12, tables: 80, target: '< 2 s', timeIndexed: false },
];

// 30 % of participants come late and/or leave early: no polynomial guarantee, heuristic + bound, then MILP.
const WINDOW_CASES: Case[] = [
  { label: '10x10, 12 rounds, 8 tables, windows', associations: 10, companies: 10, rounds: 12, tables: 8, target: '', timeIndexed: true, windows: true },
  { label: '32x22, 20 rounds, 12 tables, windows', associations: 32, companies: 22, rounds: 20, tables: 12, target: '', timeIndexed: true, windows: true },
  { label: '200x200, 12 rounds, 200 tables, windows', associations: 200, companies: 200, rounds: 12, tables: 200, target: '', timeIndexed: false, windows: true },
];

function createInstance(seed: number, c: Case): SessionInput {
  let s = seed >>> 0;
  const rng = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const window = () => {
    if (!c.windows || rng() >= 0.3) return {};
    const firstRound = 1 + Math.floor((rng() * c.rounds) / 2);
    return { firstRound, lastRound: Math.min(c.rounds, firstRound + Math.floor(rng() * c.rounds)) };
  };
  const person = (prefix: string) => (_: unknown, i: number) => ({ id: `${prefix}${i}`, name: `${prefix}${i}`, ...window() });
  const associations = Array.from({ length: c.associations }, person('a'));
  const companies = Array.from({ length: c.companies }, person('c'));
  const preferences: SessionInput['preferences'] = [];
  const fits: SessionInput['fits'] = [];
  const level = () => {
    const x = rng();
    return x < 0.12 ? 'no' : x < 0.4 ? 'interested' : x < 0.47 ? 'must' : null;
  };
  for (const a of associations) {
    for (const co of companies) {
      const la = level();
      const lc = level();
      if (la) preferences.push({ from: a.id, to: co.id, level: la });
      if (lc) preferences.push({ from: co.id, to: a.id, level: lc });
      fits.push({ associationId: a.id, companyId: co.id, fit: Math.round(rng() * 100) / 100 });
    }
  }
  const tables = Array.from({ length: c.tables }, (_, i) => `T${i + 1}`);
  return { sessionId: 'bench', title: 'bench', rounds: c.rounds, tables, associations, companies, preferences, fits, minMeetings: 3, locks: [] };
}

/** Degree-constrained MILP of the whole session (no windows), built from the model's pairs. */
function solveDegreeMilp(input: SessionInput, highs: Highs): { objective: number; status: string } {
  const m = buildModel(input);
  const terms: string[] = [];
  const rows: string[] = [];
  const incident: string[][] = Array.from({ length: m.nA + m.nC }, () => []);
  m.pairs.forEach((p, k) => {
    terms.push(`${p.gain} x${k}`);
    incident[p.a].push(`x${k}`);
    incident[m.nA + p.c].push(`x${k}`);
  });
  const bounds: string[] = [];
  incident.forEach((xs, i) => {
    if (xs.length === 0) return;
    rows.push(`${xs.join(' + ')} <= ${m.rounds}`);
    if (m.minimum[i] > 0) {
      terms.push(`${m.minimumBonus} y${i}`);
      bounds.push(` 0 <= y${i} <= ${m.minimum[i]}`);
      rows.push(`y${i} - ${xs.join(' - ')} <= 0`);
    }
  });
  rows.push(`${m.pairs.map((_, k) => `x${k}`).join(' + ')} <= ${m.rounds * m.tables.length}`);
  const wrap = (expr: string) => expr.split(/ (?=[+-] )/).reduce((acc, t, i) => acc + (i % 20 === 0 && i > 0 ? '\n   ' : ' ') + t, '');
  const lp = [
    'Maximize',
    ` obj:${wrap(terms.join(' + '))}`,
    'Subject To',
    ...rows.map((r, i) => ` c${i}:${wrap(r)}`),
    'Bounds',
    ...bounds,
    'Binary',
    ...m.pairs.map((_, k) => ` x${k}`),
    'End',
  ].join('\n');
  const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: 300 });
  return { objective: result.ObjectiveValue / speedDatingWeights.resolution, status: result.Status };
}

/**
 * Median of `repeat` runs after one warm-up run (JIT); repeat 0 times the single run. Reports wall time and
 * CPU time of this process: on a shared machine the CPU time is the fairer number (the code is single-threaded).
 */
function timeIt<T>(fn: () => T, repeat: number): { ms: number; cpuMs: number; value: T } {
  const measure = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const value = fn();
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
  };
  let last = measure();
  if (repeat === 0) return last;
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < repeat; i++) {
    last = measure();
    runs.push(last);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), value: last.value };
}

const fmt = (t: { ms: number; cpuMs: number }) => `${t.ms.toFixed(1)} ms wall, ${t.cpuMs.toFixed(1)} ms cpu`;

export async function run(opts: { quick: boolean }): Promise<void> {
  const { default: loadHighs } = await import('highs');
  const highs = await loadHighs();
  console.log('speed-dating: solveSchedule (flow + colouring) vs HiGHS MILP, minMeetings 3, median of runs, 1 core');
  for (const c of opts.quick ? CASES.slice(0, 2) : CASES) {
    const input = createInstance(42, c);
    const flow = timeIt(() => solveSchedule(input), opts.quick ? 3 : c.associations > 50 ? 5 : 21);
    const cert = flow.value.certificate;
    console.log(`  ${c.label}: ${flow.value.meetings.length} meetings, ${cert.method}, gap ${cert.gap}`);
    console.log(`    solveSchedule        ${fmt(flow)} ${c.target ? `(target ${c.target})` : ''}  objective ${cert.objective}`);
    const degree = timeIt(() => solveDegreeMilp(input, highs), opts.quick || c.associations > 50 ? 1 : 3);
    const same = Math.abs(degree.value.objective - cert.objective) < 1e-6 ? 'same objective' : 'OBJECTIVE DIFFERS';
    console.log(`    MILP degree (HiGHS)  ${fmt(degree)}  ${degree.value.status}, ${same}; speed ratio MILP / solveSchedule = ${(degree.cpuMs / flow.cpuMs).toFixed(1)} (cpu)`);
    if (c.timeIndexed) {
      const m = buildModel(input);
      const timed = timeIt(() => solveByMilp(m, highs, { maxVariables: Infinity, timeLimitSeconds: 300 }), 1);
      const objective = evaluate(m, timed.value?.meetings ?? []).total / speedDatingWeights.resolution;
      const agree = Math.abs(objective - cert.objective) < 1e-6 ? 'same objective' : `OBJECTIVE ${objective}`;
      console.log(`    MILP time-indexed    ${fmt(timed)}  ${timed.value?.status} (${timed.value?.variables} binaries), ${agree}; speed ratio MILP / solveSchedule = ${(timed.cpuMs / flow.cpuMs).toFixed(1)} (cpu)`);
    }
  }
  runWindows(highs, opts.quick);
}

function runWindows(highs: Highs, quick: boolean) {
  console.log('  with presence windows (exact guarantee needs the MILP; otherwise the proven gap is printed):');
  for (const c of quick ? WINDOW_CASES.slice(0, 1) : WINDOW_CASES) {
    const input = createInstance(7, c);
    const heuristic = timeIt(() => solveSchedule(input), 1);
    const h = heuristic.value.certificate;
    console.log(`  ${c.label}`);
    console.log(`    heuristic + flow bound ${fmt(heuristic)}  objective ${h.objective}, bound ${h.upperBound}, gap ${h.gap} (${((100 * h.gap) / h.upperBound).toFixed(4)} %)`);
    if (!c.timeIndexed) continue;
    const exact = timeIt(() => solveSchedule(input, { highs, exactLimits: { timeLimitSeconds: 60 } }), 0);
    const e = exact.value.certificate;
    console.log(`    + HiGHS MILP           ${fmt(exact)}  ${e.method}, objective ${e.objective}, bound ${e.upperBound}, gap ${e.gap}`);
  }
}

if (process.argv[1]?.endsWith('speed-dating.bench.ts')) await run({ quick: process.argv.includes('--quick') });
