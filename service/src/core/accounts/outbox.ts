import type { Queryable } from '../../db/database.ts';
import type { JobQueue } from '../jobs.ts';

/** An e-mail to send. The idempotency key makes queueing the same message twice a no-op. */
export type OutgoingEmail = {
  idempotencyKey: string;
  recipient: string;
  subject: string;
  text: string;
  html?: string | null;
  kind: string;
  userId?: string | null;
  /** The one-click unsubscribe address (RFC 8058) of an e-mail its recipient can stop; sent as List-Unsubscribe. */
  listUnsubscribe?: string | null;
};

/**
 * Queues an e-mail in the outbox, in the caller's transaction when given one: the message exists if and only if
 * the change that caused it was committed. A worker delivers it (SMTP) and sets sent_at.
 */
export async function queueEmail(sql: Queryable, email: OutgoingEmail): Promise<void> {
  await sql`
    INSERT INTO outbox (idempotency_key, recipient, subject, text_body, html_body, kind, user_id, list_unsubscribe)
    VALUES (${email.idempotencyKey}, ${email.recipient}, ${email.subject}, ${email.text}, ${email.html ?? null}, ${email.kind}, ${email.userId ?? null},
            ${email.listUnsubscribe ?? null})
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

/** A link into the web app, from the instance's public URL. */
export function appLink(publicUrl: string, path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, publicUrl.endsWith('/') ? publicUrl : publicUrl + '/');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Asks for the outbox to be delivered now rather than at the next minute's sweep; call it after the transaction
 * that queued the e-mail has committed. One pending request covers every message queued meanwhile.
 */
export async function deliverSoon(deps: { jobs?: Pick<JobQueue, 'enqueue'> }): Promise<void> {
  await deps.jobs?.enqueue('outbox.flush', {}, { jobId: 'outbox.flush:soon' }).catch(() => {});
}
