/**
 * Speed-dating sessions (association x company): solver input and output, shared by service and web.
 * No Node-only imports here: the web app validates forms and reads results with these schemas.
 * Rounds are numbered from 1. Times are local to Europe/Paris.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(200);

/** Optional presence window: first and last round attended (default: every round). */
export const Participant = z.object({
  id: Id,
  name: z.string().min(1).max(300),
  firstRound: z.int().min(1).optional(),
  lastRound: z.int().min(1).optional(),
});
export type Participant = z.infer<typeof Participant>;

/** "must" = à rencontrer absolument, "interested" = intéressé, "no" = non merci. Unstated = no entry. */
export const PreferenceLevel = z.enum(['must', 'interested', 'no']);
export type PreferenceLevel = z.infer<typeof PreferenceLevel>;

/** A wish of `from` about `to` (one association and one company, in either direction). */
export const Preference = z.object({ from: Id, to: Id, level: PreferenceLevel });
export type Preference = z.infer<typeof Preference>;

/** Automatic fit score of a pair in [0,1] (computed elsewhere); fills in what people did not say. */
export const FitScore = z.object({ associationId: Id, companyId: Id, fit: z.number().min(0).max(1) });
export type FitScore = z.infer<typeof FitScore>;

/** A meeting fixed by the organiser: the pair meets in this round (and at this table if given). */
export const Lock = z.object({
  associationId: Id,
  companyId: Id,
  round: z.int().min(1),
  table: z.string().min(1).optional(),
});
export type Lock = z.infer<typeof Lock>;

const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format HH:MM attendu');

/** Wall-clock timing of the session, used for agendas and .ics files. */
export const SessionTiming = z.object({
  date: z.iso.date(),
  startTime: Hhmm,
  roundMinutes: z.int().min(1).max(240),
  /** Changeover between two consecutive rounds. */
  breakMinutes: z.int().min(0).max(240).default(0),
  /** Longer pauses, e.g. a coffee break after round 6 (replaces the changeover there). */
  pauses: z.array(z.object({ afterRound: z.int().min(1), minutes: z.int().min(0).max(600) })).default([]),
  location: z.string().max(500).optional(),
});
export type SessionTiming = z.infer<typeof SessionTiming>;

export const SessionInput = z.object({
  sessionId: Id,
  title: z.string().min(1).max(300).default('Speed-dating associations x entreprises'),
  rounds: z.int().min(1).max(100),
  /** Table names; at most one meeting per table per round. */
  tables: z.array(z.string().min(1).max(100)).min(1).max(1000),
  associations: z.array(Participant).min(1).max(2000),
  companies: z.array(Participant).min(1).max(2000),
  preferences: z.array(Preference).default([]),
  fits: z.array(FitScore).default([]),
  /** Target number of meetings for everyone present (met where feasible; shortfalls are reported). */
  minMeetings: z.int().min(0).max(100).default(0),
  locks: z.array(Lock).default([]),
  timing: SessionTiming.optional(),
});
export type SessionInput = z.infer<typeof SessionInput>;
export type SessionInputDraft = z.input<typeof SessionInput>;

export const Meeting = z.object({
  round: z.int().min(1),
  table: z.string(),
  associationId: Id,
  companyId: Id,
  /** Pair weight (points, see weights version), without bonuses. */
  weight: z.number(),
  isMust: z.boolean(),
  isLocked: z.boolean(),
});
export type Meeting = z.infer<typeof Meeting>;

export const TimetableRound = z.object({
  round: z.int(),
  slots: z.array(z.object({ table: z.string(), associationId: Id.nullable(), companyId: Id.nullable() })),
});
export type TimetableRound = z.infer<typeof TimetableRound>;

export const AgendaEntry = z.object({ round: z.int(), table: z.string(), partnerId: Id, partnerName: z.string() });
export type AgendaEntry = z.infer<typeof AgendaEntry>;

export const Agenda = z.object({
  participantId: Id,
  side: z.enum(['association', 'company']),
  entries: z.array(AgendaEntry),
  /** Rounds attended without a meeting (free time). */
  freeRounds: z.array(z.int()),
});
export type Agenda = z.infer<typeof Agenda>;

export const SolveMethod = z.enum(['flow-colouring', 'milp', 'bounded-heuristic']);
export type SolveMethod = z.infer<typeof SolveMethod>;

/**
 * Optimality certificate. `objective` is the value the solver maximised (pair weights + minimum bonus
 * + keep bonus when re-planning); `upperBound` is a proven bound on any feasible schedule; gap = bound - objective.
 */
export const Certificate = z.object({
  method: SolveMethod,
  objective: z.number(),
  upperBound: z.number(),
  gap: z.number(),
  isOptimal: z.boolean(),
  pairValue: z.number(),
  minimumBonus: z.number(),
  keepBonus: z.number(),
  /** "must" pairs met in the planned rounds, and the most that any schedule could meet (flow bound; exact
   *  without windows and locks). placed < maxPossible means the weights traded a must for other meetings. */
  mustMeetings: z.object({ placed: z.int(), maxPossible: z.int() }),
  explanation: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

export const UnscheduledReason = z.enum([
  'declined',
  'absent',
  'no-common-round',
  'capacity',
  'session-full',
  'lower-value',
]);
export type UnscheduledReason = z.infer<typeof UnscheduledReason>;

export const UnscheduledPair = z.object({
  associationId: Id,
  companyId: Id,
  reason: UnscheduledReason,
  message: z.string(),
  isMust: z.boolean(),
});
export type UnscheduledPair = z.infer<typeof UnscheduledPair>;

export const Shortfall = z.object({
  participantId: Id,
  meetings: z.int(),
  minimum: z.int(),
  reason: z.enum(['window-too-short', 'too-few-acceptable-partners', 'session-capacity', 'absent']),
  message: z.string(),
});
export type Shortfall = z.infer<typeof Shortfall>;

export const Schedule = z.object({
  sessionId: Id,
  weightsVersion: z.string(),
  rounds: z.int(),
  meetings: z.array(Meeting),
  timetable: z.array(TimetableRound),
  agendas: z.array(Agenda),
  certificate: Certificate,
  unscheduled: z.array(UnscheduledPair),
  shortfalls: z.array(Shortfall),
  /** Number of participants' seat changes between consecutive rounds (lower is calmer). */
  tableMoves: z.int(),
  /** Only after a re-plan: meetings of the remaining rounds that were removed, added or moved. */
  changes: z
    .object({ removed: z.int(), added: z.int(), moved: z.int(), total: z.int(), fromRound: z.int() })
    .optional(),
});
export type Schedule = z.infer<typeof Schedule>;

/** On the day: participants who did not come (or left), effective from `fromRound` (earlier rounds are fixed). */
export const ReplanEvent = z.object({
  fromRound: z.int().min(1),
  noShows: z.array(Id).default([]),
});
export type ReplanEvent = z.infer<typeof ReplanEvent>;
