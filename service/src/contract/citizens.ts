import { z } from 'zod';
import { Availability } from './availability.ts';
import { InseeCode, Pagination, Uuid, queryBoolean, queryList } from './common.ts';
import { AccessibilityCode, codeList, SkillCode, ThemeCode } from './vocabulary.ts';

export const DigestFrequency = z.enum(['never', 'daily', 'weekly'], { message: 'fréquence attendue : never, daily ou weekly' });
export type DigestFrequency = z.infer<typeof DigestFrequency>;

/** ISO 639-1/639-3 language code, lower case (fr, en, ar, lsf…). */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'code de langue attendu (ISO 639, par exemple fr)');

const citizenFields = {
  firstName: z.string().trim().min(1, 'prénom requis').max(80, 'prénom trop long'),
  birthYear: z
    .number()
    .int()
    .min(1900, 'année de naissance invalide')
    .refine((y) => y <= new Date().getUTCFullYear(), 'année de naissance dans le futur')
    .nullable(),
  wish: z.string().trim().max(4000, 'texte trop long (4 000 caractères au plus)'),
  skills: codeList(SkillCode, 30),
  themes: codeList(ThemeCode, 18),
  availability: Availability,
  communeInsee: InseeCode,
  radiusKm: z.number().min(0, 'rayon entre 0 et 200 km').max(200, 'rayon entre 0 et 200 km'),
  languages: z.array(LanguageCode).min(1, 'au moins une langue').max(10),
  accessibilityNeeds: codeList(AccessibilityCode, 10),
  acceptsRemote: z.boolean(),
  isVisibleToAssociations: z.boolean(),
  isOpenToBoardRoles: z.boolean(),
  digest: DigestFrequency,
};

export const CitizenProfileCreate = z.object({
  ...citizenFields,
  birthYear: citizenFields.birthYear.optional(),
  wish: citizenFields.wish.default(''),
  skills: citizenFields.skills.default([]),
  themes: citizenFields.themes.default([]),
  availability: citizenFields.availability.default([]),
  radiusKm: citizenFields.radiusKm.default(10),
  languages: citizenFields.languages.default(['fr']),
  accessibilityNeeds: citizenFields.accessibilityNeeds.default([]),
  acceptsRemote: citizenFields.acceptsRemote.default(true),
  // Privacy by default: associations do not see a profile until its owner says so.
  isVisibleToAssociations: citizenFields.isVisibleToAssociations.default(false),
  isOpenToBoardRoles: citizenFields.isOpenToBoardRoles.default(false),
  digest: citizenFields.digest.default('never'),
});
export type CitizenProfileCreate = z.infer<typeof CitizenProfileCreate>;

export const CitizenProfileUpdate = z
  .object(citizenFields)
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' });
export type CitizenProfileUpdate = z.infer<typeof CitizenProfileUpdate>;

/** A citizen's profile as its owner (or a platform admin) sees it. Never carries the account's e-mail. */
export const CitizenProfile = z.object({
  id: Uuid,
  firstName: z.string(),
  birthYear: z.number().int().nullable(),
  wish: z.string(),
  skills: z.array(z.string()),
  themes: z.array(z.string()),
  availability: Availability,
  availabilityLabel: z.string(),
  commune: z.object({ insee: z.string(), name: z.string(), lat: z.number(), lon: z.number() }),
  territory: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  radiusKm: z.number(),
  languages: z.array(z.string()),
  accessibilityNeeds: z.array(z.string()),
  acceptsRemote: z.boolean(),
  isVisibleToAssociations: z.boolean(),
  isOpenToBoardRoles: z.boolean(),
  digest: DigestFrequency,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CitizenProfile = z.infer<typeof CitizenProfile>;

/** Platform admins only: there is no public listing of citizens. */
export const CitizenProfileFilters = Pagination.extend({
  territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
  theme: queryList(ThemeCode).optional(),
  skill: queryList(SkillCode).optional(),
  visible: queryBoolean.optional(),
});
export type CitizenProfileFilters = z.infer<typeof CitizenProfileFilters>;
