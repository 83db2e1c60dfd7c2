import type { Page } from '../../contract/common.ts';
import type {
  LockRemove,
  LockSet,
  ParticipantAdd,
  PreferenceSet,
  SessionFilters,
  SpeedDatingSession,
  SpeedDatingSessionCreate,
  SpeedDatingSessionSummary,
  SpeedDatingSessionUpdate,
} from '../../contract/speed-dating-sessions.ts';
import type { Certificate } from '../../contract/speed-dating.ts';
import { isAssociationMember, isCompanyMember, requireUser, type Actor, type UserActor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import {
  deleteLock,
  deleteParticipant,
  insertParticipant,
  insertSession,
  selectLatestSchedule,
  selectLocks,
  selectParticipants,
  selectPreferences,
  selectSession,
  selectSessionSummaries,
  updateSessionRow,
  upsertLock,
  upsertPreference,
  type ParticipantRow,
  type SessionRow,
} from './sessions.sql.ts';

type Deps = Pick<CoreDeps, 'sql'>;

const isOrganiserOf = (actor: Actor, s: SessionRow) => actor.kind === 'user' && (actor.isPlatformAdmin || s.organiser_id === actor.userId);
const isParticipantMember = (actor: Actor, p: ParticipantRow) =>
  p.association_id ? isAssociationMember(actor, p.association_id) : isCompanyMember(actor, p.company_id!);

/** The session, or NotFound; `manage` also requires its organiser (or a platform admin). */
export async function loadSession(deps: Deps, actor: Actor, id: string, access: 'view' | 'manage'): Promise<{ session: SessionRow; participants: ParticipantRow[]; user: UserActor | null }> {
  const session = await selectSession(deps.sql, id);
  if (!session) throw new NotFound('Session introuvable.');
  const participants = await selectParticipants(deps.sql, id);
  if (access === 'manage') {
    const user = requireUser(actor);
    if (!isOrganiserOf(user, session)) throw new Forbidden("Seul l'organisateur de la session peut faire cela.");
    return { session, participants, user };
  }
  return { session, participants, user: actor.kind === 'user' ? actor : null };
}

/** Creates a session; event organisers and platform admins only. */
export async function createSpeedDatingSession(deps: CoreDeps, actor: Actor, input: SpeedDatingSessionCreate): Promise<SpeedDatingSession> {
  const user = requireUser(actor);
  if (!user.isOrganiser && !user.isPlatformAdmin) throw new Forbidden('Réservé aux organisateurs d’événements.');
  const [territory] = await deps.sql`SELECT id FROM territories WHERE id = ${input.territoryId}`;
  if (!territory) throw new Invalid('Territoire inconnu.', [{ path: 'territoryId', message: 'territoire inconnu' }]);
  const id = await insertSession(deps.sql, {
    territory_id: input.territoryId,
    organiser_id: user.userId,
    title: input.title,
    session_date: input.date,
    start_time: input.startTime,
    round_minutes: input.roundMinutes,
    break_minutes: input.breakMinutes,
    pauses: input.pauses,
    location: input.location ?? null,
    rounds: input.rounds,
    tables: input.tables,
    min_meetings: input.minMeetings,
  });
  return getSpeedDatingSession(deps, actor, id);
}

/** Changes a session's settings (organiser); a change of rounds or tables keeps the last schedule until the next generation. */
export async function updateSpeedDatingSession(deps: CoreDeps, actor: Actor, id: string, input: SpeedDatingSessionUpdate): Promise<SpeedDatingSession> {
  await loadSession(deps, actor, id, 'manage');
  const patch: Record<string, unknown> = {};
  const map = { title: 'title', date: 'session_date', startTime: 'start_time', roundMinutes: 'round_minutes', breakMinutes: 'break_minutes', pauses: 'pauses', location: 'location', rounds: 'rounds', tables: 'tables', minMeetings: 'min_meetings', status: 'status' } as const;
  for (const [key, column] of Object.entries(map)) {
    const value = input[key as keyof typeof map];
    if (value !== undefined) patch[column] = value;
  }
  await updateSessionRow(deps.sql, id, patch);
  return getSpeedDatingSession(deps, actor, id);
}

/** Upcoming sessions (public summaries); `mine` lists the actor's own as organiser. */
export async function listSpeedDatingSessions(deps: Deps, actor: Actor, filters: SessionFilters): Promise<Page<SpeedDatingSessionSummary>> {
  const organiserId = filters.mine ? requireUser(actor).userId : undefined;
  const rows = await selectSessionSummaries(deps.sql, { ...filters, organiserId });
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      date: r.session_date,
      startTime: r.start_time,
      territory: { id: r.territory_id, name: r.territory_name },
      status: r.status,
      associations: r.associations,
      companies: r.companies,
      certificate: (r.certificate as Certificate | null) ?? null,
    })),
    total: rows[0]?.total ?? 0,
    limit: filters.limit,
    offset: filters.offset,
  };
}

/**
 * A session with its participants, locks and last schedule. The organiser sees every preference; a participant's
 * member sees only the preferences their organisation stated; anyone else sees the public programme.
 */
export async function getSpeedDatingSession(deps: Deps, actor: Actor, id: string): Promise<SpeedDatingSession> {
  const { session, participants } = await loadSession(deps, actor, id, 'view');
  const organiser = isOrganiserOf(actor, session);
  const mine = new Set(participants.filter((p) => isParticipantMember(actor, p)).map((p) => p.id));
  const isInvolved = organiser || mine.size > 0;
  const [preferences, locks, latest] = await Promise.all([
    isInvolved ? selectPreferences(deps.sql, id) : Promise.resolve([]),
    isInvolved ? selectLocks(deps.sql, id) : Promise.resolve([]),
    selectLatestSchedule(deps.sql, id),
  ]);
  return {
    id: session.id,
    territory: { id: session.territory_id, name: session.territory_name },
    organiserId: session.organiser_id,
    title: session.title,
    date: session.session_date,
    startTime: session.start_time,
    roundMinutes: session.round_minutes,
    breakMinutes: session.break_minutes,
    pauses: session.pauses,
    location: session.location,
    rounds: session.rounds,
    tables: session.tables,
    minMeetings: session.min_meetings,
    status: session.status,
    participants: participants.map((p) => ({
      id: p.id,
      side: p.association_id ? 'association' : 'company',
      organisationId: (p.association_id ?? p.company_id)!,
      name: p.name,
      firstRound: p.first_round,
      lastRound: p.last_round,
    })),
    preferences: preferences
      .filter((p) => organiser || mine.has(p.from_participant))
      .map((p) => ({ fromParticipantId: p.from_participant, toParticipantId: p.to_participant, level: p.level })),
    locks: locks.map((l) => ({ associationParticipantId: l.association_participant, companyParticipantId: l.company_participant, round: l.round, table: l.table_name ?? undefined })),
    // Only the involved see the meetings; the public sees the programme and the certificate.
    schedule: latest && isInvolved ? { version: latest.version, reason: latest.reason, createdAt: latest.created_at.toISOString(), result: latest.schedule } : null,
    isOrganiser: organiser,
  };
}

/** Registers an association or a company: by the organiser, or by an admin of that organisation while the session is a draft. */
export async function addParticipant(deps: CoreDeps, actor: Actor, sessionId: string, input: ParticipantAdd): Promise<SpeedDatingSession> {
  const { session } = await loadSession(deps, actor, sessionId, 'view');
  const user = requireUser(actor);
  const selfRegistration = input.associationId ? isAssociationMember(user, input.associationId, 'admin') : isCompanyMember(user, input.companyId!, 'admin');
  if (!isOrganiserOf(user, session) && !(selfRegistration && session.status === 'draft')) throw new Forbidden();
  for (const [field, value] of [['firstRound', input.firstRound], ['lastRound', input.lastRound]] as const) {
    if (value !== undefined && value > session.rounds) throw new Invalid('Ronde hors de la session.', [{ path: field, message: `la session a ${session.rounds} rondes` }]);
  }
  const table = input.associationId ? 'associations' : 'companies';
  const orgId = (input.associationId ?? input.companyId)!;
  const [org] = await deps.sql<{ verification: string }[]>`SELECT verification FROM ${deps.sql(table)} WHERE id = ${orgId}`;
  if (!org) throw new Invalid('Organisation inconnue.', [{ path: input.associationId ? 'associationId' : 'companyId', message: 'introuvable' }]);
  if (org.verification === 'suspended') throw new Forbidden('Organisation suspendue.');
  const id = await insertParticipant(deps.sql, {
    sessionId,
    associationId: input.associationId ?? null,
    companyId: input.companyId ?? null,
    firstRound: input.firstRound ?? null,
    lastRound: input.lastRound ?? null,
  });
  if (!id) throw new Conflict('Cette organisation participe déjà à la session.');
  return getSpeedDatingSession(deps, actor, sessionId);
}

/** Removes a participant (organiser only). */
export async function removeParticipant(deps: CoreDeps, actor: Actor, sessionId: string, participantId: string): Promise<SpeedDatingSession> {
  await loadSession(deps, actor, sessionId, 'manage');
  if (!(await deleteParticipant(deps.sql, sessionId, participantId))) throw new NotFound('Participant introuvable.');
  return getSpeedDatingSession(deps, actor, sessionId);
}

/** States (or clears) a preference of one participant about one of the other side: the organiser, or a member of the stating organisation. */
export async function setPreference(deps: CoreDeps, actor: Actor, sessionId: string, input: PreferenceSet): Promise<SpeedDatingSession> {
  const { session, participants } = await loadSession(deps, actor, sessionId, 'view');
  const user = requireUser(actor);
  const from = participants.find((p) => p.id === input.fromParticipantId);
  const to = participants.find((p) => p.id === input.toParticipantId);
  const issues = [
    ...(from ? [] : [{ path: 'fromParticipantId', message: 'participant inconnu dans cette session' }]),
    ...(to ? [] : [{ path: 'toParticipantId', message: 'participant inconnu dans cette session' }]),
  ];
  if (issues.length) throw new Invalid('Préférence sur un participant inconnu.', issues);
  if (!!from!.association_id === !!to!.association_id) {
    throw new Invalid('Une préférence porte sur un participant de l’autre côté.', [{ path: 'toParticipantId', message: 'même côté que l’auteur' }]);
  }
  if (!isOrganiserOf(user, session) && !isParticipantMember(user, from!)) throw new Forbidden();
  await upsertPreference(deps.sql, sessionId, from!.id, to!.id, input.level);
  return getSpeedDatingSession(deps, actor, sessionId);
}

/** Fixes a meeting to a round (and table) before solving again; organiser only. */
export async function lockMeeting(deps: CoreDeps, actor: Actor, sessionId: string, input: LockSet): Promise<SpeedDatingSession> {
  const { session, participants } = await loadSession(deps, actor, sessionId, 'manage');
  const a = participants.find((p) => p.id === input.associationParticipantId && p.association_id);
  const c = participants.find((p) => p.id === input.companyParticipantId && p.company_id);
  const issues = [
    ...(a ? [] : [{ path: 'associationParticipantId', message: 'association inconnue dans cette session' }]),
    ...(c ? [] : [{ path: 'companyParticipantId', message: 'entreprise inconnue dans cette session' }]),
    ...(input.round > session.rounds ? [{ path: 'round', message: `la session a ${session.rounds} rondes` }] : []),
    ...(input.table && !session.tables.includes(input.table) ? [{ path: 'table', message: 'table inconnue' }] : []),
  ];
  if (issues.length) throw new Invalid('Verrou impossible.', issues);
  await upsertLock(deps.sql, sessionId, { a: a!.id, c: c!.id, round: input.round, table: input.table ?? null });
  return getSpeedDatingSession(deps, actor, sessionId);
}

/** Releases a locked meeting; organiser only. */
export async function unlockMeeting(deps: CoreDeps, actor: Actor, sessionId: string, input: LockRemove): Promise<SpeedDatingSession> {
  await loadSession(deps, actor, sessionId, 'manage');
  await deleteLock(deps.sql, sessionId, input.associationParticipantId, input.companyParticipantId);
  return getSpeedDatingSession(deps, actor, sessionId);
}
