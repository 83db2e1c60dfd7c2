import { z } from 'zod';

export const Uuid = z.uuid({ message: 'identifiant invalide (UUID attendu)' });
export type Uuid = z.infer<typeof Uuid>;

export const IdParams = z.object({ id: Uuid });
export type IdParams = z.infer<typeof IdParams>;

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type Pagination = z.infer<typeof Pagination>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

/** A query-string list: `?theme=a&theme=b` or `?theme=a,b`. */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const Rna = z.string().regex(/^W\d{9}$/, 'numéro RNA attendu : W suivi de 9 chiffres');

/** SIREN: 9 digits with a valid Luhn checksum. */
export const Siren = z
  .string()
  .regex(/^\d{9}$/, 'SIREN attendu : 9 chiffres')
  .refine(isLuhnValid, 'SIREN invalide (clé de contrôle)');

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const InseeCode = z.string().regex(/^(\d{5}|2A\d{3}|2B\d{3})$/, 'code commune INSEE attendu (5 caractères)');

export const IsoDate = z.iso.date({ message: 'date attendue au format AAAA-MM-JJ' });

export const Verification = z.enum(['pending', 'verified', 'suspended']);
export type Verification = z.infer<typeof Verification>;
