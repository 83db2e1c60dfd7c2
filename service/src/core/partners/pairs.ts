import type { PairState } from '../../contract/partners.ts';
import { explainPartner, summarisePartner } from './explain.ts';
import type { AssociationFactsRow, PairRow, RankedOfferSource } from './rank.sql.ts';
import { PARTNER_WEIGHTS, scorePartner, type PartnerFacts, type PartnerScored, type PartnerWeights } from './score.ts';

export type RankedPair = { row: PairRow; facts: PartnerFacts; scored: PartnerScored };

export function partnerFactsOf(row: PairRow): PartnerFacts {
  return candidateFactsOf(row, { kind: row.offer_kind, skills: row.offer_skills, themes: row.offer_themes, budget_max_eur: row.budget_max_eur });
}

/** Scores and sorts pairs (score descending, then ids for a stable order). */
export function rankPairs(rows: readonly PairRow[], weights: PartnerWeights = PARTNER_WEIGHTS): RankedPair[] {
  return rows
    .map((row) => {
      const facts = partnerFactsOf(row);
      return { row, facts, scored: scorePartner(facts, weights) };
    })
    .sort((a, b) => b.scored.score - a.scored.score || (a.row.association_id + a.row.offer_id < b.row.association_id + b.row.offer_id ? -1 : 1));
}

/** The facts of a ranking candidate: its own narrow row, the offer's side read once. */
export function candidateFactsOf(row: AssociationFactsRow, offer: Pick<RankedOfferSource, 'kind' | 'skills' | 'themes' | 'budget_max_eur'>): PartnerFacts {
  return {
    similarity: row.similarity,
    offerKind: offer.kind,
    offerSkills: offer.skills,
    offerThemes: offer.themes,
    budgetMaxEur: offer.budget_max_eur,
    associationThemes: row.association_themes,
    associationSize: row.association_size,
    needs: row.needs,
    distanceKm: row.distance_km,
    openMissions: row.open_missions,
    idleDays: row.idle_days,
  };
}

/** Scores and sorts an offer's candidates (score descending, then id for a stable order). */
export function rankCandidates<R extends AssociationFactsRow>(rows: readonly R[], offer: RankedOfferSource, weights: PartnerWeights = PARTNER_WEIGHTS) {
  return rows
    .map((row) => {
      const facts = candidateFactsOf(row, offer);
      return { row, facts, scored: scorePartner(facts, weights) };
    })
    .sort((a, b) => b.scored.score - a.scored.score || (a.row.association_id < b.row.association_id ? -1 : 1));
}

type StateRow = Pick<PairRow, 'company_interested' | 'association_interested' | 'partnership_id' | 'partnership_status'>;

export function pairStateOf(row: StateRow): PairState {
  return {
    companyInterested: row.company_interested,
    associationInterested: row.association_interested,
    partnership: row.partnership_id && row.partnership_status ? { id: row.partnership_id, status: row.partnership_status } : null,
  };
}

/** Rank, score, French breakdown and state of one ranked pair (shared by both sides' rankings). */
export function describePair(r: { facts: PartnerFacts; scored: PartnerScored }, index: number, state: StateRow) {
  const components = explainPartner(r.facts, r.scored);
  return { rank: index + 1, score: r.scored.score, summary: summarisePartner(components), components, state: pairStateOf(state) };
}
