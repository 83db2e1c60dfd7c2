import type { Queryable } from '../../db/database.ts';

export type OutboxRow = {
  id: string;
  idempotency_key: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  kind: string;
  list_unsubscribe: string | null;
  sent_at: Date | null;
  sending_started_at: Date | null;
  message_id: string | null;
  attempts: number;
};

/**
 * Claims an unsent message for one delivery attempt and commits the claim before any SMTP traffic: the row
 * then says "an attempt began", so a worker killed mid-send leaves a trace instead of a silent re-send.
 */
export async function claimOutboxMessage(sql: Queryable, id: string): Promise<OutboxRow | undefined> {
  const [row] = await sql<OutboxRow[]>`
    UPDATE outbox SET sending_started_at = now(), attempts = attempts + 1
    WHERE id = ${id} AND sent_at IS NULL AND sending_started_at IS NULL
    RETURNING id, idempotency_key, recipient, subject, text_body, html_body, kind, list_unsubscribe, sent_at, sending_started_at, message_id, attempts`;
  return row;
}

export async function selectOutboxState(sql: Queryable, id: string) {
  const [row] = await sql<{ sent_at: Date | null; sending_started_at: Date | null }[]>`
    SELECT sent_at, sending_started_at FROM outbox WHERE id = ${id}`;
  return row;
}

export async function markOutboxSent(sql: Queryable, id: string, messageId: string) {
  await sql`UPDATE outbox SET sent_at = now(), last_error = NULL, message_id = ${messageId} WHERE id = ${id}`;
}

/** The server refused or was never reached: the message was certainly not delivered, so it may be tried again. */
export async function releaseOutboxClaim(sql: Queryable, id: string, error: string) {
  await sql`UPDATE outbox SET sending_started_at = NULL, last_error = ${error} WHERE id = ${id} AND sent_at IS NULL`;
}

export async function recordOutboxError(sql: Queryable, id: string, error: string, messageId: string) {
  await sql`UPDATE outbox SET last_error = ${error}, message_id = ${messageId} WHERE id = ${id}`;
}

/** Unsent messages nobody has started to send, oldest first (the sweep that feeds outbox.deliver). */
export async function selectDeliverableIds(sql: Queryable, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM outbox WHERE sent_at IS NULL AND sending_started_at IS NULL ORDER BY created_at LIMIT ${limit}`;
  return rows.map((r) => r.id);
}
