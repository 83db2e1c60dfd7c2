import { DAYS, SLOTS, describeMask } from '../../contract/availability.ts';
import type { WhatIfHint } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { countEligibleWithin, countRemoteEligible, type Seeker } from './candidates.sql.ts';
import { rankCandidates, type RankedMission } from './rank.ts';

const MAX_RADIUS_KM = 200;

/** The radius a "widen" hint proposes: double, at least +10 km, at most 200 km. */
export function widerRadius(radiusKm: number): number {
  return Math.min(MAX_RADIUS_KM, Math.max(Math.round(radiusKm * 2), Math.round(radiusKm) + 10));
}

const plural = (n: number) => `+${n} mission${n > 1 ? 's' : ''}`;

/**
 * Hints that would change the result, each with how much: a wider radius (more missions pass the filters),
 * accepting remote missions, one more availability slot (more missions enter the page once re-scored).
 * Only hints with a positive effect are returned.
 */
export async function computeWhatIf(sql: Queryable, s: Seeker, ranked: readonly RankedMission[], pageIds: readonly string[]): Promise<WhatIfHint[]> {
  const hints: WhatIfHint[] = [];
  if (s.radiusKm < MAX_RADIUS_KM) {
    const wider = widerRadius(s.radiusKm);
    const [now, then] = await countEligibleWithin(sql, s, [s.radiusKm, wider]);
    if (then > now) hints.push({ kind: 'radius', label: `élargir à ${wider} km : ${plural(then - now)}`, delta: then - now });
  }
  if (!s.acceptsRemote) {
    const remote = await countRemoteEligible(sql, s);
    if (remote > 0) hints.push({ kind: 'remote', label: `accepter les missions à distance : ${plural(remote)}`, delta: remote });
  }
  const slot = bestExtraSlot(s, ranked, pageIds);
  if (slot) hints.push({ kind: 'availability', label: `ajouter ${describeMask(slot.bit)} à vos disponibilités : ${plural(slot.delta)} dans vos suggestions`, delta: slot.delta });
  return hints;
}

/** The one availability slot whose addition brings the most new missions into the page (re-scored candidates). */
export function bestExtraSlot(s: Seeker, ranked: readonly RankedMission[], pageIds: readonly string[]): { bit: number; delta: number } | null {
  if (s.availabilityMask === 0 || ranked.length === 0) return null;
  const rows = ranked.map((r) => r.row);
  const current = new Set(pageIds);
  const size = pageIds.length;
  let best: { bit: number; delta: number } | null = null;
  // Only slots some candidate is scheduled on can change anything.
  const scheduled = rows.reduce((acc, r) => acc | r.schedule, 0);
  for (let d = 0; d < DAYS.length; d++) {
    for (let k = 0; k < SLOTS.length; k++) {
      const bit = 1 << (d * 3 + k);
      if (s.availabilityMask & bit || !(scheduled & bit)) continue;
      const reranked = rankCandidates(rows, { ...s, availabilityMask: s.availabilityMask | bit });
      const delta = reranked.slice(0, size).filter((r) => !current.has(r.row.id)).length;
      if (delta > 0 && (!best || delta > best.delta)) best = { bit, delta };
    }
  }
  return best;
}
