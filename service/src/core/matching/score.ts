import { countBits } from '../../contract/availability.ts';

/**
 * Pure, versioned ranking of one (citizen, mission) pair. Hard constraints (open, not full, age, accessibility,
 * radius, dismissed/applied) are filters applied before; everything here is a soft signal in [0, 1].
 *
 * score = w_semantic * relevance + relevance * sum(w_i * value_i) over the structured signals, where
 * relevance = the semantic value. The structured signals are gated by relevance: a mission unrelated to the
 * wish does not climb to the top because it is next door and on a Saturday. It also bounds every score by the
 * pair's similarity (weights sum to 1), which is what makes nearest-neighbour candidates provably complete
 * (see upperBound and rank.ts). Each component reports its contribution; they sum to the score exactly.
 */
export type MatchingWeights = {
  readonly version: string;
  readonly semantic: number;
  readonly text: number;
  readonly skills: number;
  readonly distance: number;
  readonly availability: number;
  readonly themes: number;
  readonly capacity: number;
  readonly responsiveness: number;
  readonly freshness: number;
};

export const COMPONENT_KEYS = ['semantic', 'text', 'skills', 'distance', 'availability', 'themes', 'capacity', 'responsiveness', 'freshness'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

/**
 * The weights in production. Semantic fit dominates (it is what the person wrote); the structured signals
 * break ties between missions that fit equally. Bump `version` on any change: stored suggestions record it.
 */
export const MATCHING_WEIGHTS = {
  version: 'matching-2026-11-v2',
  semantic: 0.4,
  text: 0.05,
  skills: 0.12,
  distance: 0.1,
  availability: 0.12,
  themes: 0.07,
  capacity: 0.06,
  responsiveness: 0.04,
  freshness: 0.04,
} as const satisfies MatchingWeights;

/** Raw facts about a pair, as read from the database; score and explanation are both derived from them. */
export type MatchFacts = {
  /** Cosine similarity of the wish and the mission text, in [-1, 1]. */
  similarity: number;
  /** ts_rank_cd of the mission against the wish's full-text query (0 when it does not match). */
  textRank: number;
  requiredSkills: readonly string[];
  citizenSkills: readonly string[];
  isRemote: boolean;
  /** Great-circle km between the citizen's place and the mission; null for a remote mission. */
  distanceKm: number | null;
  radiusKm: number;
  scheduleMask: number;
  availabilityMask: number;
  missionThemes: readonly string[];
  citizenThemes: readonly string[];
  placesLeft: number;
  pendingCount: number;
  responseHours: number | null;
  /** Days since publication (null if unknown), days until the start (null if no start date). */
  ageDays: number | null;
  startsInDays: number | null;
};

export type Component = { key: ComponentKey; value: number; weight: number; contribution: number };
export type Scored = { score: number; relevance: number; components: Component[] };

/** A remote mission is worth this much of a mission next door: close enough to be shown, local first. */
export const REMOTE_DISTANCE_VALUE = 0.7;
/** Neutral value when one side did not say (no skills required, no availability given...). */
export const NEUTRAL = 0.5;
/** Half-life-like constants: an association answering in 2 days scores 0.5; a 30-day-old posting ~0.37. */
const RESPONSE_HALF_HOURS = 48;
const FRESHNESS_DAYS = 30;
const URGENCY_WINDOW_DAYS = 14;

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export function intersect(a: readonly string[], b: readonly string[]): string[] {
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** The value of every component, before weighting. */
export function componentValues(f: MatchFacts): Record<ComponentKey, number> {
  const covered = intersect(f.requiredSkills, f.citizenSkills).length;
  const shared = intersect(f.missionThemes, f.citizenThemes).length;
  const overlap = countBits(f.scheduleMask & f.availabilityMask);
  const scheduleBits = countBits(f.scheduleMask);
  const freshness = f.ageDays === null ? NEUTRAL : Math.exp(-Math.max(0, f.ageDays) / FRESHNESS_DAYS);
  const urgency = f.startsInDays === null || f.startsInDays < 0 ? 0 : clamp01(1 - f.startsInDays / URGENCY_WINDOW_DAYS);
  return {
    semantic: clamp01(f.similarity),
    // rank / (rank + 0.1): a single weak match already counts, a strong one saturates.
    text: f.textRank > 0 ? f.textRank / (f.textRank + 0.1) : 0,
    skills: f.requiredSkills.length === 0 ? NEUTRAL : covered / f.requiredSkills.length,
    distance: f.isRemote || f.distanceKm === null ? REMOTE_DISTANCE_VALUE : f.radiusKm <= 0 ? 1 : clamp01(1 - f.distanceKm / Math.max(f.radiusKm, 1)),
    availability: f.availabilityMask === 0 || scheduleBits === 0 ? NEUTRAL : overlap / scheduleBits,
    themes: f.citizenThemes.length === 0 || f.missionThemes.length === 0 ? NEUTRAL : shared / Math.min(f.citizenThemes.length, f.missionThemes.length),
    capacity: capacityValue(f.placesLeft, f.pendingCount),
    responsiveness: f.responseHours === null ? NEUTRAL : RESPONSE_HALF_HOURS / (RESPONSE_HALF_HOURS + f.responseHours),
    freshness: Math.max(freshness, urgency),
  };
}

/**
 * Attractiveness falls as pending applications approach the places left: with 3 places and 3 pending,
 * a new applicant is unlikely to be taken, so other missions go first.
 */
export function capacityValue(placesLeft: number, pendingCount: number): number {
  if (placesLeft <= 0) return 0;
  return clamp01(1 - pendingCount / (placesLeft + 1));
}

/** Score of a pair, each component reported with its value, weight and contribution (relevance-gated). */
export function scoreMatch(f: MatchFacts, weights: MatchingWeights = MATCHING_WEIGHTS): Scored {
  const values = componentValues(f);
  const relevance = values.semantic;
  let score = 0;
  const components = COMPONENT_KEYS.map((key) => {
    const contribution = weights[key] * values[key] * (key === 'semantic' ? 1 : relevance);
    score += contribution;
    return { key, value: values[key], weight: weights[key], contribution };
  });
  return { score, relevance, components };
}

const weightSum = (weights: MatchingWeights) => COMPONENT_KEYS.reduce((s, k) => s + weights[k], 0);

/** The largest score a pair can reach whose semantic similarity is at most `similarity` (candidate bound). */
export function upperBound(similarity: number, weights: MatchingWeights = MATCHING_WEIGHTS): number {
  return clamp01(similarity) * weightSum(weights);
}

/** The least similarity whose upperBound reaches `score` (its inverse): a pair less similar scores below it. */
export function similarityFloor(score: number, weights: MatchingWeights = MATCHING_WEIGHTS): number {
  return score / weightSum(weights);
}
