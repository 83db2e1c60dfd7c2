import type { Queryable } from '../../db/database.ts';

export type LockedMission = {
  id: string;
  association_id: string;
  association_verification: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  places: number;
  accepted_count: number;
  pending_count: number;
  min_age: number;
};

/** Locks the mission row: every change of its counters goes through this lock, so they never drift. */
export async function lockMission(sql: Queryable, missionId: string): Promise<LockedMission | undefined> {
  const [row] = await sql<LockedMission[]>`
    SELECT m.id, m.association_id, a.verification AS association_verification, m.title, m.status, m.places,
           m.accepted_count, m.pending_count, m.min_age
    FROM missions m JOIN associations a ON a.id = m.association_id
    WHERE m.id = ${missionId} FOR UPDATE OF m`;
  return row;
}

export async function adjustMissionCounters(sql: Queryable, missionId: string, pendingDelta: number, acceptedDelta: number) {
  await sql`
    UPDATE missions SET pending_count = pending_count + ${pendingDelta}::int, accepted_count = accepted_count + ${acceptedDelta}::int,
                        updated_at = now()
    WHERE id = ${missionId}`;
}

export type ApplicationRow = {
  id: string;
  mission_id: string;
  citizen_id: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  message: string;
  created_at: Date;
  decided_at: Date | null;
  response_hours: number | null;
};

export async function selectApplicationRow(sql: Queryable, id: string, lock = false): Promise<ApplicationRow | undefined> {
  const [row] = lock
    ? await sql<ApplicationRow[]>`SELECT id, mission_id, citizen_id, status, message, created_at, decided_at, response_hours FROM applications WHERE id = ${id} FOR UPDATE`
    : await sql<ApplicationRow[]>`SELECT id, mission_id, citizen_id, status, message, created_at, decided_at, response_hours FROM applications WHERE id = ${id}`;
  return row;
}

export async function selectApplicationOf(sql: Queryable, missionId: string, citizenId: string): Promise<ApplicationRow | undefined> {
  const [row] = await sql<ApplicationRow[]>`
    SELECT id, mission_id, citizen_id, status, message, created_at, decided_at, response_hours
    FROM applications WHERE mission_id = ${missionId} AND citizen_id = ${citizenId} FOR UPDATE`;
  return row;
}

export async function insertApplication(sql: Queryable, missionId: string, citizenId: string, message: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO applications (mission_id, citizen_id, message) VALUES (${missionId}, ${citizenId}, ${message}) RETURNING id`;
  return row.id;
}

/** A withdrawn application applied again: back to pending, as new. */
export async function reopenApplication(sql: Queryable, id: string, message: string) {
  await sql`
    UPDATE applications SET status = 'pending', message = ${message}, created_at = now(), decided_at = NULL, response_hours = NULL,
                            updated_at = now()
    WHERE id = ${id}`;
}

export async function setApplicationStatus(sql: Queryable, id: string, status: 'withdrawn' | 'accepted' | 'declined') {
  await sql`
    UPDATE applications SET status = ${status}::text, updated_at = now(),
      decided_at = CASE WHEN ${status}::text = 'withdrawn' THEN decided_at ELSE now() END,
      response_hours = CASE WHEN ${status}::text = 'withdrawn' THEN response_hours
                            ELSE extract(epoch FROM now() - created_at) / 3600 END
    WHERE id = ${id}`;
}

/** associations.response_hours = median answer time over the association's last 50 decisions. */
export async function refreshResponseHours(sql: Queryable, associationId: string) {
  await sql`
    UPDATE associations SET response_hours = (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x.response_hours) FROM (
        SELECT p.response_hours FROM applications p JOIN missions m ON m.id = p.mission_id
        WHERE m.association_id = ${associationId} AND p.response_hours IS NOT NULL
        ORDER BY p.decided_at DESC LIMIT 50) x)
    WHERE id = ${associationId}`;
}

export async function insertDismissal(sql: Queryable, citizenId: string, missionId: string) {
  await sql`INSERT INTO dismissals (citizen_id, mission_id) VALUES (${citizenId}, ${missionId}) ON CONFLICT DO NOTHING`;
}

export async function markInvitationAnswered(sql: Queryable, missionId: string, citizenId: string) {
  await sql`
    UPDATE invitations SET status = 'accepted', answered_at = now()
    WHERE mission_id = ${missionId} AND citizen_id = ${citizenId} AND status = 'pending'`;
}

export type ApplicationViewRow = ApplicationRow & {
  mission_title: string;
  places_left: number;
  pending_count: number;
  association_id: string;
  association_name: string;
  first_name: string;
  commune_name: string;
  /** The citizen's account (null once it is deleted). */
  citizen_user_id: string | null;
  display_name: string | null;
  email: string | null;
};

const view = (sql: Queryable) => sql`
  SELECT p.id, p.mission_id, p.citizen_id, p.status, p.message, p.created_at, p.decided_at, p.response_hours,
         m.title AS mission_title, m.places - m.accepted_count AS places_left, m.pending_count, m.association_id,
         a.name AS association_name, c.first_name, co.name AS commune_name, u.id AS citizen_user_id, u.display_name, u.email
  FROM applications p JOIN missions m ON m.id = p.mission_id JOIN associations a ON a.id = m.association_id
  JOIN citizen_profiles c ON c.id = p.citizen_id JOIN communes co ON co.insee = c.commune_insee
  LEFT JOIN users u ON u.id = c.user_id`;

export async function selectApplicationView(sql: Queryable, id: string): Promise<ApplicationViewRow | undefined> {
  const [row] = await sql<ApplicationViewRow[]>`${view(sql)} WHERE p.id = ${id}`;
  return row;
}

export async function selectApplicationsOfCitizen(sql: Queryable, citizenId: string): Promise<ApplicationViewRow[]> {
  return sql<ApplicationViewRow[]>`${view(sql)} WHERE p.citizen_id = ${citizenId} ORDER BY p.created_at DESC LIMIT 200`;
}

export async function selectApplicationsOfMission(sql: Queryable, missionId: string): Promise<ApplicationViewRow[]> {
  return sql<ApplicationViewRow[]>`${view(sql)} WHERE p.mission_id = ${missionId} ORDER BY p.created_at LIMIT 500`;
}

export async function selectBirthYear(sql: Queryable, citizenId: string): Promise<number | null> {
  const [row] = await sql<{ birth_year: number | null }[]>`SELECT birth_year FROM citizen_profiles WHERE id = ${citizenId}`;
  return row?.birth_year ?? null;
}

export async function selectMissionOwner(sql: Queryable, missionId: string): Promise<string | undefined> {
  const [row] = await sql<{ association_id: string }[]>`SELECT association_id FROM missions WHERE id = ${missionId}`;
  return row?.association_id;
}

export async function selectIsPublishedMission(sql: Queryable, missionId: string): Promise<boolean> {
  const [row] = await sql<{ id: string }[]>`SELECT id FROM missions WHERE id = ${missionId} AND status <> 'draft'`;
  return row !== undefined;
}
