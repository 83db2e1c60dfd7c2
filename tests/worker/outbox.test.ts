import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../service/src/core/accounts/outbox.ts';
import type { CoreDeps } from '../../service/src/core/deps.ts';
import { deliverOutboxMessage, messageIdOf } from '../../service/src/core/freshness/outbox-delivery.ts';
import { jobIdOf } from '../../service/src/core/jobs.ts';
import type { Database } from '../../service/src/db/database.ts';
import { silentLogger } from '../../service/src/logger.ts';
import { createInProcessQueue, type InProcessQueue } from '../../worker/src/in-process.ts';
import { createSmtpSender } from '../../worker/src/smtp.ts';
import { DATABASE_TARGETS, openTestDatabase } from '../support/databases.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { buildWorld, depsOver } from './support.ts';

describe.each(DATABASE_TARGETS)('outbox delivery and digests (%s)', (target) => {
  let db: Database;
  let deps: CoreDeps;
  let queue: InProcessQueue;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  // Recipients refused once (451), then accepted.
  const rejected = new Set<string>();

  beforeAll(async () => {
    db = await openTestDatabase(target);
    sink = await startSmtpSink({ rejectRcpt: (to) => rejected.delete(to) });
    const mailer = createSmtpSender(sink.url, 'Maillage <no-reply@maillage.localhost>');
    queue = createInProcessQueue(() => deps, silentLogger, { mailer, publicUrl: 'https://maillage.example', backoffMs: 30 });
    deps = await depsOver(db, queue);
  }, 60_000);
  afterAll(async () => {
    await queue?.close();
    await sink?.close();
    await db?.close();
  });

  const outboxRow = async (key: string) =>
    (await db.sql<{ id: string; sent_at: Date | null; sending_started_at: Date | null; attempts: number; message_id: string | null; last_error: string | null }[]>`
      SELECT id, sent_at, sending_started_at, attempts, message_id, last_error FROM outbox WHERE idempotency_key = ${key}`)[0];

  /** A received message's header, folded lines joined (null when absent). */
  const header = (mail: { head: string }, name: string) =>
    new RegExp(`^${name}:[ \t]*(.*)$`, 'im').exec(mail.head.replace(/\r\n[ \t]+/g, ' '))?.[1].trim() ?? null;

  it('sends a message once over SMTP with a Message-ID derived from its key; asking again sends nothing', async () => {
    const key = `test:${Date.now()}:a`;
    await queueEmail(db.sql, { idempotencyKey: key, recipient: 'camille@example.org', subject: 'Bonjour', text: 'Un message de test.', kind: 'test' });
    const row = await outboxRow(key);
    await queue.enqueue('outbox.deliver', { messageId: row.id }, { jobId: jobIdOf('outbox.deliver', row.id) });
    await queue.drain();
    await queue.enqueue('outbox.deliver', { messageId: row.id }, { jobId: jobIdOf('outbox.deliver', row.id) });
    await queue.drain();
    const got = sink.received.filter((m) => m.messageId === messageIdOf(key));
    expect(got).toHaveLength(1);
    expect(got[0].to).toEqual(['camille@example.org']);
    expect(got[0].data).toContain('Un message de test.');
    // Nothing to unsubscribe from: no List-Unsubscribe header.
    expect(header(got[0], 'List-Unsubscribe')).toBeNull();
    expect(header(got[0], 'List-Unsubscribe-Post')).toBeNull();
    const after = await outboxRow(key);
    expect(after.sent_at).not.toBeNull();
    expect(after.attempts).toBe(1);
    expect(after.message_id).toBe(messageIdOf(key));
  });

  it('never re-sends a message whose previous attempt was interrupted (sending started, never recorded)', async () => {
    const key = `test:${Date.now()}:interrupted`;
    await queueEmail(db.sql, { idempotencyKey: key, recipient: 'dominique@example.org', subject: 'Bonjour', text: 'Interrompu.', kind: 'test' });
    const row = await outboxRow(key);
    // What a worker killed between the SMTP 250 and the UPDATE leaves behind.
    await db.sql`UPDATE outbox SET sending_started_at = now(), attempts = 1 WHERE id = ${row.id}`;
    const sender = createSmtpSender(sink.url, 'no-reply@maillage.localhost');
    expect(await deliverOutboxMessage({ sql: db.sql, log: silentLogger }, sender, row.id)).toBe('interrupted');
    await queue.enqueue('outbox.flush', {});
    await queue.drain();
    expect(sink.received.filter((m) => m.messageId === messageIdOf(key))).toHaveLength(0);
    expect((await outboxRow(key)).sent_at).toBeNull();
  });

  it('retries a message the server refused for now (certainly not sent), then delivers it once', async () => {
    const key = `test:${Date.now()}:refused`;
    const recipient = `refused-${Date.now()}@example.org`;
    rejected.add(recipient);
    await queueEmail(db.sql, { idempotencyKey: key, recipient, subject: 'Bonjour', text: 'Refusé puis accepté.', kind: 'test' });
    const row = await outboxRow(key);
    await queue.enqueue('outbox.deliver', { messageId: row.id });
    await queue.drain();
    const after = await outboxRow(key);
    expect(after.sent_at).not.toBeNull();
    expect(after.attempts).toBeGreaterThanOrEqual(2);
    expect(sink.received.filter((m) => m.messageId === messageIdOf(key))).toHaveLength(1);
  });

  it('writes one French digest per citizen and period into the outbox and delivers it once', async () => {
    const world = await buildWorld(deps, { citizens: 3, digest: 'daily' });
    await queue.enqueue('suggestions.recompute', { since: new Date().toISOString() });
    await queue.drain();
    const mission = await world.newMission('Distribution alimentaire du samedi', "Préparer et distribuer des colis alimentaires le samedi matin à l'épicerie solidaire.");
    await queue.enqueue('mission.match', { missionId: mission.id });
    await queue.drain();
    const period = '2026-11-22';
    await queue.enqueue('digest.send', { frequency: 'daily', period }, { jobId: jobIdOf('digest.send', 'daily', period) });
    await queue.drain();
    await queue.enqueue('digest.send', { frequency: 'daily', period }, { jobId: jobIdOf('digest.send', 'daily', period) });
    await queue.drain();
    for (const citizenId of world.citizenIds) {
      const key = `digest:${citizenId}:${period}`;
      const row = await outboxRow(key);
      expect(row.sent_at).not.toBeNull();
      const got = sink.received.filter((m) => m.messageId === messageIdOf(key));
      expect(got).toHaveLength(1);
      expect(got[0].data).toContain('Distribution alimentaire du samedi');
      expect(got[0].data).toMatch(/Bonjour Camille/);
      // Stopping it takes one link, no sign-in: the citizen's own unsubscribe key.
      const [{ text_body: text, notice_key: noticeKey }] = await db.sql<{ text_body: string; notice_key: string }[]>`
        SELECT o.text_body, u.notice_key FROM outbox o JOIN users u ON u.id = o.user_id WHERE o.idempotency_key = ${key}`;
      expect(text).toContain(`/compte/notifications/desabonnement?cle=${noticeKey}&sujet=digest`);
      // And mail clients get the one-click address (RFC 8058) in the headers.
      expect(header(got[0], 'List-Unsubscribe')).toBe(`<https://maillage.example/api/notifications/unsubscribe/one-click?key=${noticeKey}&category=digest>`);
      expect(header(got[0], 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // Every link leads to a page of the web app: the suggestions are on the home page.
      expect(text).toMatch(/\nToutes vos suggestions : https?:\/\/[^/\s]+\/\n/);
    }
  }, 30_000);
});
