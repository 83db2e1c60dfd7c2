/**
 * Speed-dating scheduler entry point. See README.md in this folder for the algorithm and its proof.
 *
 * - No windows, no locks: min-cost flow (exact degree-constrained subgraph) + König/de Werra colouring.
 *   Polynomial and provably optimal: upperBound = objective, gap 0.
 * - Windows or locks: heuristic schedule + flow upper bound; if `deps.highs` is given and the time-indexed
 *   MILP is small enough, HiGHS proves the optimum (gap 0), otherwise the proven gap is reported.
 */
import type { Highs } from 'highs';
import type { Certificate, Schedule, SessionInputDraft } from '../../contract/speed-dating.ts';
import { explainSchedule } from './explain.ts';
import { solveByMilp, type MilpLimits } from './milp.ts';
import { buildModel, evaluate, type Model, type PlacedMeeting } from './model.ts';
import { toAgendas, toMeetings, toTimetable } from './output.ts';
import { maxMustMeetings, scheduleByColouring, solveRelaxation } from './relaxation.ts';
import { toPoints } from './score.ts';
import { assignTables, countTableMoves } from './tables.ts';
import { parseSessionInput } from './validate.ts';
import { scheduleGreedy } from './windows.ts';

export type SolveDeps = {
  /** A loaded HiGHS module (`await (await import('highs')).default()`); enables the exact MILP path. */
  highs?: Highs;
  /** Size and time limits of the exact MILP path. */
  exactLimits?: Partial<MilpLimits>;
};

export const defaultExactLimits: MilpLimits = { maxVariables: 30_000, timeLimitSeconds: 20 };

/** Builds the optimal schedule of a session (or the best found with a proven gap); throws Invalid on bad input. */
export function solveSchedule(raw: SessionInputDraft, deps: SolveDeps = {}): Schedule {
  const input = parseSessionInput(raw);
  return solveModel(buildModel(input), deps);
}

/** Solves an already-built model over its horizon; shared by solveSchedule and replan. */
export function solveModel(m: Model, deps: SolveDeps): Schedule {
  const relaxation = solveRelaxation(m);
  const { horizon, certificate } = m.hasRestrictions
    ? solveRestricted(m, relaxation, deps)
    : solvePolynomial(m, relaxation);
  const meetings = toMeetings(m, assignTables(m, horizon));
  const { unscheduled, shortfalls } = explainSchedule(m, meetings);
  return {
    sessionId: m.input.sessionId,
    weightsVersion: m.weights.version,
    rounds: m.rounds,
    meetings,
    timetable: toTimetable(m, meetings),
    agendas: toAgendas(m, meetings),
    certificate,
    unscheduled,
    shortfalls,
    tableMoves: countTableMoves(meetings),
  };
}

type Solved = { horizon: PlacedMeeting[]; certificate: Certificate };

function solvePolynomial(m: Model, relaxation: ReturnType<typeof solveRelaxation>): Solved {
  const isReplan = m.pairs.some((p) => p.plannedRound > 0);
  const horizon = scheduleByColouring(m, relaxation, isReplan ? 'cap' : 'equitable');
  const explanation =
    'Flot de coût minimum (sous-graphe biparti de poids maximum à degrés bornés, optimum exact), ' +
    'puis coloration des arêtes de König équilibrée (de Werra) : chaque ronde a au plus ⌈E/R⌉ ≤ T rencontres, ' +
    "donc l'optimum du flot est réalisable et la borne est atteinte.";
  return { horizon, certificate: certify(m, horizon, relaxation.bound, 'flow-colouring', explanation) };
}

function solveRestricted(m: Model, relaxation: ReturnType<typeof solveRelaxation>, deps: SolveDeps): Solved {
  let horizon = scheduleGreedy(m, relaxation);
  let value = evaluate(m, horizon).total;
  let bound = relaxation.bound;
  let method: Certificate['method'] = 'bounded-heuristic';
  let explanation =
    'Fenêtres de présence ou rencontres verrouillées : planning heuristique ; borne supérieure = optimum du flot ' +
    'où chacun a au plus autant de rencontres que de rondes de présence (relaxation prouvée).';
  if (value < bound && deps.highs) {
    const limits = { ...defaultExactLimits, ...deps.exactLimits };
    const milp = solveByMilp(m, deps.highs, limits, horizon);
    if (milp === null) {
      explanation += ` MILP non tenté : plus de ${limits.maxVariables} variables.`;
    } else {
      if (milp.meetings) {
        const milpValue = evaluate(m, milp.meetings).total;
        if (milpValue > value) {
          horizon = milp.meetings;
          value = milpValue;
          method = 'milp';
        }
      }
      if (milp.isOptimal) {
        bound = value;
        method = 'milp';
        explanation = `MILP indexé par ronde résolu à l'optimum par HiGHS (${milp.variables} variables binaires).`;
      } else {
        // A dual bound below a schedule we hold would be a solver tolerance artefact: keep the flow bound then.
        if (milp.upperBound !== null && milp.upperBound >= value) bound = Math.min(bound, milp.upperBound);
        explanation += ` MILP HiGHS arrêté (${milp.status}) : meilleure solution gardée, borne = min(flot, borne duale HiGHS).`;
      }
    }
  }
  return { horizon, certificate: certify(m, horizon, bound, method, explanation) };
}

function certify(m: Model, horizon: PlacedMeeting[], bound: number, method: Certificate['method'], explanation: string): Certificate {
  const value = evaluate(m, horizon);
  // Integer units: equality is exact, no tolerance needed.
  const gap = Math.max(0, bound - value.total);
  return {
    method,
    objective: toPoints(value.total, m.weights),
    upperBound: toPoints(bound, m.weights),
    gap: toPoints(gap, m.weights),
    isOptimal: gap === 0,
    pairValue: toPoints(value.pairValue, m.weights),
    minimumBonus: toPoints(value.minimumValue, m.weights),
    keepBonus: toPoints(value.keepValue, m.weights),
    mustMeetings: { placed: horizon.filter((x) => x.isMust).length, maxPossible: maxMustMeetings(m) },
    explanation,
  };
}
