import type { Queryable } from '../../db/database.ts';
import { appLink, queueEmail } from '../accounts/outbox.ts';

/** What the partners' notifications need besides the database: links into the web app. */
export type NotifyDeps = { config: { publicUrl: string } };

type Side = 'company' | 'association';

/** One event told to one side of a pair: its admins get the e-mail (members manage, admins answer). */
export type PartnerNotice = {
  to: { side: Side; id: string };
  /** `partner.interest`, `partnership.proposed`… (the outbox's kind). */
  kind: string;
  /** Unique per event: with the recipient, the message's idempotency key. */
  eventKey: string;
  subject: string;
  /** The body's paragraphs before the link. */
  lines: string[];
  path: string;
};

/** The admins of an association or a company who can receive e-mail (accounts not deleted). */
async function selectAdmins(sql: Queryable, to: PartnerNotice['to']) {
  return sql<{ id: string; email: string }[]>`
    SELECT u.id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.role = 'admin' AND u.deleted_at IS NULL
      AND ${to.side === 'association' ? sql`m.association_id = ${to.id}` : sql`m.company_id = ${to.id}`}`;
}

/**
 * Queues the e-mail of one event for the other side's admins, in the caller's transaction: the e-mail exists if and
 * only if the change that caused it was committed. The caller asks for delivery after the commit (deliverSoon).
 */
export async function notifyPartner(sql: Queryable, deps: NotifyDeps, notice: PartnerNotice): Promise<void> {
  const link = appLink(deps.config.publicUrl, notice.path);
  for (const admin of await selectAdmins(sql, notice.to)) {
    await queueEmail(sql, {
      idempotencyKey: `${notice.kind}:${notice.eventKey}:${admin.id}`,
      recipient: admin.email,
      subject: notice.subject,
      text: `Bonjour,\n\n${notice.lines.join('\n\n')}\n\n${link}`,
      kind: notice.kind,
      userId: admin.id,
    });
  }
}

/** The first characters of a message, on one line, for an e-mail that points to the conversation. */
export function excerpt(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
