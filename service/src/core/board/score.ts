import { countBits } from '../../contract/availability.ts';
import { BOARD_COMPETENCY_SKILLS, type BoardCompetency, type WeightedCompetency } from '../../contract/board.ts';
import { intersect, NEUTRAL } from '../matching/score.ts';

/**
 * Pure, versioned ranking of one (board need, candidate) pair. Every component is in [0, 1], the weights sum
 * to 1, and the contributions sum to the score exactly. Unlike mission matching, the structured signals are
 * not gated by the semantic similarity: the pool is already opted in to governance, and for a treasurer the
 * competencies say more than the wording of a wish.
 */
export const BOARD_COMPONENT_KEYS = ['semantic', 'competencies', 'gaps', 'distance', 'availability', 'affinity', 'experience'] as const;
export type BoardComponentKey = (typeof BOARD_COMPONENT_KEYS)[number];
export type BoardWeights = { readonly version: string } & { readonly [K in BoardComponentKey]: number };

/** Role fit (semantic + competencies) weighs half; bump `version` on any change: contacts record nothing else. */
export const BOARD_WEIGHTS = {
  version: 'board-2026-11-v1',
  semantic: 0.25,
  competencies: 0.25,
  gaps: 0.15,
  distance: 0.1,
  availability: 0.1,
  affinity: 0.08,
  experience: 0.07,
} as const satisfies BoardWeights;

/** Board meetings are in person: beyond this many km the distance value is 0 (monthly trips, not daily). */
export const BOARD_DISTANCE_KM = 50;

export type BoardFacts = {
  /** Cosine similarity of the need's text and the candidate's wish (or the offer's text), in [-1, 1]. */
  similarity: number;
  need: readonly WeightedCompetency[];
  /** The board's gap weights (matrix.ts), competency -> weight > 0. */
  gaps: Partial<Record<BoardCompetency, number>>;
  candidateCompetencies: readonly BoardCompetency[];
  distanceKm: number | null;
  /** Weekly availability mask (contract/availability.ts); null when the candidate is a company offer. */
  availabilityMask: number | null;
  meetingsPerMonth: number;
  associationThemes: readonly string[];
  candidateThemes: readonly string[];
  /** Seats the candidate holds on other boards, and whether they list governance skills. */
  boardSeats: number;
  hasGovernanceSkill: boolean;
};

export type BoardComponent = { key: BoardComponentKey; value: number; weight: number; contribution: number };
export type BoardScored = { score: number; components: BoardComponent[] };

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Board competencies a person has, from their skills and (for 'domaine') themes shared with the association. */
export function competenciesOf(skills: readonly string[], themes: readonly string[], associationThemes: readonly string[]): BoardCompetency[] {
  const out: BoardCompetency[] = [];
  for (const [code, list] of Object.entries(BOARD_COMPETENCY_SKILLS) as [Exclude<BoardCompetency, 'domaine'>, readonly string[]][]) {
    if (list.some((s) => skills.includes(s))) out.push(code);
  }
  if (intersect(themes, associationThemes).length > 0) out.push('domaine');
  return out;
}

/** Slots that suit board meetings: weekday evenings and any weekend slot (bits of contract/availability.ts). */
export const MEETING_SLOTS_MASK = [0, 1, 2, 3, 4].reduce((m, d) => m | (1 << (d * 3 + 2)), 0) | (((1 << 6) - 1) << 15);

/** Share of the weighted competencies `list` that the candidate has; null when the list is empty. */
export function weightedShare(list: readonly { code: BoardCompetency; weight: number }[], has: readonly BoardCompetency[]): number | null {
  const total = list.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return null;
  return list.filter((c) => has.includes(c.code)).reduce((s, c) => s + c.weight, 0) / total;
}

export function gapList(gaps: Partial<Record<BoardCompetency, number>>): { code: BoardCompetency; weight: number }[] {
  return (Object.entries(gaps) as [BoardCompetency, number][]).filter(([, w]) => w > 0).map(([code, weight]) => ({ code, weight }));
}

/** The value of every component, before weighting. */
export function boardComponentValues(f: BoardFacts): Record<BoardComponentKey, number> {
  const needed = f.meetingsPerMonth >= 4 ? 3 : f.meetingsPerMonth >= 2 ? 2 : 1;
  const usable = f.availabilityMask === null ? 0 : countBits(f.availabilityMask & MEETING_SLOTS_MASK);
  const shared = intersect(f.candidateThemes, f.associationThemes).length;
  return {
    semantic: clamp01(f.similarity),
    competencies: weightedShare(f.need, f.candidateCompetencies) ?? NEUTRAL,
    gaps: weightedShare(gapList(f.gaps), f.candidateCompetencies) ?? NEUTRAL,
    distance: f.distanceKm === null ? NEUTRAL : clamp01(1 - f.distanceKm / BOARD_DISTANCE_KM),
    availability: f.meetingsPerMonth === 0 ? 1 : f.availabilityMask === null || f.availabilityMask === 0 ? NEUTRAL : Math.min(1, usable / needed),
    affinity: f.associationThemes.length === 0 || f.candidateThemes.length === 0 ? NEUTRAL : shared / Math.min(f.associationThemes.length, f.candidateThemes.length),
    experience: f.boardSeats > 0 ? 1 : f.hasGovernanceSkill ? 0.6 : 0,
  };
}

/** Score of a pair with each component's value, weight and contribution. */
export function scoreBoardCandidate(f: BoardFacts, weights: BoardWeights = BOARD_WEIGHTS): BoardScored {
  const values = boardComponentValues(f);
  let score = 0;
  const components = BOARD_COMPONENT_KEYS.map((key) => {
    const contribution = weights[key] * values[key];
    score += contribution;
    return { key, value: values[key], weight: weights[key], contribution };
  });
  return { score, components };
}
