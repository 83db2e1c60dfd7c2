import { z } from 'zod';

/**
 * Weekly availability as a 21-bit mask: bit (day * 3 + slot), day 0 = lundi, slot 0 = matin,
 * 1 = après-midi, 2 = soir. The database stores the mask; the API speaks in day/slot pairs.
 */
export const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const SLOTS = ['matin', 'apres_midi', 'soir'] as const;
const SLOT_LABELS = { matin: 'matin', apres_midi: 'après-midi', soir: 'soir' } as const;

export const Day = z.enum(DAYS, { message: 'jour attendu : lundi … dimanche' });
export const Slot = z.enum(SLOTS, { message: 'créneau attendu : matin, apres_midi ou soir' });
export const AvailabilitySlot = z.object({ day: Day, slot: Slot });
export type AvailabilitySlot = z.infer<typeof AvailabilitySlot>;
export const Availability = z.array(AvailabilitySlot).max(21);
export type Availability = z.infer<typeof Availability>;

export const FULL_WEEK_MASK = (1 << 21) - 1;

export function toMask(slots: readonly AvailabilitySlot[]): number {
  let mask = 0;
  for (const s of slots) mask |= 1 << (DAYS.indexOf(s.day) * 3 + SLOTS.indexOf(s.slot));
  return mask;
}

export function fromMask(mask: number): AvailabilitySlot[] {
  const out: AvailabilitySlot[] = [];
  for (let d = 0; d < 7; d++) for (let s = 0; s < 3; s++) if (mask & (1 << (d * 3 + s))) out.push({ day: DAYS[d], slot: SLOTS[s] });
  return out;
}

export function countBits(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/** "le samedi matin et le dimanche après-midi", "tous les matins", "toute la semaine"… */
export function describeMask(mask: number): string {
  if (mask === 0) return 'aucun créneau';
  if (mask === FULL_WEEK_MASK) return 'toute la semaine';
  const parts: string[] = [];
  for (let d = 0; d < 7; d++) {
    const slots = SLOTS.filter((_, s) => mask & (1 << (d * 3 + s)));
    if (slots.length === 0) continue;
    parts.push(slots.length === 3 ? `le ${DAYS[d]} toute la journée` : `le ${DAYS[d]} ${slots.map((s) => SLOT_LABELS[s]).join(' et ')}`);
  }
  if (parts.length <= 2) return parts.join(' et ');
  return parts.slice(0, -1).join(', ') + ' et ' + parts[parts.length - 1];
}
