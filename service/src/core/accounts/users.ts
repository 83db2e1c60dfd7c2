import type { Queryable } from '../../db/database.ts';
import { Conflict } from '../errors.ts';
import { insertUser, selectUserByEmail } from './users.sql.ts';

export type NewUser = {
  email: string;
  displayName: string;
  passwordHash?: string | null;
  emailVerified?: boolean;
  isPlatformAdmin?: boolean;
  isModerator?: boolean;
  isOrganiser?: boolean;
};

/** Creates an account row (sign-up and the demo loader go through here); e-mails are unique, case-insensitively. */
export async function createUser(deps: { sql: Queryable }, input: NewUser) {
  if (await selectUserByEmail(deps.sql, input.email)) throw new Conflict('Un compte existe déjà avec cette adresse e-mail.');
  const row = await insertUser(deps.sql, {
    ...input,
    email: input.email.trim(),
    passwordHash: input.passwordHash ?? null,
    emailVerified: input.emailVerified ?? false,
  });
  return { id: row.id, email: row.email, displayName: row.display_name };
}
