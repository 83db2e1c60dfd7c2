import type { Highs } from 'highs';
import type { ReplanRequest } from '../../contract/speed-dating-sessions.ts';
import type { Agenda, Schedule, SessionInputDraft } from '../../contract/speed-dating.ts';
import { isAssociationMember, isCompanyMember, type Actor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import { toIcs } from './ics.ts';
import { replan } from './replan.ts';
import { computeAssociationCompanyFits } from '../partners/fit.ts';
import { insertSchedule, selectLatestSchedule, selectLocks, selectPreferences, type ParticipantRow, type SessionRow } from './sessions.sql.ts';
import { loadSession } from './sessions.ts';
import { solveSchedule } from './solve.ts';

let highsModule: Promise<Highs> | null = null;
/** HiGHS is a stateless WebAssembly solver: loading it once per process (~50 ms) is enough. */
const loadHighs = () => (highsModule ??= import('highs').then((m) => m.default()));

/** The solver's input, built from what is stored: participants, stated preferences, automatic fits, locks, timing. */
async function buildInput(deps: Pick<CoreDeps, 'sql'>, session: SessionRow, participants: ParticipantRow[]): Promise<SessionInputDraft> {
  const [preferences, locks, fits] = await Promise.all([
    selectPreferences(deps.sql, session.id),
    selectLocks(deps.sql, session.id),
    selectPairFits(deps, participants),
  ]);
  const window = (p: ParticipantRow) => ({
    id: p.id,
    name: p.name,
    ...(p.first_round ? { firstRound: p.first_round } : {}),
    ...(p.last_round ? { lastRound: p.last_round } : {}),
  });
  return {
    sessionId: session.id,
    title: session.title,
    rounds: session.rounds,
    tables: session.tables,
    associations: participants.filter((p) => p.association_id).map(window),
    companies: participants.filter((p) => p.company_id).map(window),
    preferences: preferences.map((p) => ({ from: p.from_participant, to: p.to_participant, level: p.level })),
    fits: fits.map((f) => ({ associationId: f.association_participant, companyId: f.company_participant, fit: Number(f.fit) })),
    minMeetings: session.min_meetings,
    locks: locks.map((l) => ({ associationId: l.association_participant, companyId: l.company_participant, round: l.round, ...(l.table_name ? { table: l.table_name } : {}) })),
    timing: {
      date: session.session_date,
      startTime: session.start_time,
      roundMinutes: session.round_minutes,
      breakMinutes: session.break_minutes,
      pauses: session.pauses,
      ...(session.location ? { location: session.location } : {}),
    },
  };
}

/**
 * Automatic fit of each association x company participant pair: the partner score of the association with the
 * company's best open offer (core/partners/fit.ts), the same score a company's ranking of associations uses.
 */
async function selectPairFits(deps: Pick<CoreDeps, 'sql'>, participants: ParticipantRow[]) {
  const byAssociation = new Map(participants.filter((p) => p.association_id).map((p) => [p.association_id!, p.id]));
  const byCompany = new Map(participants.filter((p) => p.company_id).map((p) => [p.company_id!, p.id]));
  const fits = await computeAssociationCompanyFits(deps.sql, [...byAssociation.keys()], [...byCompany.keys()]);
  return fits.map((f) => ({ association_participant: byAssociation.get(f.associationId)!, company_participant: byCompany.get(f.companyId)!, fit: f.fit }));
}

function requireBothSides(participants: ParticipantRow[]) {
  const issues = [
    ...(participants.some((p) => p.association_id) ? [] : [{ path: 'participants', message: 'aucune association inscrite' }]),
    ...(participants.some((p) => p.company_id) ? [] : [{ path: 'participants', message: 'aucune entreprise inscrite' }]),
  ];
  if (issues.length) throw new Invalid('Il faut au moins une association et une entreprise pour planifier.', issues);
}

/** Solves the session (exact, with its optimality certificate) and stores the result as a new schedule version; organiser only. */
export async function generateSchedule(deps: CoreDeps, actor: Actor, sessionId: string): Promise<{ version: number; schedule: Schedule }> {
  const { session, participants, user } = await loadSession(deps, actor, sessionId, 'manage');
  requireBothSides(participants);
  const input = await buildInput(deps, session, participants);
  const schedule = solveSchedule(input, { highs: await loadHighs() });
  const version = await insertSchedule(deps.sql, { sessionId, reason: 'generate', noShows: [], schedule, createdBy: user!.userId });
  await deps.sql`UPDATE speed_dating_sessions SET status = 'scheduled', updated_at = now() WHERE id = ${sessionId} AND status = 'draft'`;
  deps.log.info('speed-dating schedule generated', { sessionId, version, meetings: schedule.meetings.length, gap: schedule.certificate.gap });
  return { version, schedule };
}

/** On the day: marks no-shows and re-plans the rounds from `fromRound`, earlier rounds fixed, with as few changes as possible. */
export async function replanSchedule(deps: CoreDeps, actor: Actor, sessionId: string, request: ReplanRequest): Promise<{ version: number; schedule: Schedule }> {
  const { session, participants, user } = await loadSession(deps, actor, sessionId, 'manage');
  const previous = await selectLatestSchedule(deps.sql, sessionId);
  if (!previous) throw new Conflict('Aucun planning à re-planifier : générez-le d’abord.');
  const known = new Set(participants.map((p) => p.id));
  const unknown = request.noShows.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
  if (unknown.length) throw new Invalid('Absent inconnu dans cette session.', unknown.map(({ i }) => ({ path: `noShows.${i}`, message: 'participant inconnu' })));
  const noShows = [...new Set([...previous.no_shows, ...request.noShows])];
  const input = await buildInput(deps, session, participants);
  const schedule = replan(input, previous.schedule, { fromRound: request.fromRound, noShows }, { highs: await loadHighs() });
  const version = await insertSchedule(deps.sql, { sessionId, reason: 'replan', noShows, schedule, createdBy: user!.userId });
  return { version, schedule };
}

async function participantAgenda(deps: Pick<CoreDeps, 'sql'>, actor: Actor, sessionId: string, participantId: string) {
  const { session, participants } = await loadSession(deps, actor, sessionId, 'view');
  const participant = participants.find((p) => p.id === participantId);
  if (!participant) throw new NotFound('Participant introuvable.');
  const isOrganiser = actor.kind === 'user' && (actor.isPlatformAdmin || session.organiser_id === actor.userId);
  const isMember = participant.association_id ? isAssociationMember(actor, participant.association_id) : isCompanyMember(actor, participant.company_id!);
  if (!isOrganiser && !isMember) throw new Forbidden();
  const latest = await selectLatestSchedule(deps.sql, sessionId);
  if (!latest) throw new NotFound('Le planning de cette session n’est pas encore publié.');
  return { session, participants, participant, latest };
}

/** One participant's agenda (rounds, tables, partners, free rounds): the organiser or the participant's members. */
export async function getAgenda(deps: Pick<CoreDeps, 'sql'>, actor: Actor, sessionId: string, participantId: string): Promise<Agenda & { name: string; version: number }> {
  const { participant, latest } = await participantAgenda(deps, actor, sessionId, participantId);
  const agenda = latest.schedule.agendas.find((a) => a.participantId === participantId) ?? {
    participantId,
    side: participant.association_id ? ('association' as const) : ('company' as const),
    entries: [],
    freeRounds: [],
  };
  return { ...agenda, name: participant.name, version: latest.version };
}

/** The same agenda as an RFC 5545 calendar; its SEQUENCE follows the schedule version so calendars update after a re-plan. */
export async function getAgendaIcs(deps: Pick<CoreDeps, 'sql'>, actor: Actor, sessionId: string, participantId: string): Promise<{ filename: string; body: string }> {
  const { session, participants, participant, latest } = await participantAgenda(deps, actor, sessionId, participantId);
  const input = await buildInput(deps, session, participants);
  const body = toIcs(input, latest.schedule, participantId, { now: latest.created_at, sequence: latest.version - 1 });
  const slug = participant.name.normalize('NFD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'agenda';
  return { filename: `speed-dating-${slug}.ics`, body };
}
