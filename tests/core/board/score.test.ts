import { describe, expect, it } from 'vitest';
import { toMask } from '../../../service/src/contract/availability.ts';
import { describeBoardComponent, explainBoard, summariseBoard } from '../../../service/src/core/board/explain.ts';
import { BOARD_COMPONENT_KEYS, BOARD_WEIGHTS, competenciesOf, scoreBoardCandidate, type BoardFacts } from '../../../service/src/core/board/score.ts';
import { createRng } from '../../../service/src/demo/prng.ts';

const base: BoardFacts = {
  similarity: 0.5,
  need: [{ code: 'finance', weight: 1 }, { code: 'juridique', weight: 0.5 }],
  gaps: { finance: 1, collecte: 0.5 },
  candidateCompetencies: [],
  distanceKm: 10,
  availabilityMask: toMask([{ day: 'mardi', slot: 'soir' }]),
  meetingsPerMonth: 1,
  associationThemes: ['environnement'],
  candidateThemes: ['environnement'],
  boardSeats: 0,
  hasGovernanceSkill: false,
};
const score = (over: Partial<BoardFacts>) => scoreBoardCandidate({ ...base, ...over }).score;

describe('board ranking score', () => {
  it('has weights summing to 1 and contributions summing to the score', () => {
    expect(BOARD_COMPONENT_KEYS.reduce((s, k) => s + BOARD_WEIGHTS[k], 0)).toBeCloseTo(1, 12);
    const rng = createRng(5);
    for (let i = 0; i < 200; i++) {
      const s = scoreBoardCandidate({ ...base, similarity: rng.next() * 2 - 1, distanceKm: rng.next() * 120, availabilityMask: rng.int(0, 2097151), meetingsPerMonth: rng.int(0, 6), boardSeats: rng.int(0, 2) });
      expect(s.components.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s.score, 12);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('is monotone in each signal: closer text, more needed competencies, more gaps filled, nearer, freer, experienced', () => {
    expect(score({ similarity: 0.8 })).toBeGreaterThan(score({ similarity: 0.3 }));
    expect(score({ candidateCompetencies: ['finance'] })).toBeGreaterThan(score({ candidateCompetencies: ['juridique'] }));
    expect(score({ candidateCompetencies: ['finance', 'juridique'] })).toBeGreaterThan(score({ candidateCompetencies: ['finance'] }));
    expect(score({ candidateCompetencies: ['collecte'] })).toBeGreaterThan(score({ candidateCompetencies: ['numerique'] }));
    expect(score({ distanceKm: 5 })).toBeGreaterThan(score({ distanceKm: 40 }));
    expect(score({ meetingsPerMonth: 4, availabilityMask: toMask([{ day: 'lundi', slot: 'soir' }, { day: 'samedi', slot: 'matin' }, { day: 'dimanche', slot: 'matin' }]) })).toBeGreaterThan(
      score({ meetingsPerMonth: 4, availabilityMask: toMask([{ day: 'lundi', slot: 'matin' }]) }),
    );
    expect(score({ boardSeats: 1 })).toBeGreaterThan(score({ hasGovernanceSkill: true }));
    expect(score({ hasGovernanceSkill: true })).toBeGreaterThan(score({}));
    expect(score({ candidateThemes: ['environnement'] })).toBeGreaterThan(score({ candidateThemes: ['sport'] }));
  });

  it('ranks a treasurer with the finance skills above a closer wish with none (role fit is semantic + competencies)', () => {
    const expert = score({ similarity: 0.35, candidateCompetencies: ['finance', 'juridique'] });
    const wordsOnly = score({ similarity: 0.6, candidateCompetencies: [] });
    expect(expert).toBeGreaterThan(wordsOnly);
  });

  it('maps skills and themes onto board competencies', () => {
    expect(competenciesOf(['tresorerie', 'redaction', 'cuisine'], ['sport'], ['sport', 'jeunesse'])).toEqual(['finance', 'communication', 'domaine']);
    expect(competenciesOf([], ['culture'], ['sport'])).toEqual([]);
  });

  it('explains every component in French with the numbers behind it', () => {
    const facts = { ...base, candidateCompetencies: ['finance' as const], distanceKm: 12.5 };
    const components = explainBoard(facts, scoreBoardCandidate(facts));
    expect(components.map((c) => c.key)).toEqual([...BOARD_COMPONENT_KEYS]);
    expect(describeBoardComponent('competencies', facts)).toBe('apporte : finances et comptabilité (1 sur 2)');
    expect(describeBoardComponent('gaps', facts)).toBe('comble : finances et comptabilité');
    expect(describeBoardComponent('distance', facts)).toBe('à 12,5 km du siège');
    expect(describeBoardComponent('availability', facts)).toContain('1 créneau(x) en soirée ou le week-end');
    expect(summariseBoard(components)).toMatch(/ : /);
  });
});
