/**
 * Pair weights for speed-dating schedules: pure and versioned. A stored schedule records `version`,
 * so a change of any number below must bump it.
 */
import type { PreferenceLevel } from '../../contract/speed-dating.ts';

export type SpeedDatingWeights = {
  version: string;
  /** Per side that said "intéressé". */
  interested: number;
  /** Per side that said "à rencontrer absolument": dominates any exchange of up to ~20 ordinary meetings. */
  must: number;
  /** Per side that said nothing: that side counts as `unstatedFit * fit` (the fit score speaks for it). */
  unstatedFit: number;
  /** Every acceptable pair also gets `fit * fit`: breaks ties between equal declared wishes. */
  fit: number;
  /** Per participant and per meeting up to the organiser's minimum: dominates every pair weight, so the
   *  minimum is reached for as many participants as possible before wishes are optimised. */
  minimumBonus: number;
  /** Re-plan only: per meeting of the previous plan that is kept (few changes on the day). */
  keepBonus: number;
  /** Points are turned into integers at this resolution: flows and MILP then compare exact integers. */
  resolution: number;
};

export const speedDatingWeights = {
  version: 'speed-dating-weights-v1',
  interested: 2,
  must: 100,
  unstatedFit: 2,
  fit: 1,
  minimumBonus: 1000,
  keepBonus: 3,
  resolution: 1000,
} as const satisfies SpeedDatingWeights;

function sidePoints(level: PreferenceLevel | undefined, fit: number, w: SpeedDatingWeights): number {
  if (level === 'must') return w.must;
  if (level === 'interested') return w.interested;
  return w.unstatedFit * fit;
}

/**
 * Weight of an acceptable pair in integer units (points x resolution). Callers exclude "no" pairs first:
 * a "non merci" is a hard constraint, never a weight.
 */
export function weighPair(
  associationLevel: PreferenceLevel | undefined,
  companyLevel: PreferenceLevel | undefined,
  fit: number,
  w: SpeedDatingWeights = speedDatingWeights,
): number {
  const points = sidePoints(associationLevel, fit, w) + sidePoints(companyLevel, fit, w) + w.fit * fit;
  return Math.round(points * w.resolution);
}

/** Integer bonus units used by the solver for one meeting towards a minimum / one kept meeting. */
export function toUnits(points: number, w: SpeedDatingWeights = speedDatingWeights): number {
  return Math.round(points * w.resolution);
}

/** Back to points for display, rounded to the resolution. */
export function toPoints(units: number, w: SpeedDatingWeights = speedDatingWeights): number {
  return Math.round(units) / w.resolution;
}
