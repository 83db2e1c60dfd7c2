import type { Association, AssociationCreate, AssociationFilters, AssociationUpdate } from '../../contract/associations.ts';
import type { Page } from '../../contract/common.ts';
import { unlessTaken } from '../../db/database.ts';
import { assertCanActForAssociation, isStaff, requireUser, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { Conflict, NotFound } from '../errors.ts';
import { requireCommune } from '../territories/territories.ts';
import {
  insertAssociation,
  insertMembership,
  selectAssociation,
  selectAssociations,
  selectRegistrationTaken,
  updateAssociationRow,
  type AssociationRow,
} from './associations.sql.ts';

export function toAssociation(r: AssociationRow): Association {
  return {
    id: r.id,
    rna: r.rna,
    siren: r.siren,
    name: r.name,
    purpose: r.purpose,
    themes: r.themes,
    territory: { id: r.territory_id, code: r.territory_code, name: r.territory_name },
    commune: { insee: r.commune_insee, name: r.commune_name, lat: r.lat, lon: r.lon },
    size: r.size,
    verification: r.verification,
    contactEmail: r.contact_email,
    website: r.website,
    responseHours: r.response_hours,
    openMissions: r.open_missions,
    createdAt: r.created_at.toISOString(),
  };
}

/** Public directory of associations, with full-text search and filters; suspended ones only for staff. */
export async function listAssociations(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: AssociationFilters): Promise<Page<Association>> {
  const rows = await selectAssociations(deps.sql, filters, isStaff(actor));
  return { items: rows.map(toAssociation), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** One association; a suspended association is visible only to its members and staff. */
export async function getAssociation(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<Association> {
  const row = await selectAssociation(deps.sql, id);
  const isMember = actor.kind === 'user' && actor.associations.some((a) => a.id === id);
  if (!row || (row.verification === 'suspended' && !isMember && !isStaff(actor))) throw new NotFound('Association introuvable.');
  return toAssociation(row);
}

/** Registers an association; the user who registers it becomes its admin. It starts "pending" until a moderator verifies it. */
export async function createAssociation(deps: CoreDeps, actor: Actor, input: AssociationCreate): Promise<Association> {
  const user = requireUser(actor);
  const commune = await requireCommune(deps.sql, input.communeInsee);
  const id = await deps.sql.begin(async (tx) => {
    // Checked here, and met on the unique indexes by a registration of the same number at the same moment.
    const taken = () => new Conflict('Une association avec ce numéro RNA ou SIREN est déjà inscrite.');
    if (await selectRegistrationTaken(tx, input.rna ?? null, input.siren ?? null)) throw taken();
    const insert = insertAssociation(tx, {
      rna: input.rna ?? null,
      siren: input.siren ?? null,
      name: input.name,
      purpose: input.purpose,
      themes: input.themes,
      territoryId: commune.territory_id,
      communeInsee: commune.insee,
      size: input.size,
      contactEmail: input.contactEmail ?? null,
      website: input.website ?? null,
    });
    const newId = await unlessTaken(insert, ['associations_rna_key', 'associations_siren_key'], taken);
    await insertMembership(tx, { userId: user.userId, associationId: newId, role: 'admin' });
    return newId;
  });
  await refreshEmbeddings(deps, 'associations', [id]);
  return getAssociation(deps, { ...user, associations: [...user.associations, { id, role: 'admin' }] }, id);
}

/** Changes an association's description; admins of the association or platform admins only. */
export async function updateAssociation(deps: CoreDeps, actor: Actor, id: string, input: AssociationUpdate): Promise<Association> {
  await getAssociation(deps, actor, id);
  assertCanActForAssociation(actor, id, 'admin');
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.purpose !== undefined) patch.purpose = input.purpose;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.size !== undefined) patch.size = input.size;
  if (input.contactEmail !== undefined) patch.contact_email = input.contactEmail;
  if (input.website !== undefined) patch.website = input.website;
  if (input.communeInsee !== undefined) {
    const commune = await requireCommune(deps.sql, input.communeInsee);
    patch.commune_insee = commune.insee;
    patch.territory_id = commune.territory_id;
  }
  await updateAssociationRow(deps.sql, id, patch);
  await refreshEmbeddings(deps, 'associations', [id]);
  return getAssociation(deps, actor, id);
}
