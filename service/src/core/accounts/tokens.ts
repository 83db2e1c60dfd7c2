import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export const VERIFY_EMAIL_TTL_MS = 24 * 3600 * 1000;
export const RESET_PASSWORD_TTL_MS = 3600 * 1000;
export const CHANGE_EMAIL_TTL_MS = 24 * 3600 * 1000;

/** sha-256 of a token, hex: what the database keeps instead of the token itself. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh 256-bit token for a link sent by e-mail, with its hash. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/**
 * Issues a single-use token for a user; earlier unused tokens of the same purpose stop working. A change_email
 * token carries the address it confirms (`newEmail`).
 */
export async function issueOneTimeToken(sql: Queryable, userId: string, purpose: TokenPurpose, ttlMs: number, newEmail: string | null = null): Promise<string> {
  const { token, hash } = newToken();
  // Spent and expired tokens are useless: clear this user's old ones as new ones are issued.
  await sql`DELETE FROM one_time_tokens WHERE user_id = ${userId} AND (used_at < now() - interval '1 day' OR expires_at < now() - interval '1 day')`;
  await sql`UPDATE one_time_tokens SET used_at = now() WHERE user_id = ${userId} AND purpose = ${purpose} AND used_at IS NULL`;
  await sql`
    INSERT INTO one_time_tokens (token_hash, user_id, purpose, expires_at, new_email)
    VALUES (${hash}, ${userId}, ${purpose}, ${new Date(Date.now() + ttlMs)}, ${newEmail})`;
  return token;
}

/** Spends a token atomically (one UPDATE): the user id if it was live, undefined if unknown, used or expired. */
export async function consumeOneTimeToken(sql: Queryable, token: string, purpose: TokenPurpose): Promise<string | undefined> {
  if (token.length > 200) return undefined;
  const [row] = await sql<{ user_id: string }[]>`
    UPDATE one_time_tokens SET used_at = now()
    WHERE token_hash = ${hashToken(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
    RETURNING user_id`;
  return row?.user_id;
}

/** Spends an e-mail change token: its user and the address it confirms, if it was live. */
export async function consumeEmailChangeToken(sql: Queryable, token: string): Promise<{ user_id: string; new_email: string } | undefined> {
  if (token.length > 200) return undefined;
  const [row] = await sql<{ user_id: string; new_email: string }[]>`
    UPDATE one_time_tokens SET used_at = now()
    WHERE token_hash = ${hashToken(token)} AND purpose = 'change_email' AND used_at IS NULL AND expires_at > now()
    RETURNING user_id, new_email`;
  return row;
}
