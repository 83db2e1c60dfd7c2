import type { Rng } from './prng.ts';

/** Fills `{slot}` placeholders; unknown slots are left as they are so a missing value shows in review. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export const capitalise = (s: string) => (s ? s[0].toLocaleUpperCase('fr-FR') + s.slice(1) : s);

/** Agrees inclusive forms in a first-person text: "motivé·e" -> "motivée" or "motivé". */
export function agree(text: string, gender: 'f' | 'm'): string {
  return text.replace(/(\p{L}+)·e\b/gu, (_, stem: string) => (gender === 'f' ? stem + 'e' : stem));
}

/** "a", "a et b", "a, b et c". */
export function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' et ' + items[items.length - 1];
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** "samedi 14 mars" (UTC date). */
export function formatDayFr(d: Date): string {
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate() === 1 ? '1er' : d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** A moment between `minDays` and `maxDays` before the reference date, at a plausible hour. */
export function daysBefore(rng: Rng, reference: Date, minDays: number, maxDays: number): Date {
  const day = addDays(reference, -rng.int(minDays, maxDays));
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), rng.int(7, 21), rng.int(0, 59), rng.int(0, 59)));
}

/** French contractions after filling slots: "de le" -> "du", "à le" -> "au", "de les" -> "des". */
export function contract(text: string): string {
  return text
    .replace(/\bde le\b/g, 'du')
    .replace(/\bà le\b/g, 'au')
    .replace(/\bde les\b/g, 'des')
    .replace(/\bà les\b/g, 'aux')
    .replace(/\bde des\b/g, 'des')
    .replace(/\b([dD])e ([aeiouyéèêàâîôûAEIOUYÉ])/g, "$1'$2")
    .replace(/\b([qQ])ue ([aeiouyéèêàâîôûAEIOUYÉ])/g, "$1u'$2");
}

/** "la Meinau" -> "Meinau", for names ("Coup de Pouce Meinau"). */
export const bareName = (place: string) => place.replace(/^(la |le |les |l')/, '');
