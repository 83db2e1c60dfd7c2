import type { Queryable } from '../../db/database.ts';
import { rankPairs } from './pairs.ts';
import { selectPairsForCompanies } from './rank.sql.ts';

export type AssociationCompanyFit = { associationId: string; companyId: string; fit: number };

/**
 * Fit of each association x company pair in [0, 1]: the partner score (score.ts) of the association with the
 * company's best open offer, exactly as the company's ranking would score it. A company without an open offer
 * has no automatic fit with anyone (the pair is absent). Exact cosine: a speed-dating session has at most a
 * few thousand pairs.
 */
export async function computeAssociationCompanyFits(sql: Queryable, associationIds: string[], companyIds: string[]): Promise<AssociationCompanyFit[]> {
  const best = new Map<string, AssociationCompanyFit>();
  for (const r of rankPairs(await selectPairsForCompanies(sql, associationIds, companyIds))) {
    const key = `${r.row.association_id}:${r.row.company_id}`;
    // rankPairs sorts by score descending: the first pair seen is the company's best offer for this association.
    if (!best.has(key)) best.set(key, { associationId: r.row.association_id, companyId: r.row.company_id, fit: Math.min(1, Math.max(0, r.scored.score)) });
  }
  return [...best.values()];
}
