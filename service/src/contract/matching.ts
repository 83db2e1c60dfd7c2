import { z } from 'zod';
import { Availability } from './availability.ts';
import { InseeCode, Uuid, queryBoolean } from './common.ts';
import { AccessibilityCode, codeList, SkillCode, ThemeCode } from './vocabulary.ts';

export const ComponentKey = z.enum(['semantic', 'text', 'skills', 'distance', 'availability', 'themes', 'capacity', 'responsiveness', 'freshness']);

/** One criterion of a suggestion: its French label and sentence, its value in [0, 1], weight and contribution. */
export const ScoreComponent = z.object({
  key: ComponentKey,
  label: z.string(),
  detail: z.string(),
  value: z.number(),
  weight: z.number(),
  contribution: z.number(),
});
export type ScoreComponent = z.infer<typeof ScoreComponent>;

export const WhatIfHint = z.object({
  kind: z.enum(['radius', 'remote', 'availability']),
  label: z.string(),
  delta: z.number().int(),
});
export type WhatIfHint = z.infer<typeof WhatIfHint>;

export const MissionSuggestion = z.object({
  rank: z.number().int(),
  score: z.number(),
  /** 'exposure' when the mission was promoted because nobody has applied yet (minimum exposure). */
  placement: z.enum(['score', 'exposure']),
  summary: z.string(),
  components: z.array(ScoreComponent),
  mission: z.object({
    id: Uuid,
    title: z.string(),
    association: z.object({ id: Uuid, name: z.string() }),
    commune: z.string().nullable(),
    isRemote: z.boolean(),
    placesLeft: z.number().int(),
    distanceKm: z.number().nullable(),
  }),
});
export type MissionSuggestion = z.infer<typeof MissionSuggestion>;

export const MissionSuggestions = z.object({
  items: z.array(MissionSuggestion),
  weightsVersion: z.string(),
  source: z.enum(['live', 'precomputed']),
  computedAt: z.string(),
  hints: z.array(WhatIfHint),
});
export type MissionSuggestions = z.infer<typeof MissionSuggestions>;

const limit = z.coerce.number().int().min(1, 'au moins 1').max(50, 'au plus 50').default(20);

/** A wish typed by anyone, signed in or not: where, how far, when. */
export const WishSuggestRequest = z
  .object({
    wish: z.string().trim().min(3, 'décrivez en quelques mots ce que vous aimeriez faire').max(2000, 'souhait trop long (2 000 caractères au plus)'),
    communeInsee: InseeCode.optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    radiusKm: z.number().min(0, 'le rayon ne peut pas être négatif').max(200, 'rayon de 200 km au plus').default(10),
    availability: Availability.default([]),
    skills: codeList(SkillCode, 30).default([]),
    themes: codeList(ThemeCode, 18).default([]),
    accessibilityNeeds: codeList(AccessibilityCode, 5).default([]),
    acceptsRemote: z.boolean().default(true),
    age: z.number().int().min(0).max(120).optional(),
    limit,
    whatIf: z.boolean().default(true),
  })
  .refine((r) => r.communeInsee !== undefined || (r.lat !== undefined && r.lon !== undefined), {
    message: 'indiquez une commune (code INSEE) ou des coordonnées (lat, lon)',
    path: ['communeInsee'],
  })
  .refine((r) => (r.lat === undefined) === (r.lon === undefined), { message: 'lat et lon vont ensemble', path: ['lon'] });
export type WishSuggestRequest = z.infer<typeof WishSuggestRequest>;

export const MySuggestionsQuery = z.object({
  limit,
  whatIf: queryBoolean.default(true),
  /** Ignore the precomputed set and rank live. */
  live: queryBoolean.default(false),
});
export type MySuggestionsQuery = z.infer<typeof MySuggestionsQuery>;

/** A citizen as an association sees them before they answer: first name, commune and why they fit. */
export const VolunteerSuggestion = z.object({
  rank: z.number().int(),
  citizenId: Uuid,
  firstName: z.string(),
  commune: z.string(),
  score: z.number(),
  summary: z.string(),
  components: z.array(ScoreComponent),
  invitation: z.object({ id: Uuid, status: z.enum(['pending', 'accepted', 'declined']) }).nullable(),
});
export type VolunteerSuggestion = z.infer<typeof VolunteerSuggestion>;

export const VolunteerSuggestions = z.object({ items: z.array(VolunteerSuggestion), weightsVersion: z.string() });
export type VolunteerSuggestions = z.infer<typeof VolunteerSuggestions>;

export const VolunteerSuggestQuery = z.object({ limit });

export const InvitationCreate = z.object({ citizenId: Uuid, message: z.string().trim().max(1000).default('') });
export type InvitationCreate = z.infer<typeof InvitationCreate>;

export const Invitation = z.object({
  id: Uuid,
  mission: z.object({ id: Uuid, title: z.string() }),
  association: z.object({ id: Uuid, name: z.string() }),
  citizenId: Uuid,
  message: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  applicationId: Uuid.nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

export const ExposureQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

export const ExposureReport = z.object({
  territory: z.string(),
  days: z.number().int(),
  impressions: z.number().int(),
  associations: z.number().int(),
  /** Gini coefficient of impressions over associations with open missions (0 = equal exposure). */
  gini: z.number(),
  /** Share of impressions taken by the most exposed tenth of associations. */
  topDecileShare: z.number(),
  missionsWithoutImpression: z.number().int(),
});
export type ExposureReport = z.infer<typeof ExposureReport>;

/** Why one mission fits (or not) the signed-in citizen: the same score and criteria as in their suggestions. */
export const MissionMatch = z.object({
  missionId: Uuid,
  /** false when a hard constraint excludes the mission; `exclusions` then says which, in French. */
  isEligible: z.boolean(),
  exclusions: z.array(z.string()),
  score: z.number(),
  summary: z.string(),
  components: z.array(ScoreComponent),
  weightsVersion: z.string(),
});
export type MissionMatch = z.infer<typeof MissionMatch>;
