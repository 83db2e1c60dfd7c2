import type { Page } from '../../contract/common.ts';
import { needKindIssues, type Need, type NeedCreate, type NeedFilters, type NeedUpdate } from '../../contract/needs.ts';
import { assertCanActForAssociation, isAssociationMember, isStaff, type Actor } from '../actor.ts';
import { selectAssociation } from '../associations/associations.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { Forbidden, Invalid, NotFound } from '../errors.ts';
import { insertNeed, selectNeed, selectNeeds, updateNeedRow, type NeedRow, type NeedWrite } from './needs.sql.ts';

export function toNeed(r: NeedRow): Need {
  return {
    id: r.id,
    association: { id: r.association_id, name: r.association_name, verification: r.association_verification },
    territory: { id: r.territory_id, code: r.territory_code, name: r.territory_name },
    kind: r.kind,
    title: r.title,
    description: r.description,
    skills: r.skills,
    themes: r.themes,
    amountEur: r.amount_eur,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function visibleAssociations(actor: Actor): string[] | 'all' {
  if (isStaff(actor)) return 'all';
  return actor.kind === 'user' ? actor.associations.map((a) => a.id) : [];
}

function canSee(actor: Actor, row: NeedRow): boolean {
  return row.association_verification !== 'suspended' || isStaff(actor) || isAssociationMember(actor, row.association_id);
}

/** Public list of associations' needs (funding, equipment, skills for a project), with filters and pagination. */
export async function listNeeds(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: NeedFilters): Promise<Page<Need>> {
  const rows = await selectNeeds(deps.sql, filters, visibleAssociations(actor));
  return { items: rows.map(toNeed), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** One need, unless its association is suspended (then members and staff only). */
export async function getNeed(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<Need> {
  const row = await selectNeed(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Besoin introuvable.');
  return toNeed(row);
}

/** Posts a need for an association the actor belongs to; a suspended association cannot post. */
export async function createNeed(deps: CoreDeps, actor: Actor, input: NeedCreate): Promise<Need> {
  assertCanActForAssociation(actor, input.associationId);
  const association = await selectAssociation(deps.sql, input.associationId);
  if (!association) throw new NotFound('Association introuvable.');
  if (association.verification === 'suspended') throw new Forbidden('Cette association est suspendue : elle ne peut pas publier de besoin.');
  const id = await insertNeed(deps.sql, association.id, {
    kind: input.kind,
    title: input.title,
    description: input.description,
    skills: input.skills,
    themes: input.themes,
    amount_eur: input.amountEur ?? null,
  });
  return getNeed(deps, actor, id);
}

/** Edits a need, or marks it met or closed; members of its association only. The kind's rules hold on the result. */
export async function updateNeed(deps: CoreDeps, actor: Actor, id: string, input: NeedUpdate): Promise<Need> {
  const row = await selectNeed(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Besoin introuvable.');
  assertCanActForAssociation(actor, row.association_id);
  const patch: Partial<NeedWrite> = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  if (input.skills !== undefined) patch.skills = [...new Set(input.skills)];
  if (input.themes !== undefined) patch.themes = [...new Set(input.themes)];
  if (input.amountEur !== undefined) patch.amount_eur = input.amountEur;
  if (input.status !== undefined) patch.status = input.status;
  const issues = needKindIssues({
    kind: row.kind,
    description: patch.description ?? row.description,
    skills: patch.skills ?? row.skills,
    amountEur: patch.amount_eur !== undefined ? patch.amount_eur : row.amount_eur,
  });
  if (issues.length) throw new Invalid('Besoin incomplet pour ce type.', issues);
  await updateNeedRow(deps.sql, id, patch);
  return getNeed(deps, actor, id);
}

/** Closes a need (`met` when it was fulfilled); members of its association only. */
export async function closeNeed(deps: CoreDeps, actor: Actor, id: string, outcome: 'met' | 'closed' = 'closed'): Promise<Need> {
  return updateNeed(deps, actor, id, { status: outcome });
}
