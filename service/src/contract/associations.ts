import { z } from 'zod';
import { InseeCode, Pagination, Rna, Siren, Uuid, Verification, queryList } from './common.ts';
import { codeList, ThemeCode } from './vocabulary.ts';

export const AssociationSize = z.enum(['volunteers_only', 'small', 'medium', 'large']);

const associationFields = {
  rna: Rna.optional(),
  siren: Siren.optional(),
  name: z.string().trim().min(2, 'nom trop court').max(200),
  purpose: z.string().trim().max(5000).default(''),
  themes: codeList(ThemeCode, 10).default([]),
  communeInsee: InseeCode,
  size: AssociationSize.default('small'),
  contactEmail: z.email('adresse e-mail invalide').max(200).optional(),
  website: z.url('adresse web invalide').max(300).optional(),
};

export const AssociationCreate = z
  .object(associationFields)
  .refine((a) => a.rna || a.siren, { message: 'numéro RNA ou SIREN requis', path: ['rna'] });
export type AssociationCreate = z.infer<typeof AssociationCreate>;

export const AssociationUpdate = z
  .object({
    name: associationFields.name,
    purpose: z.string().trim().max(5000),
    themes: codeList(ThemeCode, 10),
    communeInsee: InseeCode,
    size: AssociationSize,
    contactEmail: associationFields.contactEmail.nullable(),
    website: associationFields.website.nullable(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' });
export type AssociationUpdate = z.infer<typeof AssociationUpdate>;

export const Association = z.object({
  id: Uuid,
  rna: z.string().nullable(),
  siren: z.string().nullable(),
  name: z.string(),
  purpose: z.string(),
  themes: z.array(z.string()),
  territory: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  commune: z.object({ insee: z.string(), name: z.string(), lat: z.number(), lon: z.number() }),
  size: AssociationSize,
  verification: Verification,
  contactEmail: z.string().nullable(),
  website: z.string().nullable(),
  responseHours: z.number().nullable(),
  openMissions: z.number().int(),
  createdAt: z.string(),
});
export type Association = z.infer<typeof Association>;

export const AssociationFilters = Pagination.extend({
  q: z.string().trim().min(1).max(200).optional(),
  territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
  theme: queryList(ThemeCode).optional(),
  verification: Verification.optional(),
});
export type AssociationFilters = z.infer<typeof AssociationFilters>;
