import type { Sql } from '../../db/database.ts';
import { oneClickUnsubscribeUrl, unsubscribeLink } from '../accounts/notices.ts';
import { appLink, queueEmail } from '../accounts/outbox.ts';
import type { Progress } from './freshness.ts';
import { markDigestSent, selectDigestRecipients, selectNewSuggestions, selectOutboxIdByKey, type DigestItem } from './digests.sql.ts';

export type DigestFrequency = 'daily' | 'weekly';
const DIGEST_ITEMS = 5;
const PERIOD_DAYS: Record<DigestFrequency, number> = { daily: 1, weekly: 7 };

/** The period a digest belongs to (its idempotency key's last part): `2026-11-22` daily, `2026-W47` weekly. */
export function digestPeriod(frequency: DigestFrequency, at: Date): string {
  const day = at.toISOString().slice(0, 10);
  if (frequency === 'daily') return day;
  // ISO week: the Thursday of the week decides the year.
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The digest e-mail, in French: greeting, the new missions that fit, a link to all suggestions, and how to stop it
 * (a link that needs no sign-in: the user's notice key, as in the notices' footer).
 */
export function writeDigest(firstName: string, frequency: DigestFrequency, items: DigestItem[], publicUrl: string, noticeKey: string) {
  const when = frequency === 'daily' ? "aujourd'hui" : 'cette semaine';
  const lines = items.map((i) => `- ${i.title} (${i.association_name}${i.commune_name ? `, ${i.commune_name}` : ''})\n  ${appLink(publicUrl, `missions/${i.mission_id}`)}`);
  const subject = items.length === 1 ? `Une nouvelle mission pour vous ${when}` : `${items.length} nouvelles missions pour vous ${when}`;
  const text = [
    `Bonjour ${firstName},`,
    '',
    `Voici les nouvelles missions bénévoles qui correspondent à votre profil ${when} :`,
    '',
    ...lines,
    '',
    // A signed-in citizen's suggestions are on the home page (there is no /suggestions page).
    `Toutes vos suggestions : ${appLink(publicUrl, '')}`,
    '',
    `Vous recevez ce message parce que vous avez choisi un résumé ${frequency === 'daily' ? 'quotidien' : 'hebdomadaire'}. Pour le changer : ${appLink(publicUrl, 'profil')}`,
    `Ne plus le recevoir : ${unsubscribeLink(publicUrl, noticeKey, 'digest')}`,
  ].join('\n');
  return { subject, text };
}

/**
 * Writes this period's digest of every citizen who chose `frequency` into the outbox (key
 * `digest:<citizen>:<period>`, so a second run of the same period adds nothing) and returns the outbox ids to
 * deliver. Citizens with nothing new get no message.
 */
export async function queueDigests(
  deps: { sql: Sql },
  options: { frequency: DigestFrequency; period: string; now: Date; publicUrl: string; onProgress?: Progress },
): Promise<{ queued: string[]; considered: number }> {
  const defaultSince = new Date(options.now.getTime() - PERIOD_DAYS[options.frequency] * 86_400_000);
  const queued: string[] = [];
  let considered = 0;
  let after: string | null = null;
  for (;;) {
    const page = await selectDigestRecipients(deps.sql, options.frequency, defaultSince, after, 500);
    if (page.length === 0) break;
    for (const r of page) {
      const key = `digest:${r.citizen_id}:${options.period}`;
      const items = await selectNewSuggestions(deps.sql, r.citizen_id, r.since, DIGEST_ITEMS);
      if (items.length === 0) continue;
      const { subject, text } = writeDigest(r.first_name, options.frequency, items, options.publicUrl, r.notice_key);
      await deps.sql.begin(async (tx) => {
        await queueEmail(tx, {
          idempotencyKey: key,
          recipient: r.email,
          subject,
          text,
          kind: `digest.${options.frequency}`,
          userId: r.user_id,
          listUnsubscribe: oneClickUnsubscribeUrl(options.publicUrl, r.notice_key, 'digest'),
        });
        await markDigestSent(tx, r.citizen_id, options.now);
      });
      const id = await selectOutboxIdByKey(deps.sql, key);
      if (id) queued.push(id);
    }
    considered += page.length;
    after = page[page.length - 1].citizen_id;
    await options.onProgress?.(considered, considered, 'citoyens');
  }
  return { queued, considered };
}
