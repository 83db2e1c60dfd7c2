import { describeMask, fromMask, toMask } from '../../contract/availability.ts';
import type { Page } from '../../contract/common.ts';
import type { Mission, MissionCreate, MissionFilters, MissionUpdate } from '../../contract/missions.ts';
import { assertCanActForAssociation, isAssociationMember, isStaff, type Actor } from '../actor.ts';
import { selectAssociation } from '../associations/associations.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { requestMissionMatch } from '../freshness/requests.ts';
import { Forbidden, Invalid, NotFound } from '../errors.ts';
import { requireCommune } from '../territories/territories.ts';
import { insertMission, selectMission, selectMissions, updateMissionRow, type MissionRow, type MissionWrite } from './missions.sql.ts';

export function toMission(r: MissionRow): Mission {
  return {
    id: r.id,
    association: { id: r.association_id, name: r.association_name, verification: r.association_verification, responseHours: r.response_hours },
    title: r.title,
    description: r.description,
    skills: r.skills,
    themes: r.themes,
    isRemote: r.is_remote,
    commune: r.commune_insee ? { insee: r.commune_insee, name: r.commune_name!, lat: r.lat!, lon: r.lon! } : null,
    territory: { id: r.territory_id, code: r.territory_code, name: r.territory_name },
    schedule: fromMask(r.schedule),
    scheduleLabel: describeMask(r.schedule),
    places: r.places,
    placesLeft: r.places - r.accepted_count,
    pendingApplications: r.pending_count,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    minAge: r.min_age,
    accessibility: r.accessibility,
    status: r.status,
    publishedAt: r.published_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function visibleAssociations(actor: Actor): string[] | 'all' {
  if (isStaff(actor)) return 'all';
  return actor.kind === 'user' ? actor.associations.map((a) => a.id) : [];
}

function canSee(actor: Actor, row: MissionRow): boolean {
  if (row.status !== 'draft' && row.association_verification !== 'suspended') return true;
  return isStaff(actor) || isAssociationMember(actor, row.association_id);
}

/** Lists missions with full-text search and filters; drafts only for the association's members. */
export async function listMissions(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: MissionFilters): Promise<Page<Mission>> {
  const rows = await selectMissions(deps.sql, filters, visibleAssociations(actor));
  return { items: rows.map(toMission), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** One mission, if the actor may see it. */
export async function getMission(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<Mission> {
  const row = await selectMission(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Mission introuvable.');
  return toMission(row);
}

async function placeOf(deps: Pick<CoreDeps, 'sql'>, isRemote: boolean, communeInsee: string | null | undefined, fallbackTerritory: string) {
  if (!communeInsee) {
    if (!isRemote) throw new Invalid('Une commune est requise pour une mission sur place.', [{ path: 'communeInsee', message: 'requis' }]);
    return { commune_insee: null, lat: null, lon: null, territory_id: fallbackTerritory };
  }
  const c = await requireCommune(deps.sql, communeInsee);
  return { commune_insee: c.insee, lat: c.lat, lon: c.lon, territory_id: c.territory_id };
}

/** Posts a mission for an association the actor belongs to; a suspended association cannot post. */
export async function createMission(deps: CoreDeps, actor: Actor, input: MissionCreate): Promise<Mission> {
  assertCanActForAssociation(actor, input.associationId);
  const association = await selectAssociation(deps.sql, input.associationId);
  if (!association) throw new NotFound('Association introuvable.');
  if (association.verification === 'suspended') throw new Forbidden('Cette association est suspendue : elle ne peut pas publier de mission.');
  const write: MissionWrite = {
    title: input.title,
    description: input.description,
    skills: input.skills,
    themes: input.themes,
    is_remote: input.isRemote,
    ...(await placeOf(deps, input.isRemote, input.communeInsee, association.territory_id)),
    schedule: toMask(input.schedule),
    places: input.places,
    starts_on: input.startsOn ?? null,
    ends_on: input.endsOn ?? null,
    min_age: input.minAge,
    accessibility: input.accessibility,
    status: input.status,
  };
  const id = await insertMission(deps.sql, association.id, write);
  await refreshEmbeddings(deps, 'missions', [id]);
  await requestMissionMatch(deps, id);
  return getMission(deps, actor, id);
}

/** Edits, opens or closes a mission; members of its association only. */
export async function updateMission(deps: CoreDeps, actor: Actor, id: string, input: MissionUpdate): Promise<Mission> {
  const row = await selectMission(deps.sql, id);
  if (!row || !canSee(actor, row)) throw new NotFound('Mission introuvable.');
  assertCanActForAssociation(actor, row.association_id);
  const patch: Partial<MissionWrite> = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.description !== undefined) patch.description = input.description;
  if (input.skills !== undefined) patch.skills = input.skills;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.schedule !== undefined) patch.schedule = toMask(input.schedule);
  if (input.minAge !== undefined) patch.min_age = input.minAge;
  if (input.accessibility !== undefined) patch.accessibility = input.accessibility;
  if (input.status !== undefined) patch.status = input.status;
  if (input.startsOn !== undefined) patch.starts_on = input.startsOn;
  if (input.endsOn !== undefined) patch.ends_on = input.endsOn;
  const startsOn = patch.starts_on !== undefined ? patch.starts_on : row.starts_on;
  const endsOn = patch.ends_on !== undefined ? patch.ends_on : row.ends_on;
  if (startsOn && endsOn && endsOn < startsOn) throw new Invalid('La date de fin précède la date de début.', [{ path: 'endsOn', message: 'avant la date de début' }]);
  if (input.places !== undefined) {
    if (input.places < row.accepted_count) {
      throw new Invalid('Moins de places que de bénévoles déjà acceptés.', [{ path: 'places', message: `au moins ${row.accepted_count}` }]);
    }
    patch.places = input.places;
  }
  if (input.isRemote !== undefined || input.communeInsee !== undefined) {
    const isRemote = input.isRemote ?? row.is_remote;
    const commune = input.communeInsee !== undefined ? input.communeInsee : row.commune_insee;
    Object.assign(patch, { is_remote: isRemote, ...(await placeOf(deps, isRemote, commune, row.territory_id)) });
  }
  await updateMissionRow(deps.sql, id, patch);
  if (patch.title !== undefined || patch.description !== undefined) await refreshEmbeddings(deps, 'missions', [id]);
  await requestMissionMatch(deps, id);
  return getMission(deps, actor, id);
}
