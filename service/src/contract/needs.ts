import { z } from 'zod';
import { Pagination, Uuid, queryList } from './common.ts';
import { OfferKind } from './offers.ts';
import { codeList, SkillCode, ThemeCode } from './vocabulary.ts';

/** The same kinds as companies' offers, so that a need and an offer can be matched kind to kind. */
export const NeedKind = OfferKind;
export type NeedKind = z.infer<typeof NeedKind>;
export const NeedStatus = z.enum(['open', 'met', 'closed'], { message: 'statut attendu : open, met ou closed' });
export type NeedStatus = z.infer<typeof NeedStatus>;

const needFields = {
  title: z.string().trim().min(3, 'titre trop court').max(200),
  description: z.string().trim().max(5000),
  skills: codeList(SkillCode, 15),
  themes: codeList(ThemeCode, 8),
  amountEur: z.number().int().min(1, 'montant positif attendu').max(100_000_000).nullable(),
};

export type NeedShape = { kind: NeedKind; description?: string; skills?: readonly string[]; amountEur?: number | null };

/** What each kind of need must say, as field issues (empty when valid); shared by create and the core's update check. */
export function needKindIssues(n: NeedShape): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (n.kind === 'financial' && n.amountEur == null) issues.push({ path: 'amountEur', message: 'montant requis pour un besoin de financement' });
  if (n.amountEur != null && n.kind !== 'financial' && n.kind !== 'in_kind') {
    issues.push({ path: 'amountEur', message: 'un montant ne concerne que les besoins de financement ou en nature' });
  }
  if ((n.kind === 'skills' || n.kind === 'board_member') && (n.skills?.length ?? 0) === 0) {
    issues.push({ path: 'skills', message: 'au moins une compétence recherchée' });
  }
  if (n.kind === 'in_kind' && (n.description ?? '').length === 0) issues.push({ path: 'description', message: 'décrivez le matériel recherché' });
  return issues;
}

export const NeedCreate = z
  .object({
    associationId: Uuid,
    kind: NeedKind,
    ...needFields,
    description: needFields.description.default(''),
    skills: needFields.skills.default([]),
    themes: needFields.themes.default([]),
    amountEur: needFields.amountEur.optional(),
  })
  .superRefine((n, ctx) => {
    for (const issue of needKindIssues(n)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type NeedCreate = z.infer<typeof NeedCreate>;

// The kind is fixed once created: another kind is another need.
export const NeedUpdate = z
  .object({ ...needFields, status: NeedStatus })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' });
export type NeedUpdate = z.infer<typeof NeedUpdate>;

export const Need = z.object({
  id: Uuid,
  association: z.object({ id: Uuid, name: z.string(), verification: z.string() }),
  territory: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  kind: NeedKind,
  title: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  themes: z.array(z.string()),
  amountEur: z.number().int().nullable(),
  status: NeedStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Need = z.infer<typeof Need>;

export const NeedFilters = Pagination.extend({
  association: Uuid.optional(),
  kind: queryList(NeedKind).optional(),
  theme: queryList(ThemeCode).optional(),
  skill: queryList(SkillCode).optional(),
  /** A need is in the territory of its association. */
  territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
  status: NeedStatus.optional(),
});
export type NeedFilters = z.infer<typeof NeedFilters>;
