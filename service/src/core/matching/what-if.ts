import { DAYS, SLOTS, describeMask } from '../../contract/availability.ts';
import type { WhatIfHint } from '../../contract/matching.ts';
import type { Queryable } from '../../db/database.ts';
import { countBits } from '../../contract/availability.ts';
import { countAddedByRadius, countRemoteEligible, type Seeker } from './candidates.sql.ts';
import type { RankedMission } from './rank.ts';
import { MATCHING_WEIGHTS, componentValues } from './score.ts';

const MAX_RADIUS_KM = 200;

/** The radius a "widen" hint proposes: double, at least +10 km, at most 200 km. */
export function widerRadius(radiusKm: number): number {
  return Math.min(MAX_RADIUS_KM, Math.max(Math.round(radiusKm * 2), Math.round(radiusKm) + 10));
}

const plural = (n: number) => `+${n} mission${n > 1 ? 's' : ''}`;
/** Added missions are counted up to this many (the hint then says "ou plus"): bounded queries. */
export const HINT_COUNT_CAP = 200;
const atLeast = (n: number) => `${plural(n)}${n >= HINT_COUNT_CAP ? ' ou plus' : ''}`;

/**
 * Hints that would change the result, each with how much: a wider radius (more missions pass the filters),
 * accepting remote missions, one more availability slot (more missions enter the page once re-scored).
 * Only hints with a positive effect are returned.
 */
export async function computeWhatIf(sql: Queryable, s: Seeker, ranked: readonly RankedMission[], pageIds: readonly string[]): Promise<WhatIfHint[]> {
  const hints: WhatIfHint[] = [];
  if (s.radiusKm < MAX_RADIUS_KM) {
    const wider = widerRadius(s.radiusKm);
    const delta = await countAddedByRadius(sql, s, wider, HINT_COUNT_CAP);
    if (delta > 0) hints.push({ kind: 'radius', label: `élargir à ${wider} km : ${atLeast(delta)}`, delta });
  }
  if (!s.acceptsRemote) {
    const remote = await countRemoteEligible(sql, s, HINT_COUNT_CAP);
    if (remote > 0) hints.push({ kind: 'remote', label: `accepter les missions à distance : ${atLeast(remote)}`, delta: remote });
  }
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
  let best: { bit: number; delta: number } | null = null;
  for (let d = 0; d < DAYS.length; d++) {
    for (let k = 0; k < SLOTS.length; k++) {
      const bit = 1 << (d * 3 + k);
      if (s.availabilityMask & bit || !(scheduled & bit)) continue;
      const mask = s.availabilityMask | bit;
      const rescored = ranked.map((r) => {
        const bits = countBits(r.row.schedule);
        if (bits === 0 || !(r.row.schedule & bit)) return { id: r.row.id, score: r.scored.score };
        const before = componentValues(r.facts).availability;
        const after = countBits(r.row.schedule & mask) / bits;
        return { id: r.row.id, score: r.scored.score + r.scored.relevance * w * (after - before) };
      });
      rescored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      const delta = rescored.slice(0, size).filter((r) => !current.has(r.id)).length;
      if (delta > 0 && (!best || delta > best.delta)) best = { bit, delta };
    }
  }
  return best;
}
