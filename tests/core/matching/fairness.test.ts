import { describe, expect, it } from 'vitest';
import { gini, perAssociationCap, selectFairPage } from '../../../service/src/core/matching/fairness.ts';

const item = (associationId: string, score: number, applicants = 1) => ({ associationId, score, applicants });

describe('fairness.ts', () => {
  it('caps any one association to a bounded share of the page', () => {
    const sorted = [...Array.from({ length: 15 }, (_, i) => item('big', 0.9 - i * 0.001)), ...Array.from({ length: 15 }, (_, i) => item(`small-${i}`, 0.5 - i * 0.001))];
    const page = selectFairPage(sorted, 10);
    expect(page).toHaveLength(10);
    expect(perAssociationCap(10)).toBe(3);
    expect(page.filter((p) => p.item.associationId === 'big')).toHaveLength(3);
    // still in score order
    for (let i = 1; i < page.length; i++) expect(page[i - 1].item.score).toBeGreaterThanOrEqual(page[i].item.score);
  });

  it('holds the cap even when it leaves the page shorter than asked', () => {
    const page = selectFairPage(Array.from({ length: 5 }, (_, i) => item('a', 0.9 - i * 0.1)), 10);
    expect(page.map((p) => p.item.score)).toHaveLength(3);
  });

  it('gives missions without applicants a minimum exposure, without promoting weak ones', () => {
    const sorted = [...Array.from({ length: 20 }, (_, i) => item(`a${i}`, 0.9 - i * 0.01, 2)), item('fresh', 0.7, 0), item('junk', 0.1, 0)];
    const page = selectFairPage(sorted, 20);
    const promoted = page.filter((p) => p.reason === 'exposure').map((p) => p.item.associationId);
    expect(promoted).toEqual(['fresh']);
    expect(page.map((p) => p.item.associationId)).not.toContain('junk');
    expect(page).toHaveLength(20);
  });

  it('measures inequality with the Gini coefficient', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    expect(gini([])).toBe(0);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 12);
  });
});
