import type { AssociationRankQuery, RankedAssociations } from '../../contract/partners.ts';
import { withLocalSettings, type Queryable } from '../../db/database.ts';
import { assertCanActForCompany, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { NotFound } from '../errors.ts';
import { describePair, rankCandidates } from './pairs.ts';
import { selectAllEligibleAssociations, selectAssociationCandidates, selectAssociationCards, selectOfferForRanking, type AssociationFilters, type RankedOfferSource } from './rank.sql.ts';
import { PARTNER_WEIGHTS, partnerUpperBound } from './score.ts';

/**
 * The k = 100 associations nearest to the offer's text leave room for the structured signals (75 % of the score) to
 * reorder the top 20; every association with a need of the offer's kind (up to 300, nearest first) joins them
 * whatever its text, since a covered need weighs 30 %. Both are exact within the offer's territories (see
 * selectAssociationCandidates). Over all 831 offers of the benchmark, recall@20 against the exact ranking is 0.9911
 * with k = 100 and 0.9912 with k = 200 (one association in 16,620 places), for a hundred fewer candidates to fetch
 * and score; k = 50 gives 0.9895. Recall@20 of a sample: service/scripts/bench/partners.bench.ts.
 */
export const PARTNER_SEARCH = { k: 100, needK: 300 } as const;
export type PartnerSearch = { k: number; needK: number };

type Deps = Pick<CoreDeps, 'sql' | 'embedder'>;

/** The hard filters of a ranking: the offer's kind and territories, the caller's themes, sizes and need filter. */
export function associationFiltersOf(offer: RankedOfferSource, q: Partial<AssociationRankQuery>): AssociationFilters {
  return {
    kind: offer.kind,
    territoryIds: offer.territory_ids,
    themes: q.theme?.length ? q.theme : null,
    sizes: q.size?.length ? q.size : null,
    isNeedRequired: q.withNeed ?? false,
  };
}

/**
 * Runs `fn` in a transaction that keeps one plan per connection (force_generic_plan, set in the same round trip as
 * fn's query). The plan's shape (an exact scan of the offer's territories, nested loops over the few hundred
 * candidates) does not depend on the parameters, and planning it again cost 1 ms per call, about a tenth of a
 * ranking. Left to itself the plan cache re-plans every call: it compares the generic plan's estimate, which knows
 * neither k nor how many associations the territories hold, with the custom plans'.
 */
function withGenericPlan<T>(sql: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return withLocalSettings(sql, { plan_cache_mode: 'force_generic_plan' }, fn);
}

/**
 * Live ranking of associations for one offer: nearest neighbours + needs branch under the hard filters, re-ranked
 * by the pure score. `isCertified` says whether the top `top` is provably the exact one (the neighbours are exact):
 * an association no branch returned scores at most partnerUpperBound(its similarity).
 */
export async function rankAssociationsForOffer(sql: Queryable, offer: RankedOfferSource, filters: AssociationFilters, settings: PartnerSearch = PARTNER_SEARCH, top = 20) {
  const found = await withGenericPlan(sql, (tx) => selectAssociationCandidates(tx, offer, filters, settings.k, settings.needK));
  const ranked = rankCandidates(found.candidates, offer);
  const bound = found.near_count >= settings.k ? partnerUpperBound(1 - (found.near_max_dist ?? 0)) : -Infinity;
  const theta = ranked.length >= top ? ranked[top - 1].scored.score : -Infinity;
  return { ranked, isCertified: bound === -Infinity || theta >= bound };
}

/** The exact ranking: the same score over every association passing the hard filters (reference for recall). */
export async function rankAssociationsExact(sql: Queryable, offer: RankedOfferSource, filters: AssociationFilters) {
  return rankCandidates(await selectAllEligibleAssociations(sql, offer, filters), offer);
}

/** Loads an offer for ranking, embedding it first if it never was (the kNN needs its vector). */
export async function loadOfferForRanking(deps: Deps, offerId: string): Promise<RankedOfferSource | undefined> {
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
  const { ranked } = await rankAssociationsForOffer(deps.sql, offer, associationFiltersOf(offer, query));
  const page = ranked.slice(0, query.limit);
  const cards = new Map((await selectAssociationCards(deps.sql, offer.id, page.map((r) => r.row.association_id))).map((c) => [c.association_id, c]));
  return {
    weightsVersion: PARTNER_WEIGHTS.version,
    items: page.map((r, i) => {
      const card = cards.get(r.row.association_id)!;
      return {
        ...describePair(r, i, card),
        association: {
          id: r.row.association_id,
          name: card.association_name,
          themes: r.row.association_themes,
          size: r.row.association_size,
          territory: { code: card.territory_code, name: card.territory_name },
          commune: card.commune_name,
          openMissions: r.row.open_missions,
        },
      };
    }),
  };
}
