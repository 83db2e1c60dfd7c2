import { describe, expect, it } from 'vitest';
import { SKILL_CODES, THEME_CODES, themeLabel } from '../../../service/src/contract/vocabulary.ts';
import { explainPartner, summarisePartner } from '../../../service/src/core/partners/explain.ts';
import {
  bestNeed,
  PARTNER_COMPONENT_KEYS,
  PARTNER_WEIGHTS,
  partnerUpperBound,
  scorePartner,
  type NeedFact,
  type OfferKindCode,
  type PartnerFacts,
} from '../../../service/src/core/partners/score.ts';

const KINDS: OfferKindCode[] = ['skills', 'financial', 'team_day', 'in_kind', 'board_member'];
const SIZES = ['volunteers_only', 'small', 'medium', 'large'] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function randomFacts(r: () => number): PartnerFacts {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs)))];
  const needs: NeedFact[] = Array.from({ length: Math.floor(r() * 3) }, (_, i) => ({
    id: `n${i}`,
    kind: pick(KINDS),
    title: `Besoin ${i}`,
    skills: some(SKILL_CODES, 3),
    amountEur: r() < 0.5 ? null : Math.round(r() * 20000) + 1,
  }));
  return {
    similarity: r() * 2 - 1,
    offerKind: pick(KINDS),
    offerSkills: some(SKILL_CODES, 4),
    offerThemes: some(THEME_CODES, 3),
    budgetMaxEur: r() < 0.5 ? null : Math.round(r() * 20000),
    associationThemes: some(THEME_CODES, 3),
    associationSize: pick(SIZES),
    needs,
    distanceKm: r() < 0.1 ? null : r() * 120,
    openMissions: Math.floor(r() * 8),
    idleDays: r() * 400,
  };
}

const base: PartnerFacts = {
  similarity: 0.5,
  offerKind: 'skills',
  offerSkills: ['comptabilite'],
  offerThemes: ['solidarite'],
  budgetMaxEur: null,
  associationThemes: ['solidarite'],
  associationSize: 'small',
  needs: [],
  distanceKm: 5,
  openMissions: 1,
  idleDays: 10,
};

describe('partner score', () => {
  it('weights sum to 1, so every score (the speed-dating fit) is in [0, 1]', () => {
    expect(PARTNER_COMPONENT_KEYS.reduce((s, k) => s + PARTNER_WEIGHTS[k], 0)).toBeCloseTo(1, 12);
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const scored = scorePartner(randomFacts(r));
      expect(scored.score).toBeGreaterThanOrEqual(0);
      expect(scored.score).toBeLessThanOrEqual(1);
      for (const c of scored.components) expect(c.value).toBeGreaterThanOrEqual(0), expect(c.value).toBeLessThanOrEqual(1);
    }
  });

  it('ranks an association with a matching need above an otherwise equal one without', () => {
    const need: NeedFact = { id: 'n1', kind: 'skills', title: 'Tenir les comptes', skills: ['comptabilite'], amountEur: null };
    expect(scorePartner({ ...base, needs: [need] }).score).toBeGreaterThan(scorePartner(base).score);
    // A need of the offer's kind counts more than a need of another kind with the same skills.
    expect(scorePartner({ ...base, needs: [need] }).score).toBeGreaterThan(scorePartner({ ...base, needs: [{ ...need, kind: 'board_member' }] }).score);
    // A larger share of a financial need covered counts more.
    const money = (budgetMaxEur: number) => scorePartner({ ...base, offerKind: 'financial', budgetMaxEur, needs: [{ ...need, kind: 'financial', skills: [], amountEur: 5000 }] }).score;
    expect(money(5000)).toBeGreaterThan(money(1000));
  });

  it('is monotone in each signal, other facts equal', () => {
    expect(scorePartner({ ...base, similarity: 0.8 }).score).toBeGreaterThan(scorePartner(base).score);
    expect(scorePartner({ ...base, distanceKm: 1 }).score).toBeGreaterThan(scorePartner({ ...base, distanceKm: 40 }).score);
    expect(scorePartner({ ...base, openMissions: 3 }).score).toBeGreaterThan(scorePartner({ ...base, openMissions: 0 }).score);
    expect(scorePartner({ ...base, idleDays: 1 }).score).toBeGreaterThan(scorePartner({ ...base, idleDays: 200 }).score);
    expect(scorePartner({ ...base, associationThemes: ['solidarite'] }).score).toBeGreaterThan(scorePartner({ ...base, associationThemes: ['sport'] }).score);
  });

  it('bounds every association without a need of the offer’s kind by partnerUpperBound(similarity)', () => {
    const r = rng(11);
    for (let i = 0; i < 2000; i++) {
      const f = randomFacts(r);
      const facts = { ...f, needs: f.needs.filter((n) => n.kind !== f.offerKind) };
      expect(scorePartner(facts).score).toBeLessThanOrEqual(partnerUpperBound(facts.similarity) + 1e-12);
    }
  });
});

describe('partner explanations', () => {
  it('agree with the score components: same values, weights and contributions, summing to the score', () => {
    const r = rng(3);
    for (let i = 0; i < 500; i++) {
      const f = randomFacts(r);
      const scored = scorePartner(f);
      const lines = explainPartner(f, scored);
      expect(lines.map(({ key, value, weight, contribution }) => ({ key, value, weight, contribution }))).toEqual(scored.components);
      expect(lines.reduce((s, l) => s + l.contribution, 0)).toBeCloseTo(scored.score, 12);
      const needs = lines.find((l) => l.key === 'needs')!;
      const best = bestNeed(f);
      if (best) expect(needs.detail).toContain(best.need.title);
      else expect(needs.detail).toMatch(/^aucun besoin/);
      const themes = lines.find((l) => l.key === 'themes')!;
      const shared = f.offerThemes.filter((t) => f.associationThemes.includes(t));
      if (f.offerThemes.length && f.associationThemes.length) expect(themes.detail).toBe(shared.length ? `${shared.length} ${shared.length > 1 ? 'thèmes' : 'thème'} en commun : ${shared.map(themeLabel).join(', ')}` : 'aucun thème en commun');
      expect(summarisePartner(lines).length).toBeGreaterThan(0);
    }
  });

  it('speaks French with the numbers behind each line', () => {
    const f: PartnerFacts = { ...base, offerKind: 'financial', budgetMaxEur: 2000, needs: [{ id: 'n', kind: 'financial', title: 'Achat d’un minibus', skills: [], amountEur: 5000 }], distanceKm: 12.34, openMissions: 2 };
    const lines = Object.fromEntries(explainPartner(f, scorePartner(f)).map((l) => [l.key, l.detail]));
    expect(lines.needs).toBe('besoin de financement « Achat d’un minibus » (5\u202f000 €, couvert jusqu’à 2\u202f000 €)');
    expect(lines.distance).toBe('à 12,3 km de l’entreprise');
    expect(lines.activity).toBe('2 missions ouvertes, dernière mise à jour il y a 10 jours');
  });
});
