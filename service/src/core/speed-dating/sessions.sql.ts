import type { Queryable } from '../../db/database.ts';
import type { Schedule } from '../../contract/speed-dating.ts';

export type SessionRow = {
  id: string;
  territory_id: string;
  territory_name: string;
  organiser_id: string | null;
  title: string;
  session_date: string;
  start_time: string;
  round_minutes: number;
  break_minutes: number;
  pauses: { afterRound: number; minutes: number }[];
  location: string | null;
  rounds: number;
  tables: string[];
  min_meetings: number;
  status: 'draft' | 'scheduled' | 'closed';
};

export type ParticipantRow = {
  id: string;
  association_id: string | null;
  company_id: string | null;
  name: string;
  first_round: number | null;
  last_round: number | null;
};

export async function selectSession(sql: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await sql<SessionRow[]>`
    SELECT s.id, s.territory_id, t.name AS territory_name, s.organiser_id, s.title, s.session_date::text AS session_date,
           s.start_time, s.round_minutes, s.break_minutes, s.pauses, s.location, s.rounds, s.tables, s.min_meetings, s.status
    FROM speed_dating_sessions s JOIN territories t ON t.id = s.territory_id WHERE s.id = ${id}`;
  return row;
}

export async function selectSessionSummaries(sql: Queryable, f: { territory?: string; from?: string; organiserId?: string; limit: number; offset: number }) {
  return sql<{ id: string; title: string; session_date: string; start_time: string; territory_id: string; territory_name: string; status: string; associations: number; companies: number; certificate: unknown; total: number }[]>`
    SELECT s.id, s.title, s.session_date::text AS session_date, s.start_time, s.territory_id, t.name AS territory_name, s.status,
           (SELECT count(*)::int FROM speed_dating_participants p WHERE p.session_id = s.id AND p.association_id IS NOT NULL) AS associations,
           (SELECT count(*)::int FROM speed_dating_participants p WHERE p.session_id = s.id AND p.company_id IS NOT NULL) AS companies,
           (SELECT sc.schedule -> 'certificate' FROM speed_dating_schedules sc WHERE sc.session_id = s.id ORDER BY sc.version DESC LIMIT 1) AS certificate,
           count(*) OVER ()::int AS total
    FROM speed_dating_sessions s JOIN territories t ON t.id = s.territory_id
    WHERE (${f.territory ?? null}::uuid IS NULL OR s.territory_id = ${f.territory ?? null})
      AND (${f.from ?? null}::date IS NULL OR s.session_date >= ${f.from ?? null}::date)
      AND (${f.organiserId ?? null}::uuid IS NULL OR s.organiser_id = ${f.organiserId ?? null})
    ORDER BY s.session_date, s.start_time, s.id
    LIMIT ${f.limit} OFFSET ${f.offset}`;
}

export async function insertSession(sql: Queryable, s: Omit<SessionRow, 'id' | 'territory_name' | 'status'>): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO speed_dating_sessions (territory_id, organiser_id, title, session_date, start_time, round_minutes, break_minutes,
                                       pauses, location, rounds, tables, min_meetings)
    VALUES (${s.territory_id}, ${s.organiser_id}, ${s.title}, ${s.session_date}, ${s.start_time}, ${s.round_minutes}, ${s.break_minutes},
            ${sql.json(s.pauses)}, ${s.location}, ${s.rounds}, ${s.tables}, ${s.min_meetings})
    RETURNING id`;
  return row.id;
}

export async function updateSessionRow(sql: Queryable, id: string, patch: Record<string, unknown>) {
  if (Object.keys(patch).length === 0) return;
  if (patch.pauses !== undefined) patch.pauses = sql.json(patch.pauses as never);
  await sql`UPDATE speed_dating_sessions SET ${sql(patch)}, updated_at = now() WHERE id = ${id}`;
}

export async function selectParticipants(sql: Queryable, sessionId: string): Promise<ParticipantRow[]> {
  return sql<ParticipantRow[]>`
    SELECT p.id, p.association_id, p.company_id, COALESCE(a.name, c.name) AS name, p.first_round, p.last_round
    FROM speed_dating_participants p
    LEFT JOIN associations a ON a.id = p.association_id LEFT JOIN companies c ON c.id = p.company_id
    WHERE p.session_id = ${sessionId} ORDER BY p.created_at, p.id`;
}

export async function insertParticipant(sql: Queryable, p: { sessionId: string; associationId: string | null; companyId: string | null; firstRound: number | null; lastRound: number | null }) {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO speed_dating_participants (session_id, association_id, company_id, first_round, last_round)
    VALUES (${p.sessionId}, ${p.associationId}, ${p.companyId}, ${p.firstRound}, ${p.lastRound})
    ON CONFLICT DO NOTHING RETURNING id`;
  return row?.id;
}

export async function deleteParticipant(sql: Queryable, sessionId: string, participantId: string) {
  const rows = await sql`DELETE FROM speed_dating_participants WHERE session_id = ${sessionId} AND id = ${participantId} RETURNING id`;
  return rows.length > 0;
}

export async function selectPreferences(sql: Queryable, sessionId: string) {
  return sql<{ from_participant: string; to_participant: string; level: 'must' | 'interested' | 'no' }[]>`
    SELECT from_participant, to_participant, level FROM speed_dating_preferences WHERE session_id = ${sessionId}
    ORDER BY from_participant, to_participant`;
}

export async function upsertPreference(sql: Queryable, sessionId: string, from: string, to: string, level: string | null) {
  if (level === null) {
    await sql`DELETE FROM speed_dating_preferences WHERE from_participant = ${from} AND to_participant = ${to}`;
    return;
  }
  await sql`
    INSERT INTO speed_dating_preferences (session_id, from_participant, to_participant, level) VALUES (${sessionId}, ${from}, ${to}, ${level})
    ON CONFLICT (from_participant, to_participant) DO UPDATE SET level = EXCLUDED.level, updated_at = now()`;
}

export async function selectLocks(sql: Queryable, sessionId: string) {
  return sql<{ association_participant: string; company_participant: string; round: number; table_name: string | null }[]>`
    SELECT association_participant, company_participant, round, table_name FROM speed_dating_locks WHERE session_id = ${sessionId}
    ORDER BY round, association_participant`;
}

export async function upsertLock(sql: Queryable, sessionId: string, l: { a: string; c: string; round: number; table: string | null }) {
  await sql`
    INSERT INTO speed_dating_locks (session_id, association_participant, company_participant, round, table_name)
    VALUES (${sessionId}, ${l.a}, ${l.c}, ${l.round}, ${l.table})
    ON CONFLICT (session_id, association_participant, company_participant) DO UPDATE SET round = EXCLUDED.round, table_name = EXCLUDED.table_name`;
}

export async function deleteLock(sql: Queryable, sessionId: string, a: string, c: string) {
  await sql`DELETE FROM speed_dating_locks WHERE session_id = ${sessionId} AND association_participant = ${a} AND company_participant = ${c}`;
}

export async function selectLatestSchedule(sql: Queryable, sessionId: string) {
  const [row] = await sql<{ version: number; reason: string; schedule: Schedule; created_at: Date; no_shows: string[] }[]>`
    SELECT version, reason, schedule, created_at, no_shows FROM speed_dating_schedules WHERE session_id = ${sessionId}
    ORDER BY version DESC LIMIT 1`;
  return row;
}

export async function insertSchedule(sql: Queryable, s: { sessionId: string; reason: 'generate' | 'replan'; noShows: string[]; schedule: Schedule; createdBy: string }) {
  const [row] = await sql<{ version: number }[]>`
    INSERT INTO speed_dating_schedules (session_id, version, reason, no_shows, schedule, created_by)
    SELECT ${s.sessionId}, COALESCE(max(version), 0) + 1, ${s.reason}, ${s.noShows}::uuid[], ${sql.json(s.schedule as never)}, ${s.createdBy}
    FROM speed_dating_schedules WHERE session_id = ${s.sessionId}
    RETURNING version`;
  return row.version;
}

