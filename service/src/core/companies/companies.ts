import type { Page } from '../../contract/common.ts';
import type { Company, CompanyCreate, CompanyFilters, CompanyUpdate } from '../../contract/companies.ts';
import { unlessTaken } from '../../db/database.ts';
import { assertCanActForCompany, isCompanyMember, isStaff, requireUser, type Actor } from '../actor.ts';
import { insertMembership } from '../associations/associations.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, NotFound } from '../errors.ts';
import { requireCommune } from '../territories/territories.ts';
import { insertCompany, selectCompanies, selectCompany, selectSirenTaken, updateCompanyRow, type CompanyRow, type CompanyWrite } from './companies.sql.ts';

export function toCompany(r: CompanyRow): Company {
  return {
    id: r.id,
    siren: r.siren,
    name: r.name,
    sector: r.sector,
    description: r.description,
    territory: { id: r.territory_id, code: r.territory_code, name: r.territory_name },
    commune: { insee: r.commune_insee, name: r.commune_name, lat: r.lat, lon: r.lon },
    size: r.size,
    verification: r.verification,
    openOffers: r.open_offers,
    createdAt: r.created_at.toISOString(),
  };
}

/** Whether the actor may see this company: suspended companies only for their members and staff. */
export function canSeeCompany(actor: Actor, row: { id: string; verification: string }): boolean {
  return row.verification !== 'suspended' || isStaff(actor) || isCompanyMember(actor, row.id);
}

/** Public directory of companies (search, filters, pagination); suspended ones only for staff. */
export async function listCompanies(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: CompanyFilters): Promise<Page<Company>> {
  const rows = await selectCompanies(deps.sql, filters, isStaff(actor));
  return { items: rows.map(toCompany), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** One company, if the actor may see it. */
export async function getCompany(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<Company> {
  const row = await selectCompany(deps.sql, id);
  if (!row || !canSeeCompany(actor, row)) throw new NotFound('Entreprise introuvable.');
  return toCompany(row);
}

/** Registers a company (SIREN checked, one per SIREN); its creator becomes its admin. It starts "pending". */
export async function createCompany(deps: CoreDeps, actor: Actor, input: CompanyCreate): Promise<Company> {
  const user = requireUser(actor);
  const commune = await requireCommune(deps.sql, input.communeInsee);
  const id = await deps.sql.begin(async (tx) => {
    // Checked here, and met on the unique index by a registration of the same SIREN at the same moment.
    const taken = () => new Conflict('Une entreprise avec ce SIREN est déjà inscrite.');
    if (await selectSirenTaken(tx, input.siren)) throw taken();
    const write: CompanyWrite = {
      siren: input.siren,
      name: input.name,
      sector: input.sector,
      description: input.description,
      territory_id: commune.territory_id,
      commune_insee: commune.insee,
      size: input.size,
    };
    const newId = await unlessTaken(insertCompany(tx, write), ['companies_siren_key'], taken);
    await insertMembership(tx, { userId: user.userId, companyId: newId, role: 'admin' });
    return newId;
  });
  return getCompany(deps, { ...user, companies: [...user.companies, { id, role: 'admin' }] }, id);
}

/** Changes a company's description; its admins or platform admins only. */
export async function updateCompany(deps: CoreDeps, actor: Actor, id: string, input: CompanyUpdate): Promise<Company> {
  await getCompany(deps, actor, id);
  assertCanActForCompany(actor, id, 'admin');
  const patch: Partial<Omit<CompanyWrite, 'siren'>> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.sector !== undefined) patch.sector = input.sector;
  if (input.description !== undefined) patch.description = input.description;
  if (input.size !== undefined) patch.size = input.size;
  if (input.communeInsee !== undefined) {
    const commune = await requireCommune(deps.sql, input.communeInsee);
    patch.commune_insee = commune.insee;
    patch.territory_id = commune.territory_id;
  }
  await updateCompanyRow(deps.sql, id, patch);
  return getCompany(deps, actor, id);
}
