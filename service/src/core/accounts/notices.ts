import { NOTICE_CATEGORIES, type NoticeCategory, type UnsubscribeTopic } from '../../contract/notices.ts';
import type { Queryable } from '../../db/database.ts';
import type { CoreDeps } from '../deps.ts';
import { selectAdminRecipients, type OrganisationKind } from './memberships.sql.ts';
import { selectNoticeState } from './notice-settings.sql.ts';
import { appLink, queueEmail } from './outbox.ts';

/**
 * E-mails that tell someone what another person did (an application, an answer, an interest, a message), queued in
 * the transaction of the change: the e-mail exists if and only if the change was committed. The caller asks for
 * delivery after the commit (deliverSoon).
 */

/** What notices need besides the database: links into the web app. */
export type NotifyDeps = { config: { publicUrl: string } };

/** What a change that tells someone needs: the database, the queue that delivers soon after the commit, the links. */
export type ChangeDeps = Pick<CoreDeps, 'sql'> & Partial<Pick<CoreDeps, 'jobs'>> & NotifyDeps;

export type Notice = {
  /** `application.received`, `partnership.proposed`… (the outbox's kind). */
  kind: string;
  /**
   * What the recipient can turn off (contract/notices.ts), or null for a notice always sent (a moderation decision
   * about their organisation).
   */
  category: NoticeCategory | null;
  /** Unique per event: with the recipient, the message's idempotency key. */
  eventKey: string;
  subject: string;
  /** The body's paragraphs before the link. */
  lines: string[];
  path: string;
};

/** The link at the foot of an e-mail that stops its kind (a notice category, or the digest), no sign-in needed. */
export const unsubscribeLink = (publicUrl: string, key: string, topic: UnsubscribeTopic) =>
  appLink(publicUrl, 'compte/notifications/desabonnement', { cle: key, sujet: topic });

/**
 * The same for mail clients (the List-Unsubscribe header, RFC 8058): an API address they POST to in one click. The
 * footer's link leads to a page that asks first, because mail filters open links; a POST is not something they do.
 */
export const oneClickUnsubscribeUrl = (publicUrl: string, key: string, topic: UnsubscribeTopic) =>
  appLink(publicUrl, 'api/notifications/unsubscribe/one-click', { key, category: topic });

/** Why the recipient gets the e-mail and how to stop: a link that turns the category off, no sign-in needed. */
function footer(deps: NotifyDeps, category: NoticeCategory, key: string): string {
  return [
    '--',
    `Vous recevez cet e-mail car les notifications « ${NOTICE_CATEGORIES[category].label} » sont activées sur votre compte Maillage.`,
    `Ne plus les recevoir : ${unsubscribeLink(deps.config.publicUrl, key, category)}`,
    `Choisir vos notifications : ${appLink(deps.config.publicUrl, 'compte/notifications')}`,
  ].join('\n');
}

/** Queues the notice for one person, unless they turned its category off (read in the change's transaction). */
async function queueNotice(sql: Queryable, deps: NotifyDeps, to: { user_id: string; email: string }, notice: Notice) {
  let tail = '';
  let listUnsubscribe: string | null = null;
  if (notice.category) {
    const state = await selectNoticeState(sql, to.user_id);
    if (!state || state.muted_notices.includes(notice.category)) return;
    tail = `\n\n${footer(deps, notice.category, state.notice_key)}`;
    listUnsubscribe = oneClickUnsubscribeUrl(deps.config.publicUrl, state.notice_key, notice.category);
  }
  await queueEmail(sql, {
    idempotencyKey: `${notice.kind}:${notice.eventKey}:${to.user_id}`,
    recipient: to.email,
    subject: notice.subject,
    text: `Bonjour,\n\n${notice.lines.join('\n\n')}\n\n${appLink(deps.config.publicUrl, notice.path)}${tail}`,
    kind: notice.kind,
    userId: to.user_id,
    listUnsubscribe,
  });
}

/** The notice to the admins of each organisation told. */
export async function notifyAdmins(sql: Queryable, deps: NotifyDeps, to: { organisation: OrganisationKind; id: string }[], notice: Notice): Promise<void> {
  for (const { organisation, id } of to) {
    for (const admin of await selectAdminRecipients(sql, organisation, id)) await queueNotice(sql, deps, admin, notice);
  }
}

/** The notice to one person (nothing when their account is gone). */
export async function notifyUser(sql: Queryable, deps: NotifyDeps, to: { user_id: string; email: string } | undefined, notice: Notice): Promise<void> {
  if (to) await queueNotice(sql, deps, to, notice);
}

/** The first characters of a text, on one line, for an e-mail that points to where it can be read in full. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
