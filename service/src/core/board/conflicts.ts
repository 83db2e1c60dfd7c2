import type { ConflictFlag } from '../../contract/board.ts';

/**
 * Conflict-of-interest flags for a board candidate. The association's ties come from two sources: the ties it
 * declared (funders, suppliers, partners, associations it funds) and the platform's own partnerships with
 * companies (proposed or active). A candidate is flagged when
 * - their employer (a company they belong to on the platform, or the company lending them through an RSE offer)
 *   funds, supplies or partners the association: board decisions could favour the employer;
 * - they already sit on the board of an association this association funds: they would vote on their own
 *   association's grant.
 */
export type AssociationTies = {
  /** company id -> kinds of tie ('funder', 'supplier', 'partner', 'partnership'). */
  companies: ReadonlyMap<string, readonly string[]>;
  /** Associations this one funds. */
  fundedAssociations: ReadonlySet<string>;
};

export type CandidateLinks = { employerIds: readonly string[]; boardAssociationIds: readonly string[] };

const TIE_WORDS: Record<string, string> = {
  funder: 'finance',
  supplier: 'est fournisseur de',
  partner: 'est partenaire de',
  partnership: 'a un partenariat RSE avec',
};

/** The flags for one candidate (empty when no conflict); details never name the candidate's employer. */
export function conflictsOf(links: CandidateLinks, ties: AssociationTies): ConflictFlag[] {
  const flags: ConflictFlag[] = [];
  for (const employer of links.employerIds) {
    const kinds = ties.companies.get(employer);
    if (kinds?.length) {
      flags.push({ kind: 'employer_tie', detail: `Son employeur ${[...new Set(kinds)].map((k) => TIE_WORDS[k] ?? k).join(' et ')} l'association.` });
    }
  }
  const funded = links.boardAssociationIds.filter((id) => ties.fundedAssociations.has(id)).length;
  if (funded > 0) flags.push({ kind: 'board_tie', detail: `Siège au conseil d'une association que vous financez.` });
  return flags;
}

/** Groups tie rows (kind + company or association) into the lookup conflictsOf reads. */
export function tiesFrom(rows: readonly { kind: string; company_id: string | null; other_association_id: string | null }[]): AssociationTies {
  const companies = new Map<string, string[]>();
  const fundedAssociations = new Set<string>();
  for (const r of rows) {
    if (r.company_id && r.kind !== 'funded') companies.set(r.company_id, [...(companies.get(r.company_id) ?? []), r.kind]);
    if (r.other_association_id && r.kind === 'funded') fundedAssociations.add(r.other_association_id);
  }
  return { companies, fundedAssociations };
}
