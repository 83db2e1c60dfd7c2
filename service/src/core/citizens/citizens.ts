import { describeMask, fromMask, toMask } from '../../contract/availability.ts';
import type { CitizenProfile, CitizenProfileCreate, CitizenProfileFilters, CitizenProfileUpdate } from '../../contract/citizens.ts';
import type { Page } from '../../contract/common.ts';
import { readEmbeddingSpaces } from '../../db/embedding-columns.ts';
import { requireUser, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { refreshEmbeddings } from '../embeddings/entities.ts';
import { requestCitizenRescore } from '../freshness/requests.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { requireCommune } from '../territories/territories.ts';
import {
  deleteCitizenProfileRow,
  eraseCitizenProfileRow,
  insertCitizenProfile,
  selectCitizenProfile,
  selectCitizenProfileIdForDeletion,
  selectCitizenProfileOfUser,
  selectCitizenProfiles,
  selectHasApplications,
  updateCitizenProfileRow,
  type CitizenProfileRow,
  type CitizenProfileWrite,
} from './citizens.sql.ts';

const NO_PROFILE = "Vous n'avez pas encore de profil bénévole.";
const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

export function toCitizenProfile(r: CitizenProfileRow): CitizenProfile {
  return {
    id: r.id,
    firstName: r.first_name,
    birthYear: r.birth_year,
    wish: r.wish,
    skills: r.skills,
    themes: r.themes,
    availability: fromMask(r.availability),
    availabilityLabel: describeMask(r.availability),
    commune: { insee: r.commune_insee, name: r.commune_name, lat: r.lat, lon: r.lon },
    territory: { id: r.territory_id, code: r.territory_code, name: r.territory_name },
    radiusKm: r.radius_km,
    languages: r.languages,
    accessibilityNeeds: r.accessibility_needs,
    acceptsRemote: r.accepts_remote,
    isVisibleToAssociations: r.is_visible_to_associations,
    isOpenToBoardRoles: r.is_open_to_board_roles,
    digest: r.digest,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Place columns copied from the commune, so distance filters need no join. */
async function placeOf(deps: Pick<CoreDeps, 'sql'>, insee: string) {
  const c = await requireCommune(deps.sql, insee);
  return { commune_insee: c.insee, lat: c.lat, lon: c.lon, territory_id: c.territory_id };
}

/** Creates the signed-in user's volunteer profile (one per user: a second one is a 409). */
export async function createCitizenProfile(deps: CoreDeps, actor: Actor, input: CitizenProfileCreate): Promise<CitizenProfile> {
  const user = requireUser(actor);
  const write: CitizenProfileWrite = {
    first_name: input.firstName,
    birth_year: input.birthYear ?? null,
    wish: input.wish,
    skills: input.skills,
    themes: input.themes,
    availability: toMask(input.availability),
    ...(await placeOf(deps, input.communeInsee)),
    radius_km: input.radiusKm,
    languages: unique(input.languages),
    accessibility_needs: input.accessibilityNeeds,
    accepts_remote: input.acceptsRemote,
    is_visible_to_associations: input.isVisibleToAssociations,
    is_open_to_board_roles: input.isOpenToBoardRoles,
    digest: input.digest,
  };
  const id = await insertCitizenProfile(deps.sql, user.userId, write);
  if (!id) throw new Conflict('Vous avez déjà un profil bénévole : modifiez-le plutôt que d’en créer un second.');
  await refreshEmbeddings(deps, 'citizen_profiles', [id]);
  await requestCitizenRescore(deps, id);
  const row = await selectCitizenProfile(deps.sql, id);
  return toCitizenProfile(row!);
}

/** The signed-in user's own profile. */
export async function getMyCitizenProfile(deps: Pick<CoreDeps, 'sql'>, actor: Actor): Promise<CitizenProfile> {
  const user = requireUser(actor);
  const row = await selectCitizenProfileOfUser(deps.sql, user.userId);
  if (!row) throw new NotFound(NO_PROFILE);
  return toCitizenProfile(row);
}

/** One profile by id: its owner and platform admins only; anyone else gets a 404 that does not reveal it exists. */
export async function getCitizenProfile(deps: Pick<CoreDeps, 'sql'>, actor: Actor, id: string): Promise<CitizenProfile> {
  const user = requireUser(actor);
  const row = await selectCitizenProfile(deps.sql, id);
  if (!row || (row.user_id !== user.userId && !user.isPlatformAdmin)) throw new NotFound('Profil introuvable.');
  return toCitizenProfile(row);
}

/** Platform admins' paginated list of profiles (there is no public listing of citizens). */
export async function listCitizenProfiles(deps: Pick<CoreDeps, 'sql'>, actor: Actor, filters: CitizenProfileFilters): Promise<Page<CitizenProfile>> {
  const user = requireUser(actor);
  if (!user.isPlatformAdmin) throw new Forbidden();
  const rows = await selectCitizenProfiles(deps.sql, filters);
  return { items: rows.map(toCitizenProfile), total: rows[0]?.total ?? 0, limit: filters.limit, offset: filters.offset };
}

/** Changes the signed-in user's profile; the wish is re-embedded when it changed. */
export async function updateMyCitizenProfile(deps: CoreDeps, actor: Actor, input: CitizenProfileUpdate): Promise<CitizenProfile> {
  const user = requireUser(actor);
  const row = await selectCitizenProfileOfUser(deps.sql, user.userId);
  if (!row) throw new NotFound(NO_PROFILE);
  const patch: Partial<CitizenProfileWrite> = {};
  if (input.firstName !== undefined) patch.first_name = input.firstName;
  if (input.birthYear !== undefined) patch.birth_year = input.birthYear;
  if (input.wish !== undefined) patch.wish = input.wish;
  if (input.skills !== undefined) patch.skills = input.skills;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.availability !== undefined) patch.availability = toMask(input.availability);
  if (input.communeInsee !== undefined) Object.assign(patch, await placeOf(deps, input.communeInsee));
  if (input.radiusKm !== undefined) patch.radius_km = input.radiusKm;
  if (input.languages !== undefined) patch.languages = unique(input.languages);
  if (input.accessibilityNeeds !== undefined) patch.accessibility_needs = input.accessibilityNeeds;
  if (input.acceptsRemote !== undefined) patch.accepts_remote = input.acceptsRemote;
  if (input.isVisibleToAssociations !== undefined) patch.is_visible_to_associations = input.isVisibleToAssociations;
  if (input.isOpenToBoardRoles !== undefined) patch.is_open_to_board_roles = input.isOpenToBoardRoles;
  if (input.digest !== undefined) patch.digest = input.digest;
  await updateCitizenProfileRow(deps.sql, row.id, patch);
  if (patch.wish !== undefined && patch.wish !== row.wish) await refreshEmbeddings(deps, 'citizen_profiles', [row.id]);
  // Fields that change what fits (not the name, the digest choice or the visibility) recompute the suggestions.
  if (Object.keys(patch).some((k) => !['first_name', 'digest', 'is_visible_to_associations', 'is_open_to_board_roles'].includes(k))) await requestCitizenRescore(deps, row.id);
  return toCitizenProfile((await selectCitizenProfile(deps.sql, row.id))!);
}

/**
 * Deletes the signed-in user's profile. A profile that applied to missions is scrubbed instead of removed, so
 * that the associations keep their history as "a deleted account"; either way nothing personal remains.
 */
export async function deleteMyCitizenProfile(deps: Pick<CoreDeps, 'sql'>, actor: Actor): Promise<void> {
  const user = requireUser(actor);
  const hasEmbedding = (await readEmbeddingSpaces(deps.sql)).has('citizen_profiles');
  await deps.sql.begin(async (tx) => {
    const id = await selectCitizenProfileIdForDeletion(tx, user.userId);
    if (!id) throw new NotFound(NO_PROFILE);
    if (await selectHasApplications(tx, id)) await eraseCitizenProfileRow(tx, id, hasEmbedding);
    else await deleteCitizenProfileRow(tx, id);
  });
}
