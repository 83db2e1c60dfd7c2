import { z } from 'zod';
import { InseeCode, Pagination, Siren, Uuid, Verification } from './common.ts';

export const CompanySize = z.enum(['micro', 'sme', 'mid', 'large'], { message: 'taille attendue : micro, sme, mid ou large' });
export type CompanySize = z.infer<typeof CompanySize>;

const companyFields = {
  name: z.string().trim().min(2, 'nom trop court').max(200),
  sector: z.string().trim().max(200),
  description: z.string().trim().max(5000),
  communeInsee: InseeCode,
  size: CompanySize,
};

export const CompanyCreate = z.object({
  siren: Siren,
  ...companyFields,
  sector: companyFields.sector.default(''),
  description: companyFields.description.default(''),
  size: companyFields.size.default('sme'),
});
export type CompanyCreate = z.infer<typeof CompanyCreate>;

// The SIREN identifies the company: it is not editable (a different SIREN is a different company).
export const CompanyUpdate = z
  .object(companyFields)
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' });
export type CompanyUpdate = z.infer<typeof CompanyUpdate>;

export const Company = z.object({
  id: Uuid,
  siren: z.string(),
  name: z.string(),
  sector: z.string(),
  description: z.string(),
  territory: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  commune: z.object({ insee: z.string(), name: z.string(), lat: z.number(), lon: z.number() }),
  size: CompanySize,
  verification: Verification,
  openOffers: z.number().int(),
  createdAt: z.string(),
});
export type Company = z.infer<typeof Company>;

export const CompanyFilters = Pagination.extend({
  q: z.string().trim().min(1).max(200).optional(),
  territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
  sector: z.string().trim().min(1).max(200).optional(),
  verification: Verification.optional(),
});
export type CompanyFilters = z.infer<typeof CompanyFilters>;
