import { describeMask } from '../contract/availability.ts';
import type { Rng } from './prng.ts';
import { capitalise, fill } from './text.ts';
import type { ScheduleKind } from './vocabulary/activity.ts';
import { SLOT_HOURS } from './vocabulary/missions.ts';

// Masks per contract/availability.ts: bit (day * 3 + slot), day 0 = lundi, slot 0 = matin, 1 = après-midi, 2 = soir.
const bit = (day: number, slot: number) => 1 << (day * 3 + slot);
const WEEKDAYS = [0, 1, 2, 3, 4];
const SLOT_CODES = ['matin', 'apres_midi', 'soir'] as const;

function daysMask(days: readonly number[], slots: readonly number[]): number {
  let mask = 0;
  for (const d of days) for (const s of slots) mask |= bit(d, s);
  return mask;
}

/** A mission's weekly schedule: one or two precise slots, as associations post them. */
export function drawMissionSchedule(rng: Rng, kind: ScheduleKind): number {
  const fewDays = (pool: readonly number[]) => rng.sample(pool, rng.chance(0.7) ? 1 : 2);
  switch (kind) {
    case 'weekday_morning':
      return daysMask(fewDays(WEEKDAYS), [0]);
    case 'weekday_afternoon':
      return daysMask(fewDays(WEEKDAYS), [1]);
    case 'weekday_evening':
      return daysMask(fewDays(WEEKDAYS), [2]);
    case 'after_school':
      return rng.chance(0.3) ? bit(2, 1) : daysMask(fewDays([0, 1, 3, 4]), [1]);
    case 'saturday':
      return daysMask([5], rng.chance(0.6) ? [0] : rng.chance(0.5) ? [1] : [0, 1]);
    case 'weekend':
      return daysMask(rng.chance(0.5) ? [5, 6] : [rng.pick([5, 6])], rng.chance(0.5) ? [0, 1] : [rng.pick([0, 1])]);
    case 'flexible':
      return daysMask(WEEKDAYS, [2]) | daysMask([5, 6], [0, 1]);
    case 'event':
      return daysMask([5, 6], [0, 1, 2]);
  }
}

/** A citizen's availability: broader than a mission's (several days), drawn from one or two kinds. */
export function drawAvailability(rng: Rng, kinds: readonly ScheduleKind[]): number {
  let mask = 0;
  for (const kind of kinds) {
    const someDays = (pool: readonly number[]) => rng.sample(pool, rng.int(2, pool.length));
    switch (kind) {
      case 'weekday_morning':
        mask |= daysMask(someDays(WEEKDAYS), [0]);
        break;
      case 'weekday_afternoon':
        mask |= daysMask(someDays(WEEKDAYS), [1]);
        break;
      case 'weekday_evening':
        mask |= daysMask(someDays(WEEKDAYS), [2]);
        break;
      case 'after_school':
        mask |= daysMask(someDays([0, 1, 3, 4]), [1]) | bit(2, 1);
        break;
      case 'saturday':
        mask |= daysMask([5], [0, 1]);
        break;
      case 'weekend':
        mask |= daysMask([5, 6], rng.chance(0.5) ? [0, 1] : [0, 1, 2]);
        break;
      case 'flexible':
        mask |= daysMask(WEEKDAYS, [2]) | daysMask([5, 6], [0, 1]);
        break;
      case 'event':
        mask |= daysMask([5, 6], [0, 1]);
        break;
    }
  }
  return mask;
}

/** "Quand ? Le mardi matin, de 9 h à 12 h." — the text agrees with the mask it describes. */
export function describeSchedule(rng: Rng, kind: ScheduleKind, mask: number, eventDay: string | null): string {
  if (kind === 'flexible') return 'Quand ? À votre rythme, en soirée ou le week-end.';
  if (kind === 'event' && eventDay) return `Quand ? Le week-end du ${eventDay}, de 9 h à 19 h (vous choisissez vos créneaux).`;
  const slots = SLOT_CODES.filter((_, s) => daysMask([0, 1, 2, 3, 4, 5, 6], [s]) & mask);
  const hours = slots.length === 1 ? `, ${rng.pick(SLOT_HOURS[slots[0]])}` : '';
  const when = describeMask(mask);
  return fill(rng.pick(['Quand ? {When}{hours}.', 'Rendez-vous {when}{hours}.', 'Créneau : {when}{hours}.']), { when, When: capitalise(when), hours });
}
