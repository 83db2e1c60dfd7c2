import type { CitizenProfileFilters } from '../../contract/citizens.ts';
import type { Queryable } from '../../db/database.ts';

export type CitizenProfileRow = {
  id: string;
  user_id: string | null;
  first_name: string;
  birth_year: number | null;
  wish: string;
  skills: string[];
  themes: string[];
  availability: number;
  commune_insee: string;
  commune_name: string;
  lat: number;
  lon: number;
  territory_id: string;
  territory_code: string;
  territory_name: string;
  radius_km: number;
  languages: string[];
  accessibility_needs: string[];
  accepts_remote: boolean;
  is_visible_to_associations: boolean;
  is_open_to_board_roles: boolean;
  digest: 'never' | 'daily' | 'weekly';
  created_at: Date;
  updated_at: Date;
  total?: number;
};

export type CitizenProfileWrite = {
  first_name: string;
  birth_year: number | null;
  wish: string;
  skills: string[];
  themes: string[];
  availability: number;
  commune_insee: string;
  lat: number;
  lon: number;
  territory_id: string;
  radius_km: number;
  languages: string[];
  accessibility_needs: string[];
  accepts_remote: boolean;
  is_visible_to_associations: boolean;
  is_open_to_board_roles: boolean;
  digest: string;
};

const columns = (sql: Queryable) => sql`
  p.id, p.user_id, p.first_name, p.birth_year, p.wish, p.skills, p.themes, p.availability, p.commune_insee,
  c.name AS commune_name, p.lat, p.lon, p.territory_id, t.code AS territory_code, t.name AS territory_name, p.radius_km,
  p.languages, p.accessibility_needs, p.accepts_remote, p.is_visible_to_associations, p.is_open_to_board_roles, p.digest,
  p.created_at, p.updated_at`;

const joins = (sql: Queryable) => sql`
  FROM citizen_profiles p JOIN communes c ON c.insee = p.commune_insee JOIN territories t ON t.id = p.territory_id`;

// Erased profiles (tombstones kept for associations' history of applications) are never read back as profiles.
export async function selectCitizenProfile(sql: Queryable, id: string): Promise<CitizenProfileRow | undefined> {
  const [row] = await sql<CitizenProfileRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE p.id = ${id} AND p.erased_at IS NULL`;
  return row;
}

export async function selectCitizenProfileOfUser(sql: Queryable, userId: string): Promise<CitizenProfileRow | undefined> {
  const [row] = await sql<CitizenProfileRow[]>`SELECT ${columns(sql)} ${joins(sql)} WHERE p.user_id = ${userId} AND p.erased_at IS NULL`;
  return row;
}

export async function selectCitizenProfiles(sql: Queryable, f: CitizenProfileFilters): Promise<CitizenProfileRow[]> {
  // The page's ids first (narrow rows to sort and count), then the columns of those ids only.
  return sql<CitizenProfileRow[]>`
    WITH page AS (
      SELECT p.id, p.created_at, count(*) OVER ()::int AS total
      FROM citizen_profiles p JOIN territories t ON t.id = p.territory_id
      WHERE p.erased_at IS NULL
        AND (${f.territory ?? null}::text IS NULL OR t.code = ${f.territory ?? null})
        AND (${f.theme ?? null}::text[] IS NULL OR p.themes && ${f.theme ?? null}::text[])
        AND (${f.skill ?? null}::text[] IS NULL OR p.skills && ${f.skill ?? null}::text[])
        AND (${f.visible ?? null}::boolean IS NULL OR p.is_visible_to_associations = ${f.visible ?? null})
      ORDER BY p.created_at DESC, p.id
      LIMIT ${f.limit} OFFSET ${f.offset})
    SELECT ${columns(sql)}, page.total FROM page JOIN citizen_profiles p ON p.id = page.id
      JOIN communes c ON c.insee = p.commune_insee JOIN territories t ON t.id = p.territory_id
    ORDER BY page.created_at DESC, page.id`;
}

/** Inserts the user's profile; undefined when the user already has one (the unique user_id decides, race-free). */
export async function insertCitizenProfile(sql: Queryable, userId: string, p: CitizenProfileWrite): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO citizen_profiles ${sql({ ...p, user_id: userId })}
    ON CONFLICT (user_id) DO NOTHING
    RETURNING id`;
  return row?.id;
}

export async function updateCitizenProfileRow(sql: Queryable, id: string, patch: Partial<CitizenProfileWrite>) {
  if (Object.keys(patch).length === 0) return;
  await sql`UPDATE citizen_profiles SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}

/**
 * Locks the user's live profile for deletion: an application being filed at the same moment waits on its
 * foreign-key check, so the "has applications?" answer cannot go stale before the delete commits.
 */
export async function selectCitizenProfileIdForDeletion(sql: Queryable, userId: string): Promise<string | undefined> {
  const [row] = await sql<{ id: string }[]>`SELECT id FROM citizen_profiles WHERE user_id = ${userId} AND erased_at IS NULL FOR UPDATE`;
  return row?.id;
}

export async function selectHasApplications(sql: Queryable, citizenId: string): Promise<boolean> {
  const [row] = await sql<{ has: boolean }[]>`SELECT EXISTS (SELECT 1 FROM applications WHERE citizen_id = ${citizenId}) AS has`;
  return row.has;
}

export async function deleteCitizenProfileRow(sql: Queryable, id: string) {
  await sql`DELETE FROM citizen_profiles WHERE id = ${id}`;
}

/**
 * Scrubs a profile that applications still point to: the row stays as "a deleted account" for the associations'
 * history, detached from the user (who may create a new profile) and emptied of everything personal.
 */
export async function eraseCitizenProfileRow(sql: Queryable, id: string, hasEmbedding: boolean) {
  await sql`
    UPDATE citizen_profiles SET
      user_id = NULL, erased_at = now(), updated_at = now(), first_name = 'Profil supprimé', birth_year = NULL, wish = '',
      skills = '{}', themes = '{}', availability = 0, languages = '{}', accessibility_needs = '{}',
      is_visible_to_associations = false, is_open_to_board_roles = false, digest = 'never'
    WHERE id = ${id}`;
  // The vector columns exist once the embedding space is set up at start-up (see db/embedding-columns.ts).
  if (hasEmbedding) await sql`UPDATE citizen_profiles SET embedding = NULL, embedding_hash = NULL WHERE id = ${id}`;
}

/** Where to write to a citizen: their account's address (none once the account is deleted). */
export async function selectCitizenRecipient(sql: Queryable, citizenId: string): Promise<{ user_id: string; email: string } | undefined> {
  const [row] = await sql<{ user_id: string; email: string }[]>`
    SELECT u.id AS user_id, u.email FROM citizen_profiles c JOIN users u ON u.id = c.user_id WHERE c.id = ${citizenId} AND u.deleted_at IS NULL`;
  return row;
}
