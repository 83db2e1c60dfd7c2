/**
 * Exposure fairness, pure. A page of suggestions should not be taken over by one large association, and
 * missions nobody has applied to yet deserve to be seen at least a little.
 */
export type FairnessItem = { associationId: string; score: number; applicants: number };

export type FairnessPolicy = {
  /** At most this share of a page for one association (rounded up, at least 1). */
  maxShare: number;
  /** At least this share of a page for missions without any applicant, if any qualify. */
  minNoApplicantShare: number;
  /** ... but only among candidates scoring at least this fraction of the best score (no junk promoted). */
  minRelativeScore: number;
};

export type FairPlacement<T> = { item: T; reason: 'score' | 'exposure' };

export const DEFAULT_FAIRNESS: FairnessPolicy = { maxShare: 0.25, minNoApplicantShare: 0.1, minRelativeScore: 0.6 };

export const perAssociationCap = (pageSize: number, policy: FairnessPolicy = DEFAULT_FAIRNESS) => Math.max(1, Math.ceil(policy.maxShare * pageSize));

/**
 * Picks a page from candidates sorted by score (descending): greedy by score under the per-association cap,
 * then swaps the lowest picks for the best missions without applicants until the minimum exposure is met
 * (still under the cap). The page comes back in score order; promoted items are marked 'exposure'.
 */
export function selectFairPage<T extends FairnessItem>(sorted: readonly T[], pageSize: number, policy: FairnessPolicy = DEFAULT_FAIRNESS): FairPlacement<T>[] {
  const cap = perAssociationCap(pageSize, policy);
  const perAssociation = new Map<string, number>();
  const picked: FairPlacement<T>[] = [];
  const rest: T[] = [];
  for (const item of sorted) {
    const n = perAssociation.get(item.associationId) ?? 0;
    if (picked.length < pageSize && n < cap) {
      picked.push({ item, reason: 'score' });
      perAssociation.set(item.associationId, n + 1);
    } else rest.push(item);
  }
  const wanted = Math.ceil(policy.minNoApplicantShare * picked.length);
  let have = picked.filter((p) => p.item.applicants === 0).length;
  const floor = (sorted[0]?.score ?? 0) * policy.minRelativeScore;
  for (const candidate of rest) {
    if (have >= wanted) break;
    if (candidate.applicants !== 0 || candidate.score < floor) continue;
    // Replace the lowest-scored pick that has applicants, if the cap still holds after the swap.
    for (let i = picked.length - 1; i >= 0; i--) {
      const out = picked[i].item;
      if (out.applicants === 0) continue;
      const sameAssociation = out.associationId === candidate.associationId;
      if (!sameAssociation && (perAssociation.get(candidate.associationId) ?? 0) >= cap) break;
      picked.splice(i, 1);
      perAssociation.set(out.associationId, (perAssociation.get(out.associationId) ?? 1) - 1);
      perAssociation.set(candidate.associationId, (perAssociation.get(candidate.associationId) ?? 0) + 1);
      picked.push({ item: candidate, reason: 'exposure' });
      have++;
      break;
    }
  }
  return picked.sort((a, b) => b.item.score - a.item.score);
}

/** Gini coefficient of non-negative amounts (0 = perfectly equal, 1 = one takes everything). */
export function gini(amounts: readonly number[]): number {
  const n = amounts.length;
  if (n === 0) return 0;
  const sorted = [...amounts].sort((a, b) => a - b);
  const total = sorted.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * sorted[i];
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
