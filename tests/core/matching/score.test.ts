import { describe, expect, it } from 'vitest';
import { FULL_WEEK_MASK, toMask } from '../../../service/src/contract/availability.ts';
import { describeComponent, explain, summarise } from '../../../service/src/core/matching/explain.ts';
import { COMPONENT_KEYS, MATCHING_WEIGHTS, NEUTRAL, REMOTE_DISTANCE_VALUE, capacityValue, componentValues, scoreMatch, similarityFloor, upperBound, type MatchFacts } from '../../../service/src/core/matching/score.ts';

const base: MatchFacts = {
  similarity: 0.6,
  textRank: 0,
  requiredSkills: ['ecoute', 'conduite', 'cuisine'],
  citizenSkills: ['ecoute', 'cuisine'],
  isRemote: false,
  distanceKm: 3.2,
  radiusKm: 10,
  scheduleMask: toMask([{ day: 'samedi', slot: 'matin' }, { day: 'samedi', slot: 'apres_midi' }]),
  availabilityMask: toMask([{ day: 'samedi', slot: 'matin' }]),
  missionThemes: ['personnes_agees', 'solidarite'],
  citizenThemes: ['personnes_agees'],
  placesLeft: 3,
  pendingCount: 1,
  responseHours: 48,
  ageDays: 0,
  startsInDays: null,
};

describe('score.ts (pure, versioned)', () => {
  it('has weights summing to 1 and a version', () => {
    const total = COMPONENT_KEYS.reduce((s, k) => s + MATCHING_WEIGHTS[k], 0);
    expect(total).toBeCloseTo(1, 12);
    expect(MATCHING_WEIGHTS.version).toMatch(/^matching-/);
  });

  it('scores the relevance-gated weighted sum of components, each in [0, 1]', () => {
    const { score, relevance, components } = scoreMatch(base);
    expect(relevance).toBe(0.6);
    const semantic = components.find((c) => c.key === 'semantic')!;
    const others = components.filter((c) => c.key !== 'semantic');
    expect(score).toBeCloseTo(semantic.weight * semantic.value + relevance * others.reduce((s, c) => s + c.weight * c.value, 0), 12);
    expect(score).toBeCloseTo(components.reduce((s, c) => s + c.contribution, 0), 12);
    for (const c of components) expect(c.value).toBeGreaterThanOrEqual(0), expect(c.value).toBeLessThanOrEqual(1);
    const v = componentValues(base);
    expect(v.skills).toBeCloseTo(2 / 3, 12);
    expect(v.distance).toBeCloseTo(1 - 3.2 / 10, 12);
    expect(v.availability).toBe(0.5);
    expect(v.themes).toBe(1);
    expect(v.responsiveness).toBe(0.5);
    expect(v.freshness).toBe(1);
  });

  it('is monotone in each signal', () => {
    const s = (f: Partial<MatchFacts>) => scoreMatch({ ...base, ...f }).score;
    expect(s({ similarity: 0.8 })).toBeGreaterThan(s({ similarity: 0.5 }));
    expect(s({ distanceKm: 1 })).toBeGreaterThan(s({ distanceKm: 9 }));
    expect(s({ citizenSkills: ['ecoute', 'cuisine', 'conduite'] })).toBeGreaterThan(s({}));
    expect(s({ pendingCount: 0 })).toBeGreaterThan(s({ pendingCount: 3 }));
    expect(s({ responseHours: 2 })).toBeGreaterThan(s({ responseHours: 200 }));
    expect(s({ ageDays: 1 })).toBeGreaterThan(s({ ageDays: 60 }));
    expect(s({ ageDays: 60, startsInDays: 2 })).toBeGreaterThan(s({ ageDays: 60 }));
  });

  it('uses neutral values when one side said nothing, and a fixed value for remote missions', () => {
    const v = componentValues({ ...base, requiredSkills: [], availabilityMask: 0, citizenThemes: [], responseHours: null, isRemote: true, distanceKm: null });
    expect(v.skills).toBe(NEUTRAL);
    expect(v.availability).toBe(NEUTRAL);
    expect(v.themes).toBe(NEUTRAL);
    expect(v.responsiveness).toBe(NEUTRAL);
    expect(v.distance).toBe(REMOTE_DISTANCE_VALUE);
  });

  it('falls with pending applications approaching the places left', () => {
    expect(capacityValue(3, 0)).toBe(1);
    expect(capacityValue(3, 3)).toBe(0.25);
    expect(capacityValue(1, 5)).toBe(0);
    expect(capacityValue(0, 0)).toBe(0);
  });

  it('does not let structured signals lift a mission unrelated to the wish', () => {
    const perfect = { ...base, citizenSkills: base.requiredSkills, distanceKm: 0, availabilityMask: base.scheduleMask, pendingCount: 0, responseHours: 0 };
    expect(scoreMatch({ ...perfect, similarity: 0.05 }).score).toBeLessThan(scoreMatch({ ...base, similarity: 0.5 }).score);
  });

  it('bounds the score of any pair by its similarity', () => {
    for (const sim of [0, 0.3, 0.9]) expect(scoreMatch({ ...base, similarity: sim }).score).toBeLessThanOrEqual(upperBound(sim) + 1e-12);
  });

  it('inverts the bound: below the similarity floor of a score, no pair reaches it', () => {
    for (const score of [0.1, 0.42, 0.8]) {
      const floor = similarityFloor(score);
      expect(upperBound(floor)).toBeCloseTo(score, 12);
      const perfect = { ...base, citizenSkills: base.requiredSkills, distanceKm: 0, availabilityMask: base.scheduleMask, pendingCount: 0, responseHours: 0, textRank: 1 };
      expect(scoreMatch({ ...perfect, similarity: floor - 1e-6 }).score).toBeLessThan(score);
    }
  });
});

describe('explain.ts (French, same numbers as the score)', () => {
  it('describes every criterion', () => {
    expect(describeComponent('skills', base)).toBe('2 compétences sur 3');
    expect(describeComponent('distance', base)).toBe('à 3,2 km');
    expect(describeComponent('distance', { ...base, isRemote: true, distanceKm: null })).toBe('à distance (depuis chez vous)');
    expect(describeComponent('availability', base)).toBe('le samedi matin (1 sur 2 créneaux)');
    expect(describeComponent('availability', { ...base, availabilityMask: FULL_WEEK_MASK, scheduleMask: 0 })).toBe('horaires libres');
    expect(describeComponent('themes', base)).toBe('1 thème en commun : Personnes âgées et lien intergénérationnel');
    expect(describeComponent('capacity', base)).toBe('3 places restantes, 1 candidature en attente');
    expect(describeComponent('responsiveness', base)).toBe('répond en général sous 2 jours');
    expect(describeComponent('freshness', { ...base, ageDays: 3.4 })).toBe('publiée il y a 3 jours');
    expect(describeComponent('freshness', { ...base, startsInDays: 5 })).toBe('commence dans 5 jours');
  });

  it('keeps value, weight and contribution with each sentence and summarises the two strongest', () => {
    const scored = scoreMatch(base);
    const lines = explain(base, scored);
    expect(lines.map((l) => l.key)).toEqual([...COMPONENT_KEYS]);
    expect(lines.reduce((s, l) => s + l.contribution, 0)).toBeCloseTo(scored.score, 12);
    expect(summarise(lines)).toContain('correspondance avec votre souhait');
  });
});

describe('explain.ts for associations (same numbers, their wording)', () => {
  it('speaks about the volunteer, not to them', () => {
    expect(describeComponent('semantic', base, 'association')).toBe('souhait très proche de la mission (60 %)');
    expect(describeComponent('distance', base, 'association')).toBe('à 3,2 km (rayon choisi : 10 km)');
    expect(describeComponent('skills', base, 'association')).toBe('2 compétences sur 3');
    const lines = explain(base, scoreMatch(base), 'association');
    expect(lines.find((l) => l.key === 'semantic')!.label).toBe('Correspondance de son souhait avec la mission');
  });
});
