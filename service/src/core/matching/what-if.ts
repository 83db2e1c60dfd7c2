import { DAYS, SLOTS, describeMask } from '../../contract/availability.ts';
import type { WhatIfHint } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { countBits } from '../../contract/availability.ts';
import type { Seeker } from './candidates.sql.ts';
import { countAddedByRadius, countRemoteEligible } from './what-if.sql.ts';
import type { RankedMission } from './rank.ts';
import { MATCHING_WEIGHTS } from './score.ts';

const MAX_RADIUS_KM = 200;

/** The radius a "widen" hint proposes: double, at least +10 km, at most 200 km. */
export function widerRadius(radiusKm: number): number {
  return Math.min(MAX_RADIUS_KM, Math.max(Math.round(radiusKm * 2), Math.round(radiusKm) + 10));
}

const plural = (n: number) => `+${n} mission${n > 1 ? 's' : ''}`;
/** Added missions are counted up to this many (the hint then says "ou plus"): bounded queries. */
export const HINT_COUNT_CAP = 200;
const atLeast = (n: number) => `${plural(n)}${n >= HINT_COUNT_CAP ? ' ou plus' : ''}`;

/** What a wider radius and accepting remote work would add: counts that depend on the seeker only. */
export type WhatIfCounts = { wider: { radiusKm: number; added: number } | null; remote: number | null };

/**
 * The counts behind the radius and remote hints. They do not depend on the ranking, so callers start them
 * alongside it (another pooled connection on native PostgreSQL).
 */
export async function countWhatIf(sql: Queryable, s: Seeker): Promise<WhatIfCounts> {
  const wider = s.radiusKm < MAX_RADIUS_KM ? widerRadius(s.radiusKm) : null;
  const [added, remote] = await Promise.all([
    wider === null ? null : countAddedByRadius(sql, s, wider, HINT_COUNT_CAP),
    s.acceptsRemote ? null : countRemoteEligible(sql, s, HINT_COUNT_CAP),
  ]);
  return { wider: wider === null ? null : { radiusKm: wider, added: added! }, remote };
}

/**
 * Hints that would change the result, each with how much: a wider radius (more missions pass the filters),
 * accepting remote missions, one more availability slot (more missions enter the page once re-scored).
 * Only hints with a positive effect are returned.
 */
export function whatIfHints(s: Seeker, counts: WhatIfCounts, ranked: readonly RankedMission[], pageIds: readonly string[]): WhatIfHint[] {
  const hints: WhatIfHint[] = [];
  if (counts.wider && counts.wider.added > 0) {
    hints.push({ kind: 'radius', label: `élargir à ${counts.wider.radiusKm} km : ${atLeast(counts.wider.added)}`, delta: counts.wider.added });
  }
  if (counts.remote) hints.push({ kind: 'remote', label: `accepter les missions à distance : ${atLeast(counts.remote)}`, delta: counts.remote });
  const slot = bestExtraSlot(s, ranked, pageIds);
  if (slot) hints.push({ kind: 'availability', label: `ajouter ${describeMask(slot.bit)} à vos disponibilités : ${plural(slot.delta)} dans vos suggestions`, delta: slot.delta });
  return hints;
}

/**
 * The one availability slot whose addition brings the most new missions into the page. Only the availability
 * component changes, so each candidate's new score is its score plus the gated difference of that component.
 */
export function bestExtraSlot(s: Seeker, ranked: readonly RankedMission[], pageIds: readonly string[]): { bit: number; delta: number } | null {
  if (s.availabilityMask === 0 || ranked.length === 0) return null;
  const current = new Set(pageIds);
  const size = pageIds.length;
  const scheduled = ranked.reduce((acc, r) => acc | r.row.schedule, 0);
  const w = MATCHING_WEIGHTS.availability;
  // Per candidate, once: its slot count and current availability value (from its scored components).
  const rows = ranked.map((r) => ({
    id: r.row.id,
    schedule: r.row.schedule,
    bits: countBits(r.row.schedule),
    score: r.scored.score,
    relevance: r.scored.relevance,
    before: r.scored.components.find((c) => c.key === 'availability')?.value ?? 0,
  }));
  let best: { bit: number; delta: number } | null = null;
  for (let d = 0; d < DAYS.length; d++) {
    for (let k = 0; k < SLOTS.length; k++) {
      const bit = 1 << (d * 3 + k);
      if (s.availabilityMask & bit || !(scheduled & bit)) continue;
      const mask = s.availabilityMask | bit;
      const rescored = rows.map((r) => {
        if (r.bits === 0 || !(r.schedule & bit)) return { id: r.id, score: r.score };
        const after = countBits(r.schedule & mask) / r.bits;
        return { id: r.id, score: r.score + r.relevance * w * (after - r.before) };
      });
      rescored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      const delta = rescored.slice(0, size).filter((r) => !current.has(r.id)).length;
      if (delta > 0 && (!best || delta > best.delta)) best = { bit, delta };
    }
  }
  return best;
}
