import { NoticeCategory, type NoticeSettings, type NoticeSettingsUpdate, type UnsubscribeInput } from '../../contract/notices.ts';
import type { Sql } from '../../db/database.ts';
import { requireUser, type Actor } from '../actor.ts';
import { NotFound } from '../errors.ts';
import { muteByKey, selectNoticeState, stopDigestByKey, updateMutedNotices } from './notice-settings.sql.ts';

const toSettings = (muted: readonly NoticeCategory[]): NoticeSettings =>
  Object.fromEntries(NoticeCategory.options.map((c) => [c, !muted.includes(c)])) as NoticeSettings;

/** Which kinds of e-mail notices the acting user receives (all, until they turn some off). */
export async function getNoticeSettings(deps: { sql: Sql }, actor: Actor): Promise<NoticeSettings> {
  const user = requireUser(actor);
  const state = await selectNoticeState(deps.sql, user.userId);
  if (!state) throw new NotFound('Compte introuvable.');
  return toSettings(state.muted_notices);
}

/** Turns kinds of notices on or off for the acting user; the others stay as they were. */
export async function updateNoticeSettings(deps: { sql: Sql }, actor: Actor, patch: NoticeSettingsUpdate): Promise<NoticeSettings> {
  const current = await getNoticeSettings(deps, actor);
  const next = { ...current, ...patch };
  await updateMutedNotices(deps.sql, requireUser(actor).userId, NoticeCategory.options.filter((c) => !next[c]));
  return next;
}

/**
 * The unsubscribe link of an e-mail: turns its category off, or stops the digest of new missions, for the key's
 * owner, signed in or not.
 */
export async function unsubscribeFromNotices(deps: { sql: Sql }, input: UnsubscribeInput) {
  const found = input.category === 'digest' ? await stopDigestByKey(deps.sql, input.key) : await muteByKey(deps.sql, input.key, input.category);
  if (!found) throw new NotFound('Ce lien de désabonnement n’est pas (ou plus) valable.');
  return { category: input.category, isEnabled: false as const };
}
