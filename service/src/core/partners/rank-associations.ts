import type { AssociationRankQuery, RankedAssociations } from '../../contract/partners.ts';
import type { Queryable } from '../../db/database.ts';
import { assertCanActForCompany, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { NotFound } from '../errors.ts';
import { withVectorSettings } from '../matching/candidates.sql.ts';
import { describePair, rankPairs, type RankedPair } from './pairs.ts';
import { selectAllEligibleAssociations, selectAssociationCandidates, selectOfferForRanking, type AssociationFilters } from './rank.sql.ts';
import { PARTNER_WEIGHTS, partnerUpperBound } from './score.ts';

/**
 * k = 200 nearest associations leave room for the structured signals (75 % of the score) to reorder the top 20;
 * every association with a need of the offer's kind (up to 500) joins them whatever its text, since a covered need
 * weighs 30 %. ef_search = k so one HNSW pass can return k rows; the iterative scan continues past filtered rows.
 * Recall@20 against the exact ranking is measured by service/scripts/bench/partners.bench.ts.
 */
export const PARTNER_SEARCH = { k: 200, needK: 500, efSearch: 200 } as const;
export type PartnerSearch = { k: number; needK: number; efSearch: number };

type Deps = Pick<CoreDeps, 'sql' | 'embedder'>;

/** The hard filters of a ranking: the offer's kind and territories, the caller's themes, sizes and need filter. */
export function associationFiltersOf(offer: { kind: AssociationFilters['kind']; territory_ids: string[] }, q: Partial<AssociationRankQuery>): AssociationFilters {
  return {
    kind: offer.kind,
    territoryIds: offer.territory_ids,
    themes: q.theme?.length ? q.theme : null,
    sizes: q.size?.length ? q.size : null,
    isNeedRequired: q.withNeed ?? false,
  };
}

/**
 * Live ranking of associations for one offer: nearest neighbours + needs branch under the hard filters, re-ranked
 * by the pure score. `isCertified` says whether the top `top` is provably the exact one (given exact neighbours):
 * an association no branch returned scores at most partnerUpperBound(its similarity).
 */
export async function rankAssociationsForOffer(sql: Queryable, offerId: string, vector: string, filters: AssociationFilters, settings: PartnerSearch = PARTNER_SEARCH, top = 20) {
  const rows = await withVectorSettings(sql, Math.max(settings.efSearch, settings.k), (tx) =>
    selectAssociationCandidates(tx, offerId, vector, filters, settings.k, settings.needK),
  );
  const ranked = rankPairs(rows);
  const stats = rows[0];
  const bound = stats && stats.near_count >= settings.k ? partnerUpperBound(1 - (stats.near_max_dist ?? 0)) : -Infinity;
  const theta = ranked.length >= top ? ranked[top - 1].scored.score : -Infinity;
  return { ranked, isCertified: bound === -Infinity || theta >= bound };
}

/** The exact ranking: the same score over every association passing the hard filters (reference for recall). */
export async function rankAssociationsExact(sql: Queryable, offerId: string, filters: AssociationFilters): Promise<RankedPair[]> {
  return rankPairs(await selectAllEligibleAssociations(sql, offerId, filters));
}

/** Loads an offer for ranking, embedding it first if it never was (the kNN needs its vector). */
export async function loadOfferForRanking(deps: Deps, offerId: string) {
  let offer = await selectOfferForRanking(deps.sql, offerId);
  if (offer && offer.vector === null) {
    await refreshEmbeddings(deps, 'rse_offers', [offerId]);
    offer = await selectOfferForRanking(deps.sql, offerId);
  }
  return offer;
}

/** Associations ranked for one of the actor's company's offers, with filters and French explanations. */
export async function suggestAssociationsForOffer(deps: Deps, actor: Actor, offerId: string, query: AssociationRankQuery): Promise<RankedAssociations> {
  const offer = await loadOfferForRanking(deps, offerId);
  if (!offer) throw new NotFound('Offre introuvable.');
  assertCanActForCompany(actor, offer.company_id);
  const filters = associationFiltersOf(offer, query);
  const { ranked } = await rankAssociationsForOffer(deps.sql, offer.id, offer.vector!, filters);
  return {
    weightsVersion: PARTNER_WEIGHTS.version,
    items: ranked.slice(0, query.limit).map((r, i) => ({
      ...describePair(r, i),
      association: {
        id: r.row.association_id,
        name: r.row.association_name,
        themes: r.row.association_themes,
        size: r.row.association_size,
        territory: { code: r.row.territory_code, name: r.row.territory_name },
        commune: r.row.commune_name,
        openMissions: r.row.open_missions,
      },
    })),
  };
}
