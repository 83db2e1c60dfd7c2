/**
 * HTTP contract of speed-dating sessions (persistence around the solver's contract in ./speed-dating.ts).
 * No Node-only imports: the web app uses these schemas for its forms.
 */
import { z } from 'zod';
import { IsoDate, Pagination, Uuid } from './common.ts';
import { Certificate, PreferenceLevel, Schedule } from './speed-dating.ts';

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');

const sessionFields = {
  territoryId: Uuid,
  title: z.string().trim().min(3, 'titre trop court').max(300),
  date: IsoDate,
  startTime: Hhmm,
  roundMinutes: z.int().min(1).max(240),
  breakMinutes: z.int().min(0).max(240).default(0),
  pauses: z.array(z.object({ afterRound: z.int().min(1), minutes: z.int().min(0).max(600) })).max(20).default([]),
  location: z.string().trim().max(500).optional(),
  rounds: z.int().min(1, 'au moins une ronde').max(100),
  tables: z.array(z.string().trim().min(1).max(100)).min(1, 'au moins une table').max(1000),
  minMeetings: z.int().min(0).max(100).default(0),
};

const uniqueTables = (s: { tables?: string[] }) => !s.tables || new Set(s.tables).size === s.tables.length;

export const SpeedDatingSessionCreate = z
  .object(sessionFields)
  .refine(uniqueTables, { message: 'deux tables portent le même nom', path: ['tables'] });
export type SpeedDatingSessionCreate = z.infer<typeof SpeedDatingSessionCreate>;

export const SpeedDatingSessionUpdate = z
  .object({ ...sessionFields, status: z.enum(['draft', 'scheduled', 'closed']) })
  .omit({ territoryId: true })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'aucun champ à modifier' })
  .refine(uniqueTables, { message: 'deux tables portent le même nom', path: ['tables'] });
export type SpeedDatingSessionUpdate = z.infer<typeof SpeedDatingSessionUpdate>;

export const ParticipantAdd = z
  .object({
    associationId: Uuid.optional(),
    companyId: Uuid.optional(),
    firstRound: z.int().min(1).optional(),
    lastRound: z.int().min(1).optional(),
  })
  .refine((p) => (p.associationId === undefined) !== (p.companyId === undefined), {
    message: 'une association OU une entreprise',
    path: ['associationId'],
  })
  .refine((p) => !p.firstRound || !p.lastRound || p.lastRound >= p.firstRound, { message: 'la dernière ronde précède la première', path: ['lastRound'] });
export type ParticipantAdd = z.infer<typeof ParticipantAdd>;

export const PreferenceSet = z.object({
  fromParticipantId: Uuid,
  toParticipantId: Uuid,
  /** null removes the stated preference (the fit score speaks again). */
  level: PreferenceLevel.nullable(),
});
export type PreferenceSet = z.infer<typeof PreferenceSet>;

export const LockSet = z.object({
  associationParticipantId: Uuid,
  companyParticipantId: Uuid,
  round: z.int().min(1),
  table: z.string().trim().min(1).max(100).optional(),
});
export type LockSet = z.infer<typeof LockSet>;

export const LockRemove = LockSet.pick({ associationParticipantId: true, companyParticipantId: true });
export type LockRemove = z.infer<typeof LockRemove>;

export const ReplanRequest = z.object({ fromRound: z.int().min(1), noShows: z.array(Uuid).max(2000).default([]) });
export type ReplanRequest = z.infer<typeof ReplanRequest>;

export const SessionParticipant = z.object({
  id: Uuid,
  side: z.enum(['association', 'company']),
  organisationId: Uuid,
  name: z.string(),
  firstRound: z.int().nullable(),
  lastRound: z.int().nullable(),
});
export type SessionParticipant = z.infer<typeof SessionParticipant>;

export const SpeedDatingSession = z.object({
  id: Uuid,
  territory: z.object({ id: Uuid, name: z.string() }),
  organiserId: Uuid.nullable(),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  roundMinutes: z.int(),
  breakMinutes: z.int(),
  pauses: z.array(z.object({ afterRound: z.int(), minutes: z.int() })),
  location: z.string().nullable(),
  rounds: z.int(),
  tables: z.array(z.string()),
  minMeetings: z.int(),
  status: z.enum(['draft', 'scheduled', 'closed']),
  participants: z.array(SessionParticipant),
  preferences: z.array(z.object({ fromParticipantId: Uuid, toParticipantId: Uuid, level: PreferenceLevel })),
  locks: z.array(LockSet),
  schedule: z.object({ version: z.int(), reason: z.string(), createdAt: z.string(), result: Schedule }).nullable(),
  isOrganiser: z.boolean(),
});
export type SpeedDatingSession = z.infer<typeof SpeedDatingSession>;

export const SpeedDatingSessionSummary = z.object({
  id: Uuid,
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  territory: z.object({ id: Uuid, name: z.string() }),
  status: z.string(),
  associations: z.int(),
  companies: z.int(),
  certificate: Certificate.nullable(),
});
export type SpeedDatingSessionSummary = z.infer<typeof SpeedDatingSessionSummary>;

export const SessionFilters = Pagination.extend({
  territory: Uuid.optional(),
  from: IsoDate.optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type SessionFilters = z.infer<typeof SessionFilters>;
