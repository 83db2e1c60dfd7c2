import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import {
  claimOutboxMessage,
  markOutboxSent,
  recordOutboxError,
  releaseOutboxClaim,
  selectDeliverableIds,
  selectOutboxState,
} from './outbox-delivery.sql.ts';

export type MailMessage = {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Where a mail client POSTs to unsubscribe in one click (RFC 8058), for the e-mails one can stop. */
  listUnsubscribe?: string;
};

/** Sends one e-mail (SMTP in production). Throws MailNotSentError when it knows the server did not accept it. */
export type MailSender = { send(message: MailMessage): Promise<void>; close?(): void };

/** The message was certainly not accepted (connection refused, server rejection): safe to try again later. */
export class MailNotSentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailNotSentError';
  }
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'interrupted' | 'missing';

/** A Message-ID derived from the idempotency key: a re-send decided by an operator is recognisable as a duplicate. */
export function messageIdOf(idempotencyKey: string, domain = 'maillage.localhost'): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/**
 * Delivers one outbox message at most once. The attempt is recorded and committed before the SMTP conversation;
 * success then sets sent_at. If the process dies in between, the row keeps sending_started_at without sent_at:
 * it is reported as interrupted and never re-sent automatically (the recipient may or may not have it). A failure
 * the sender knows happened before the server accepted the message clears the mark and is retried.
 */
export async function deliverOutboxMessage(deps: { sql: Queryable; log: Logger }, sender: MailSender, id: string): Promise<DeliveryOutcome> {
  const claimed = await claimOutboxMessage(deps.sql, id);
  if (!claimed) {
    const state = await selectOutboxState(deps.sql, id);
    if (!state) return 'missing';
    if (state.sent_at) return 'already-sent';
    deps.log.warn('outbox message interrupted during a previous attempt: not re-sent (at most once)', { outboxId: id });
    return 'interrupted';
  }
  const messageId = messageIdOf(claimed.idempotency_key);
  try {
    await sender.send({
      messageId,
      to: claimed.recipient,
      subject: claimed.subject,
      text: claimed.text_body,
      html: claimed.html_body ?? undefined,
      listUnsubscribe: claimed.list_unsubscribe ?? undefined,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (err instanceof MailNotSentError) {
      await releaseOutboxClaim(deps.sql, id, reason.slice(0, 500));
      throw err;
    }
    // Unknown whether the server kept it (e.g. connection lost after the data): at most once wins.
    await recordOutboxError(deps.sql, id, `envoi interrompu, issue inconnue : ${reason}`.slice(0, 500), messageId);
    deps.log.warn('outbox delivery outcome unknown: not retried', { outboxId: id, err });
    return 'interrupted';
  }
  await markOutboxSent(deps.sql, id, messageId);
  return 'sent';
}

/** Ids of the messages waiting for their first delivery attempt. */
export async function listDeliverableMessages(deps: { sql: Queryable }, limit = 500): Promise<string[]> {
  return selectDeliverableIds(deps.sql, limit);
}
