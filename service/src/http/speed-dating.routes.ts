import { z } from 'zod';
import { Uuid, pageOf } from '../contract/common.ts';
import {
  LockRemove,
  LockSet,
  ParticipantAdd,
  PreferenceSet,
  ReplanRequest,
  SessionFilters,
  SpeedDatingSession,
  SpeedDatingSessionCreate,
  SpeedDatingSessionSummary,
  SpeedDatingSessionUpdate,
} from '../contract/speed-dating-sessions.ts';
import { Agenda, Schedule } from '../contract/speed-dating.ts';
import { generateSchedule, getAgenda, getAgendaIcs, replanSchedule } from '../core/speed-dating/planning.ts';
import {
  addParticipant,
  createSpeedDatingSession,
  getSpeedDatingSession,
  listSpeedDatingSessions,
  lockMeeting,
  removeParticipant,
  setPreference,
  unlockMeeting,
  updateSpeedDatingSession,
} from '../core/speed-dating/sessions.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const SessionParams = z.object({ id: Uuid });
const ParticipantParams = z.object({ id: Uuid, participantId: Uuid });
const Planned = z.object({ version: z.int(), schedule: Schedule });
const tag = 'Speed-dating';

export const speedDatingRoutes = (deps: AppDeps) => [
  endpoint({ method: 'get', path: '/speed-dating/sessions', summary: 'Sessions de speed-dating (programme public)', tag, access: 'public', query: SessionFilters, response: pageOf(SpeedDatingSessionSummary), handler: ({ actor, query }) => listSpeedDatingSessions(deps, actor, query) }),
  endpoint({ method: 'post', path: '/speed-dating/sessions', summary: 'Créer une session (organisateurs)', tag, access: 'user', body: SpeedDatingSessionCreate, response: SpeedDatingSession, status: 201, handler: ({ actor, body }) => createSpeedDatingSession(deps, actor, body) }),
  endpoint({ method: 'get', path: '/speed-dating/sessions/:id', summary: 'Une session (participants, préférences visibles, planning)', tag, access: 'public', params: SessionParams, response: SpeedDatingSession, handler: ({ actor, params }) => getSpeedDatingSession(deps, actor, params.id) }),
  endpoint({ method: 'patch', path: '/speed-dating/sessions/:id', summary: 'Modifier une session (organisateur)', tag, access: 'user', params: SessionParams, body: SpeedDatingSessionUpdate, response: SpeedDatingSession, handler: ({ actor, params, body }) => updateSpeedDatingSession(deps, actor, params.id, body) }),
  endpoint({ method: 'post', path: '/speed-dating/sessions/:id/participants', summary: 'Inscrire une association ou une entreprise', tag, access: 'user', params: SessionParams, body: ParticipantAdd, response: SpeedDatingSession, status: 201, handler: ({ actor, params, body }) => addParticipant(deps, actor, params.id, body) }),
  endpoint({ method: 'delete', path: '/speed-dating/sessions/:id/participants/:participantId', summary: 'Retirer un participant (organisateur)', tag, access: 'user', params: ParticipantParams, response: SpeedDatingSession, handler: ({ actor, params }) => removeParticipant(deps, actor, params.id, params.participantId) }),
  endpoint({ method: 'put', path: '/speed-dating/sessions/:id/preferences', summary: 'Exprimer une préférence (à rencontrer absolument, intéressé, non merci)', tag, access: 'user', params: SessionParams, body: PreferenceSet, response: SpeedDatingSession, handler: ({ actor, params, body }) => setPreference(deps, actor, params.id, body) }),
  endpoint({ method: 'put', path: '/speed-dating/sessions/:id/locks', summary: 'Verrouiller une rencontre à une ronde (organisateur)', tag, access: 'user', params: SessionParams, body: LockSet, response: SpeedDatingSession, handler: ({ actor, params, body }) => lockMeeting(deps, actor, params.id, body) }),
  endpoint({ method: 'delete', path: '/speed-dating/sessions/:id/locks', summary: 'Déverrouiller une rencontre (organisateur)', tag, access: 'user', params: SessionParams, body: LockRemove, response: SpeedDatingSession, handler: ({ actor, params, body }) => unlockMeeting(deps, actor, params.id, body) }),
  endpoint({ method: 'post', path: '/speed-dating/sessions/:id/schedule', summary: 'Générer le planning optimal, avec son certificat (organisateur)', tag, access: 'user', params: SessionParams, response: Planned, status: 201, handler: ({ actor, params }) => generateSchedule(deps, actor, params.id) }),
  endpoint({ method: 'post', path: '/speed-dating/sessions/:id/replan', summary: 'Absents du jour : re-planifier les rondes restantes (organisateur)', tag, access: 'user', params: SessionParams, body: ReplanRequest, response: Planned, status: 201, handler: ({ actor, params, body }) => replanSchedule(deps, actor, params.id, body) }),
  endpoint({ method: 'get', path: '/speed-dating/sessions/:id/agendas/:participantId', summary: 'Agenda d’un participant', tag, access: 'user', params: ParticipantParams, response: Agenda, handler: ({ actor, params }) => getAgenda(deps, actor, params.id, params.participantId) }),
  endpoint({
    method: 'get',
    path: '/speed-dating/sessions/:id/agendas/:participantId/ics',
    summary: 'Agenda d’un participant au format iCalendar (.ics)',
    tag,
    access: 'user',
    params: ParticipantParams,
    handler: async ({ actor, params }) => {
      const { filename, body } = await getAgendaIcs(deps, actor, params.id, params.participantId);
      return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
    },
  }),
];
