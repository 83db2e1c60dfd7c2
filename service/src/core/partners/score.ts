import { intersect, NEUTRAL } from '../matching/score.ts';

/**
 * Pure, versioned fit of one (association, RSE offer) pair. Hard constraints (verified association, the offer's
 * territories, open offer with capacity left) are filters applied before; every component here is in [0, 1] and
 * the weights sum to 1, so the score is in [0, 1] too. It is both the company's ranking of associations, the
 * association's ranking of offers and (best offer of the company) the speed-dating automatic fit.
 * Each component reports its contribution; they sum to the score exactly.
 */
export type PartnerWeights = {
  readonly version: string;
  readonly needs: number;
  readonly semantic: number;
  readonly themes: number;
  readonly distance: number;
  readonly size: number;
  readonly activity: number;
};

export const PARTNER_COMPONENT_KEYS = ['needs', 'semantic', 'themes', 'distance', 'size', 'activity'] as const;
export type PartnerComponentKey = (typeof PARTNER_COMPONENT_KEYS)[number];

/**
 * A stated need the offer covers is the strongest signal (the association asked for exactly this); cause
 * alignment (semantic + themes) comes next; place, size and activity break ties. Bump `version` on any change:
 * partnerships record the version that computed their fit.
 */
export const PARTNER_WEIGHTS = {
  version: 'partners-2026-11-v1',
  needs: 0.3,
  semantic: 0.25,
  themes: 0.12,
  distance: 0.13,
  size: 0.07,
  activity: 0.13,
} as const satisfies PartnerWeights;

export type OfferKindCode = 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
export type AssociationSizeCode = 'volunteers_only' | 'small' | 'medium' | 'large';
export type NeedFact = { id: string; kind: OfferKindCode; title: string; skills: readonly string[]; amountEur: number | null };

/** Raw facts about a pair, as read from the database; score and explanation are both derived from them. */
export type PartnerFacts = {
  /** Cosine similarity of the offer's text and the association's purpose, in [-1, 1] (0 when one is not embedded). */
  similarity: number;
  offerKind: OfferKindCode;
  offerSkills: readonly string[];
  offerThemes: readonly string[];
  budgetMaxEur: number | null;
  associationThemes: readonly string[];
  associationSize: AssociationSizeCode;
  /** The association's open needs (all kinds): the best one the offer covers counts. */
  needs: readonly NeedFact[];
  /** Great-circle km between the company's commune and the association's; null if unknown. */
  distanceKm: number | null;
  openMissions: number;
  /** Days since the association or one of its missions was last updated. */
  idleDays: number;
};

export type PartnerComponent = { key: PartnerComponentKey; value: number; weight: number; contribution: number };
export type PartnerScored = { score: number; components: PartnerComponent[] };

/** A need of another kind sharing skills still counts a little (a skills need met by a board member...). */
const OTHER_KIND_FACTOR = 0.3;
/** Distance at which the place is worth 1/e: a partner across the département is still possible, nearer first. */
const DISTANCE_SCALE_KM = 30;
/** Three open missions: clearly active; a quarter without any update: fading. */
const ACTIVE_MISSIONS = 3;
const IDLE_SCALE_DAYS = 90;

/**
 * Where an offer of each kind helps most, by association size: money, skills and equipment weigh more in a small
 * association; a team day of 20 people needs one able to host them; a board seat suits small and medium ones.
 */
export const SIZE_VALUES: Record<OfferKindCode, Record<AssociationSizeCode, number>> = {
  skills: { volunteers_only: 1, small: 0.9, medium: 0.7, large: 0.5 },
  financial: { volunteers_only: 1, small: 0.9, medium: 0.7, large: 0.4 },
  in_kind: { volunteers_only: 1, small: 0.9, medium: 0.7, large: 0.5 },
  team_day: { volunteers_only: 0.4, small: 0.6, medium: 0.9, large: 1 },
  board_member: { volunteers_only: 0.8, small: 1, medium: 0.9, large: 0.6 },
};

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** How well the offer covers one need, in [0, 1]: same kind first, then skills or amount. */
export function needCoverage(f: Pick<PartnerFacts, 'offerKind' | 'offerSkills' | 'budgetMaxEur'>, need: NeedFact): number {
  const skillShare = need.skills.length === 0 ? null : intersect(need.skills, f.offerSkills).length / need.skills.length;
  if (need.kind !== f.offerKind) return OTHER_KIND_FACTOR * (skillShare ?? 0);
  if (need.kind === 'financial') {
    // The budget's ceiling against the amount asked: a 2,000 € offer covers 40 % of a 5,000 € need.
    const share = need.amountEur && f.budgetMaxEur !== null ? Math.min(1, f.budgetMaxEur / need.amountEur) : NEUTRAL;
    return 0.6 + 0.4 * share;
  }
  return 0.6 + 0.4 * (skillShare ?? NEUTRAL);
}

/** The need the offer covers best (null when it covers none). */
export function bestNeed(f: PartnerFacts): { need: NeedFact; coverage: number } | null {
  let best: { need: NeedFact; coverage: number } | null = null;
  for (const need of f.needs) {
    const coverage = needCoverage(f, need);
    if (coverage > 0 && (!best || coverage > best.coverage || (coverage === best.coverage && need.id < best.need.id))) best = { need, coverage };
  }
  return best;
}

/** The value of every component, before weighting. */
export function partnerComponentValues(f: PartnerFacts): Record<PartnerComponentKey, number> {
  const shared = intersect(f.offerThemes, f.associationThemes).length;
  return {
    needs: bestNeed(f)?.coverage ?? 0,
    semantic: clamp01(f.similarity),
    themes: f.offerThemes.length === 0 || f.associationThemes.length === 0 ? NEUTRAL : shared / Math.min(f.offerThemes.length, f.associationThemes.length),
    distance: f.distanceKm === null ? NEUTRAL : Math.exp(-Math.max(0, f.distanceKm) / DISTANCE_SCALE_KM),
    size: SIZE_VALUES[f.offerKind][f.associationSize],
    activity: 0.5 * Math.min(1, f.openMissions / ACTIVE_MISSIONS) + 0.5 * Math.exp(-Math.max(0, f.idleDays) / IDLE_SCALE_DAYS),
  };
}

/** Score of a pair in [0, 1], each component reported with its value, weight and contribution. */
export function scorePartner(f: PartnerFacts, weights: PartnerWeights = PARTNER_WEIGHTS): PartnerScored {
  const values = partnerComponentValues(f);
  let score = 0;
  const components = PARTNER_COMPONENT_KEYS.map((key) => {
    const contribution = weights[key] * values[key];
    score += contribution;
    return { key, value: values[key], weight: weights[key], contribution };
  });
  return { score, components };
}

/**
 * The largest score an association the nearest-neighbour search did not return can reach: its similarity is at
 * most `similarity`, and it has no need of the offer's kind (those all come through the needs branch).
 */
export function partnerUpperBound(similarity: number, weights: PartnerWeights = PARTNER_WEIGHTS): number {
  const rest = PARTNER_COMPONENT_KEYS.reduce((s, k) => s + (k === 'semantic' || k === 'needs' ? 0 : weights[k]), 0);
  return weights.semantic * clamp01(similarity) + weights.needs * OTHER_KIND_FACTOR + rest;
}
