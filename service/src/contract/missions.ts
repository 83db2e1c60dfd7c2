import { z } from 'zod';
import { Availability } from './availability.ts';
import { InseeCode, IsoDate, Pagination, Uuid, queryBoolean, queryList } from './common.ts';
import { AccessibilityCode, codeList, SkillCode, ThemeCode } from './vocabulary.ts';

export const MissionStatus = z.enum(['draft', 'open', 'closed']);
export type MissionStatus = z.infer<typeof MissionStatus>;

const missionFields = {
  title: z.string().trim().min(3, 'titre trop court').max(200),
  description: z.string().trim().min(1, 'description requise').max(10_000),
  skills: codeList(SkillCode, 15),
  themes: codeList(ThemeCode, 8),
  isRemote: z.boolean(),
  communeInsee: InseeCode.nullable(),
  schedule: Availability,
  places: z.number().int().min(1).max(10_000),
  startsOn: IsoDate.nullable(),
  endsOn: IsoDate.nullable(),
  minAge: z.number().int().min(0).max(99),
  accessibility: codeList(AccessibilityCode, 10),
};

const datesInOrder = (m: { startsOn?: string | null; endsOn?: string | null }) => !m.startsOn || !m.endsOn || m.endsOn >= m.startsOn;
const placeOrRemote = (m: { isRemote?: boolean; communeInsee?: string | null }) => m.isRemote || !!m.communeInsee;

export const MissionCreate = z
  .object({
    associationId: Uuid,
    ...missionFields,
    skills: missionFields.skills.default([]),
    themes: missionFields.themes.default([]),
    isRemote: missionFields.isRemote.default(false),
    communeInsee: missionFields.communeInsee.optional(),
    schedule: missionFields.schedule.default([]),
    places: missionFields.places.default(1),
    startsOn: missionFields.startsOn.optional(),
    endsOn: missionFields.endsOn.optional(),
    minAge: missionFields.minAge.default(0),
    accessibility: missionFields.accessibility.default([]),
    status: z.enum(['draft', 'open']).default('open'),
  })
  .refine(datesInOrder, { message: 'la date de fin précède la date de début', path: ['endsOn'] })
  .refine(placeOrRemote, { message: 'une commune est requise pour une mission sur place', path: ['communeInsee'] });
export type MissionCreate = z.infer<typeof MissionCreate>;

export const MissionUpdate = z
  .object({ ...missionFields, status: MissionStatus })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' })
  .refine(datesInOrder, { message: 'la date de fin précède la date de début', path: ['endsOn'] });
export type MissionUpdate = z.infer<typeof MissionUpdate>;

export const Mission = z.object({
  id: Uuid,
  association: z.object({ id: Uuid, name: z.string(), verification: z.string(), responseHours: z.number().nullable() }),
  title: z.string(),
  description: z.string(),
  skills: z.array(z.string()),
  themes: z.array(z.string()),
  isRemote: z.boolean(),
  commune: z.object({ insee: z.string(), name: z.string(), lat: z.number(), lon: z.number() }).nullable(),
  territory: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  schedule: Availability,
  scheduleLabel: z.string(),
  places: z.number().int(),
  placesLeft: z.number().int(),
  pendingApplications: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  minAge: z.number().int(),
  accessibility: z.array(z.string()),
  status: MissionStatus,
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mission = z.infer<typeof Mission>;

export const MissionFilters = Pagination.extend({
  q: z.string().trim().min(1).max(200).optional(),
  territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
  association: Uuid.optional(),
  theme: queryList(ThemeCode).optional(),
  skill: queryList(SkillCode).optional(),
  remote: queryBoolean.optional(),
  status: MissionStatus.optional(),
});
export type MissionFilters = z.infer<typeof MissionFilters>;
