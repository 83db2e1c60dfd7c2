import type { Page } from '../../contract/common.ts';
import { offerKindIssues, type Offer, type OfferCreate, type OfferFilters, type OfferUpdate } from '../../contract/offers.ts';
import { assertCanActForCompany, isCompanyMember, isStaff, type Actor } from '../actor.ts';
import { selectCompany } from '../companies/companies.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { Forbidden, Invalid, NotFound } from '../errors.ts';
import {
  insertOffer,
  selectOffer,
  selectOffers,
  selectTerritoryIds,
  updateOfferCapacity,
  updateOfferRow,
  type OfferRow,
  type OfferWrite,
} from './offers.sql.ts';

export function toOffer(r: OfferRow): Offer {
  return {
    id: r.id,
    company: { id: r.company_id, name: r.company_name, verification: r.company_verification },
    kind: r.kind,
    title: r.title,
    description: r.description,
    skills: r.skills,
    themes: r.themes,
    territories: r.territories,
    isCompanyTerritory: r.territory_ids.length === 0,
    hours: r.hours,
    budgetMinEur: r.budget_min_eur,
    budgetMaxEur: r.budget_max_eur,
    people: r.people,
    capacity: r.capacity,
    capacityLeft: r.capacity_left,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function visibleCompanies(actor: Actor): string[] | 'all' {
  if (isStaff(actor)) return 'all';
  return actor.kind === 'user' ? actor.companies.map((c) => c.id) : [];
}

function canSee(actor: Actor, row: OfferRow): boolean {
  if (row.status !== 'draft' && row.company_verification !== 'suspended') return true;
  return isStaff(actor) || isCompanyMember(actor, row.company_id);
}

function assertKindRules(o: Parameters<typeof offerKindIssues>[0]) {
  const issues = offerKindIssues(o);
  if (issues.length) throw new Invalid('Offre incomplète pour ce type de mécénat.', issues);
}

async function territoryIdsOf(deps: Pick<CoreDeps, 'sql'>, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  const found = await selectTerritoryIds(deps.sql, unique);
  const missing = unique.filter((c) => !found.some((t) => t.code === c));
  if (missing.length) throw new Invalid('Territoire inconnu.', missing.map((c) => ({ path: 'territories', message: `territoire ${c} inconnu` })));
  return found.map((t) => t.id);
}

/** Lists CSR offers: open ones for the public, plus drafts and closed ones of the actor's own companies. */
export async function listOffers(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: OfferFilters): Promise<Page<Offer>> {
  const rows = await selectOffers(deps.sql, filters, visibleCompanies(actor));
  return { items: rows.map(toOffer), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** One offer, if the actor may see it (drafts and offers of suspended companies: members and staff only). */
export async function getOffer(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<Offer> {
  const row = await selectOffer(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Offre introuvable.');
  return toOffer(row);
}

/** Publishes an offer for a company the actor belongs to; a suspended company cannot publish. */
export async function createOffer(deps: CoreDeps, actor: Actor, input: OfferCreate): Promise<Offer> {
  assertCanActForCompany(actor, input.companyId);
  const company = await selectCompany(deps.sql, input.companyId);
  if (!company) throw new NotFound('Entreprise introuvable.');
  if (company.verification === 'suspended') throw new Forbidden('Cette entreprise est suspendue : elle ne peut pas publier d’offre.');
  const write: OfferWrite = {
    kind: input.kind,
    title: input.title,
    description: input.description,
    skills: input.skills,
    themes: input.themes,
    territory_ids: await territoryIdsOf(deps, input.territories),
    hours: input.hours ?? null,
    budget_min_eur: input.budgetMinEur ?? null,
    budget_max_eur: input.budgetMaxEur ?? null,
    people: input.people ?? null,
    capacity: input.capacity,
    capacity_left: input.capacity,
    starts_on: input.startsOn ?? null,
    ends_on: input.endsOn ?? null,
    status: input.status,
  };
  const id = await insertOffer(deps.sql, company.id, write);
  await refreshEmbeddings(deps, 'rse_offers', [id]);
  return getOffer(deps, actor, id);
}

/** Edits, opens or closes an offer; members of its company only. The kind's rules hold on the result. */
export async function updateOffer(deps: CoreDeps, actor: Actor, id: string, input: OfferUpdate): Promise<Offer> {
  const row = await selectOffer(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Offre introuvable.');
  assertCanActForCompany(actor, row.company_id);
  const patch: Partial<OfferWrite> = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  if (input.skills !== undefined) patch.skills = input.skills;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.territories !== undefined) patch.territory_ids = await territoryIdsOf(deps, input.territories);
  if (input.hours !== undefined) patch.hours = input.hours;
  if (input.budgetMinEur !== undefined) patch.budget_min_eur = input.budgetMinEur;
  if (input.budgetMaxEur !== undefined) patch.budget_max_eur = input.budgetMaxEur;
  if (input.people !== undefined) patch.people = input.people;
  if (input.startsOn !== undefined) patch.starts_on = input.startsOn;
  if (input.endsOn !== undefined) patch.ends_on = input.endsOn;
  if (input.status !== undefined) patch.status = input.status;
  const pick = <K extends keyof OfferWrite>(k: K, current: OfferWrite[K]) => (patch[k] !== undefined ? (patch[k] as OfferWrite[K]) : current);
  assertKindRules({
    kind: row.kind,
    description: pick('description', row.description),
    skills: pick('skills', row.skills),
    hours: pick('hours', row.hours),
    budgetMinEur: pick('budget_min_eur', row.budget_min_eur),
    budgetMaxEur: pick('budget_max_eur', row.budget_max_eur),
    people: pick('people', row.people),
    startsOn: pick('starts_on', row.starts_on),
    endsOn: pick('ends_on', row.ends_on),
  });
  await deps.sql.begin(async (tx) => {
    if (input.capacity !== undefined && !(await updateOfferCapacity(tx, id, input.capacity))) {
      const engaged = row.capacity - row.capacity_left;
      throw new Invalid('Moins de places que de partenariats déjà engagés.', [{ path: 'capacity', message: `au moins ${engaged}` }]);
    }
    await updateOfferRow(tx, id, patch);
  });
  if (patch.title !== undefined || patch.description !== undefined) await refreshEmbeddings(deps, 'rse_offers', [id]);
  return getOffer(deps, actor, id);
}

/** Closes an offer (no new partnerships); members of its company only. */
export async function closeOffer(deps: CoreDeps, actor: Actor, id: string): Promise<Offer> {
  return updateOffer(deps, actor, id, { status: 'closed' });
}
