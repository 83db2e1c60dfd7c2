/**
 * Exact method for sessions with windows or locks: a time-indexed MILP solved by HiGHS.
 *   x[k,r] = 1 if pair k meets at round r (only rounds where both are present and not already locked)
 *   y[i]   = meetings of participant i counted towards its minimum (continuous, 0..remaining minimum)
 *   max  sum gain[k] x[k,r] + bonus * sum y[i]
 *   s.t. sum_r x[k,r] <= 1 (pair once); sum_{k at i} x[k,r] <= 1 (one meeting per round);
 *        sum_k x[k,r] <= free tables at r; y[i] <= sum_{k at i, r} x[k,r]
 * HiGHS is passed in by the caller (it is a WebAssembly module loaded once per process), so this core
 * stays free of I/O and the solver can be swapped or omitted.
 */
import type { Highs } from 'highs';
import { evaluate, type Model, type PlacedMeeting } from './model.ts';
import { fixedAsPlaced } from './relaxation.ts';

export type MilpLimits = { maxVariables: number; timeLimitSeconds: number };

export type MilpOutcome = {
  status: string;
  isOptimal: boolean;
  /** Horizon meetings (fixed ones included), or null when HiGHS found no solution. */
  meetings: PlacedMeeting[] | null;
  variables: number;
  /** Proven upper bound on the horizon objective (integer units), when HiGHS reports one. */
  upperBound: number | null;
};

/** Returns null when the model is larger than `limits.maxVariables` (caller then reports the flow bound). */
export function solveByMilp(m: Model, highs: Highs, limits: MilpLimits, start?: readonly PlacedMeeting[]): MilpOutcome | null {
  const R = m.rounds;
  const T = m.tables.length;
  const n = m.nA + m.nC;
  const fixedAt = new Uint8Array(n * (R + 1));
  const fixedLoad = new Int32Array(R + 1);
  const fixedDegree = new Int32Array(n);
  for (const f of m.fixed) {
    fixedAt[f.a * (R + 1) + f.round] = 1;
    fixedAt[(m.nA + f.c) * (R + 1) + f.round] = 1;
    fixedLoad[f.round]++;
    fixedDegree[f.a]++;
    fixedDegree[m.nA + f.c]++;
  }
  const vars: { k: number; r: number; name: string }[] = [];
  m.pairs.forEach((p, k) => {
    for (let r = p.first; r <= p.last; r++) {
      if (fixedAt[p.a * (R + 1) + r] || fixedAt[(m.nA + p.c) * (R + 1) + r] || fixedLoad[r] >= T) continue;
      vars.push({ k, r, name: `x${k}_${r}` });
    }
  });
  if (vars.length > limits.maxVariables) return null;

  const objective: string[] = [];
  const rows: string[] = [];
  const byNodeRound = new Map<number, string[]>();
  const byNode: string[][] = Array.from({ length: n }, () => []);
  const byPair: string[][] = Array.from({ length: m.pairs.length }, () => []);
  const byRound: string[][] = Array.from({ length: R + 1 }, () => []);
  for (const v of vars) {
    const p = m.pairs[v.k];
    // Zero coefficients are kept: a column must appear in a row or the objective to exist in HiGHS.
    objective.push(`${p.gain} ${v.name}`);
    for (const i of [p.a, m.nA + p.c]) {
      const key = i * (R + 1) + v.r;
      let names = byNodeRound.get(key);
      if (!names) byNodeRound.set(key, (names = []));
      names.push(v.name);
      byNode[i].push(v.name);
    }
    byPair[v.k].push(v.name);
    byRound[v.r].push(v.name);
  }
  const bounds: string[] = [];
  const minimumNodes: number[] = [];
  for (let i = 0; i < n; i++) {
    const remaining = Math.max(0, m.minimum[i] - fixedDegree[i]);
    if (remaining === 0 || byNode[i].length === 0) continue;
    minimumNodes.push(i);
    objective.push(`${m.minimumBonus} y${i}`);
    bounds.push(` 0 <= y${i} <= ${remaining}`);
    rows.push(`y${i} - ${byNode[i].join(' - ')} <= 0`);
  }
  for (const names of byNodeRound.values()) if (names.length > 1) rows.push(`${names.join(' + ')} <= 1`);
  for (const names of byPair) if (names.length > 1) rows.push(`${names.join(' + ')} <= 1`);
  for (let r = 1; r <= R; r++) if (byRound[r].length > T - fixedLoad[r]) rows.push(`${byRound[r].join(' + ')} <= ${T - fixedLoad[r]}`);
  if (vars.length === 0) return { status: 'Empty', isOptimal: true, meetings: fixedAsPlaced(m), variables: 0, upperBound: null };

  const lp = [
    'Maximize',
    ` obj: ${wrap(objective.join(' + '))}`,
    'Subject To',
    ...rows.map((row, i) => ` c${i}: ${wrap(row)}`),
    'Bounds',
    ...bounds,
    'Binary',
    ...chunk(vars.map((v) => v.name)).map((line) => ` ${line}`),
    'End',
  ].join('\n');
  // Persistent model API: it takes the heuristic schedule as a warm start and exposes the proven dual bound
  // when the time limit stops the search.
  return highs.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set({
      output_flag: false,
      mip_rel_gap: 0,
      mip_abs_gap: 0.5, // objective coefficients are integers: a gap below 1 unit proves optimality
      time_limit: limits.timeLimitSeconds,
    });
    const column = new Map<string, number>();
    for (const v of vars) column.set(v.name, model.getColByName(v.name));
    for (const i of minimumNodes) column.set(`y${i}`, model.getColByName(`y${i}`));
    if (start) {
      const values = new Float64Array(model.getDimensions().numCols);
      const degree = new Int32Array(n);
      const chosen = new Set(start.filter((x) => !x.isLocked).map((x) => `x${m.pairIndex[x.a * m.nC + x.c]}_${x.round}`));
      for (const v of vars) {
        if (!chosen.has(v.name)) continue;
        values[column.get(v.name)!] = 1;
        degree[m.pairs[v.k].a]++;
        degree[m.nA + m.pairs[v.k].c]++;
      }
      for (let i = 0; i < n; i++) {
        const col = column.get(`y${i}`);
        if (col !== undefined) values[col] = Math.min(degree[i], Math.max(0, m.minimum[i] - fixedDegree[i]));
      }
      model.setSolution({ colValue: values });
    }
    model.run();
    const code = model.getModelStatus();
    const isOptimal = code === highs.constants.modelStatus.optimal;
    const dual = Number(model.info.get('mip_dual_bound'));
    const hasPrimal = Number(model.info.get('primal_solution_status')) === 2; // 2 = feasible point held
    const status = isOptimal ? 'Optimal' : code === highs.constants.modelStatus.timeLimit ? 'Time limit reached' : `status ${code}`;
    // The MILP objective leaves out the fixed meetings (a constant), like the flow bound does.
    const upperBound = Number.isFinite(dual) ? Math.floor(dual + 1e-6) + evaluate(m, fixedAsPlaced(m)).total : null;
    if (!hasPrimal) return { status, isOptimal: false, meetings: null, variables: vars.length, upperBound };
    const x = model.getSolution().colValue;
    const meetings = fixedAsPlaced(m);
    for (const v of vars) {
      if (x[column.get(v.name)!] > 0.5) {
        const p = m.pairs[v.k];
        meetings.push({ a: p.a, c: p.c, round: v.r, weight: p.weight, gain: p.gain, isMust: p.isMust, isLocked: false, table: null });
      }
    }
    return { status, isOptimal, meetings, variables: vars.length, upperBound };
  });
}

/** CPLEX LP readers dislike very long lines: break every few terms (a new line continues the row). */
function wrap(expr: string): string {
  const terms = expr.split(/ (?=[+-] )/);
  return chunk(terms).join('\n   ');
}

function chunk(names: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 20) lines.push(names.slice(i, i + 20).join(' '));
  return lines;
}
