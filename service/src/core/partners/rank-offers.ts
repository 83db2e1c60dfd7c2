import type { OfferRankQuery, RankedOffers } from '../../contract/partners.ts';
import { assertCanActForAssociation, type Actor } from '../actor.ts';
import { selectAssociation } from '../associations/associations.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { describePair, rankPairs } from './pairs.ts';
import { selectOffersForAssociation } from './rank.sql.ts';
import { PARTNER_WEIGHTS } from './score.ts';

/** The open offers serving an association's territory, ranked by the same fit as the company side; its members only. */
export async function suggestOffersForAssociation(deps: Pick<CoreDeps, 'sql'>, actor: Actor, associationId: string, query: OfferRankQuery): Promise<RankedOffers> {
  assertCanActForAssociation(actor, associationId);
  const association = await selectAssociation(deps.sql, associationId);
  if (!association) throw new NotFound('Association introuvable.');
  const rows = await selectOffersForAssociation(deps.sql, associationId, {
    kinds: query.kind?.length ? query.kind : null,
    themes: query.theme?.length ? query.theme : null,
  });
  return {
    weightsVersion: PARTNER_WEIGHTS.version,
    items: rankPairs(rows)
      .slice(0, query.limit)
      .map((r, i) => ({
        ...describePair(r, i, r.row),
        offer: {
          id: r.row.offer_id,
          title: r.row.offer_title,
          kind: r.row.offer_kind,
          themes: r.row.offer_themes,
          capacityLeft: r.row.capacity_left,
          company: { id: r.row.company_id, name: r.row.company_name },
        },
      })),
  };
}
