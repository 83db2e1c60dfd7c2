import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import { requireUser, type Actor } from '../actor.ts';
import { deleteOtherSessions, deleteSession, insertSession, selectActor, selectLiveSession, selectUserSessions } from './sessions.sql.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session for a user: a random 256-bit token for the cookie (only its hash is stored) and a CSRF token. */
export async function createSession(sql: Queryable, userId: string, userAgent: string | null = null) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await insertSession(sql, { idHash: hashToken(token), userId, csrfToken, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null });
  return { token, csrfToken, expiresAt };
}

/** Ends a session (log out). Unknown tokens are ignored. */
export async function endSession(sql: Queryable, token: string): Promise<void> {
  await deleteSession(sql, hashToken(token));
}

export type ResolvedSession = { actor: Actor; csrfToken: string | null };

/** Who holds this token: the user with their scoped roles, or anonymous for a missing, expired or unknown token. */
export async function resolveSession(sql: Queryable, token: string | undefined): Promise<ResolvedSession> {
  if (!token || token.length > 200) return { actor: { kind: 'anonymous' }, csrfToken: null };
  const session = await selectLiveSession(sql, hashToken(token));
  if (!session) return { actor: { kind: 'anonymous' }, csrfToken: null };
  const actor = await loadActor(sql, session.user_id);
  return { actor, csrfToken: session.csrf_token };
}

/** Builds the Actor of a user id (anonymous if the account no longer exists). */
export async function loadActor(sql: Queryable, userId: string): Promise<Actor> {
  const row = await selectActor(sql, userId);
  if (!row) return { kind: 'anonymous' };
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    isPlatformAdmin: row.is_platform_admin,
    isModerator: row.is_moderator,
    isOrganiser: row.is_organiser,
    citizenId: row.citizen_id,
    associations: row.associations,
    companies: row.companies,
    supportOrganisationId: row.support_organisation_id,
  };
}

/** My open sessions (devices), newest first; the id shown is a prefix of the stored hash, never the token. */
export async function listMySessions(deps: { sql: Queryable }, actor: Actor, currentToken: string | undefined) {
  const user = requireUser(actor);
  const current = currentToken ? hashToken(currentToken) : null;
  const rows = await selectUserSessions(deps.sql, user.userId);
  return {
    items: rows.map((r) => ({
      id: r.id_hash.slice(0, 16),
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      userAgent: r.user_agent,
      isCurrent: r.id_hash === current,
    })),
  };
}

/** Logs out every other device of the acting user (this session stays open). */
export async function endOtherSessions(deps: { sql: Queryable }, actor: Actor, currentToken: string | undefined): Promise<void> {
  const user = requireUser(actor);
  await deleteOtherSessions(deps.sql, user.userId, currentToken ? hashToken(currentToken) : '');
}
