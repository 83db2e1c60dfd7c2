import { z } from 'zod';
import { IsoDate, Pagination, Uuid, queryList } from './common.ts';
import { codeList, SkillCode, ThemeCode } from './vocabulary.ts';

/** What a company offers (mécénat de compétences, financier, journée solidaire, en nature, administrateur). */
export const OfferKind = z.enum(['skills', 'financial', 'team_day', 'in_kind', 'board_member'], {
  message: 'type attendu : skills, financial, team_day, in_kind ou board_member',
});
export type OfferKind = z.infer<typeof OfferKind>;
export const OfferStatus = z.enum(['draft', 'open', 'closed']);
export type OfferStatus = z.infer<typeof OfferStatus>;

const TerritoryCode = z.string().regex(/^[a-z0-9-]+$/, 'code de territoire invalide').max(60);

const offerFields = {
  title: z.string().trim().min(3, 'titre trop court').max(200),
  description: z.string().trim().max(5000),
  skills: codeList(SkillCode, 15),
  themes: codeList(ThemeCode, 8),
  /** Codes of the territories served; empty means the company's own territory. */
  territories: z.array(TerritoryCode).max(50),
  hours: z.number().int().min(1).max(100_000).nullable(),
  budgetMinEur: z.number().int().min(0).max(100_000_000).nullable(),
  budgetMaxEur: z.number().int().min(0).max(100_000_000).nullable(),
  people: z.number().int().min(1).max(10_000).nullable(),
  capacity: z.number().int().min(1).max(1000),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
};

export type OfferShape = {
  kind: OfferKind;
  description?: string;
  skills?: readonly string[];
  hours?: number | null;
  budgetMinEur?: number | null;
  budgetMaxEur?: number | null;
  people?: number | null;
  startsOn?: string | null;
  endsOn?: string | null;
};

/**
 * What each kind of offer must say, as field issues (empty when valid). Shared by the create schema and by
 * the core, which checks the merged result of an update the same way.
 */
export function offerKindIssues(o: OfferShape): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const need = (ok: boolean, path: string, message: string) => ok || issues.push({ path, message });
  switch (o.kind) {
    case 'skills':
      need((o.skills?.length ?? 0) > 0, 'skills', 'au moins une compétence pour un mécénat de compétences');
      need(o.hours != null, 'hours', 'nombre d’heures requis pour un mécénat de compétences');
      break;
    case 'financial':
      need(o.budgetMinEur != null, 'budgetMinEur', 'budget minimum requis pour un mécénat financier');
      need(o.budgetMaxEur != null, 'budgetMaxEur', 'budget maximum requis pour un mécénat financier');
      break;
    case 'team_day':
      need(o.people != null, 'people', 'nombre de personnes requis pour une journée solidaire');
      need(o.startsOn != null, 'startsOn', 'date de début requise pour une journée solidaire');
      need(o.endsOn != null, 'endsOn', 'date de fin requise pour une journée solidaire');
      break;
    case 'in_kind':
      need((o.description ?? '').length > 0, 'description', 'décrivez ce qui est donné ou prêté');
      break;
    case 'board_member':
      need((o.skills?.length ?? 0) > 0, 'skills', 'au moins une compétence apportée au conseil d’administration');
      break;
  }
  if (o.budgetMinEur != null && o.budgetMaxEur != null && o.budgetMaxEur < o.budgetMinEur) {
    issues.push({ path: 'budgetMaxEur', message: 'le budget maximum est inférieur au minimum' });
  }
  if (o.startsOn && o.endsOn && o.endsOn < o.startsOn) issues.push({ path: 'endsOn', message: 'la date de fin précède la date de début' });
  return issues;
}

export const OfferCreate = z
  .object({
    companyId: Uuid,
    kind: OfferKind,
    ...offerFields,
    description: offerFields.description.default(''),
    skills: offerFields.skills.default([]),
    themes: offerFields.themes.default([]),
    territories: offerFields.territories.default([]),
    hours: offerFields.hours.optional(),
    budgetMinEur: offerFields.budgetMinEur.optional(),
    budgetMaxEur: offerFields.budgetMaxEur.optional(),
    people: offerFields.people.optional(),
    capacity: offerFields.capacity.default(1),
    startsOn: offerFields.startsOn.optional(),
    endsOn: offerFields.endsOn.optional(),
    status: z.enum(['draft', 'open']).default('open'),
  })
  .superRefine((o, ctx) => {
    for (const issue of offerKindIssues(o)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type OfferCreate = z.infer<typeof OfferCreate>;

// The kind is fixed once created: another kind is another offer.
export const OfferUpdate = z
  .object({ ...offerFields, status: OfferStatus })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' });
export type OfferUpdate = z.infer<typeof OfferUpdate>;

const TerritoryRef = z.object({ id: Uuid, code: z.string(), name: z.string() });

export const Offer = z.object({
  id: Uuid,
  company: z.object({ id: Uuid, name: z.string(), verification: z.string() }),
  kind: OfferKind,
  title: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  themes: z.array(z.string()),
  territories: z.array(TerritoryRef),
  /** True when the offer names no territory and so serves the company's own. */
  isCompanyTerritory: z.boolean(),
  hours: z.number().int().nullable(),
  budgetMinEur: z.number().int().nullable(),
  budgetMaxEur: z.number().int().nullable(),
  people: z.number().int().nullable(),
  capacity: z.number().int(),
  capacityLeft: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: OfferStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferFilters = Pagination.extend({
  kind: queryList(OfferKind).optional(),
  theme: queryList(ThemeCode).optional(),
  skill: queryList(SkillCode).optional(),
  territory: TerritoryCode.optional(),
  company: Uuid.optional(),
  /** Only the company's members (and staff) see drafts and closed offers; the public sees open ones. */
  status: OfferStatus.optional(),
});
export type OfferFilters = z.infer<typeof OfferFilters>;
