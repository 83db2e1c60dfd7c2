import type { Queryable } from '../../db/database.ts';
import { selectAdminRecipients } from '../accounts/memberships.sql.ts';
import { appLink, queueEmail } from '../accounts/outbox.ts';

/** What the partners' notifications need besides the database: links into the web app. */
export type NotifyDeps = { config: { publicUrl: string } };

/** One event told to sides of a pair (usually the one that did not act): their admins get the e-mail. */
export type PartnerNotice = {
  to: { side: 'company' | 'association'; id: string }[];
  /** `partner.interest`, `partnership.proposed`… (the outbox's kind). */
  kind: string;
  /** Unique per event: with the recipient, the message's idempotency key. */
  eventKey: string;
  subject: string;
  /** The body's paragraphs before the link. */
  lines: string[];
  path: string;
};

/**
 * Queues the e-mail of one event for the admins of the sides told, in the caller's transaction: the e-mail exists
 * if and only if the change that caused it was committed. The caller asks for delivery after the commit
 * (deliverSoon).
 */
export async function notifyPartner(sql: Queryable, deps: NotifyDeps, notice: PartnerNotice): Promise<void> {
  const link = appLink(deps.config.publicUrl, notice.path);
  for (const to of notice.to) {
    for (const admin of await selectAdminRecipients(sql, to.side, to.id)) {
      await queueEmail(sql, {
        idempotencyKey: `${notice.kind}:${notice.eventKey}:${admin.user_id}`,
        recipient: admin.email,
        subject: notice.subject,
        text: `Bonjour,\n\n${notice.lines.join('\n\n')}\n\n${link}`,
        kind: notice.kind,
        userId: admin.user_id,
      });
    }
  }
}

/** The first characters of a message, on one line, for an e-mail that points to the conversation. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
