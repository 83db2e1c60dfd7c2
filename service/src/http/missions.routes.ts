import { IdParams, pageOf } from '../contract/common.ts';
import { Mission, MissionCreate, MissionFilters, MissionUpdate } from '../contract/missions.ts';
import { createMission, getMission, listMissions, updateMission } from '../core/missions/missions.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const missionRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/missions',
    summary: 'Missions de bénévolat (recherche plein texte, filtres, pagination)',
    tag: 'Missions',
    access: 'public',
    query: MissionFilters,
    response: pageOf(Mission),
    handler: ({ actor, query }) => listMissions(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/missions/:id',
    summary: 'Une mission',
    tag: 'Missions',
    access: 'public',
    params: IdParams,
    response: Mission,
    handler: ({ actor, params }) => getMission(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/missions',
    summary: 'Publier une mission (membres de l’association)',
    tag: 'Missions',
    access: 'user',
    body: MissionCreate,
    response: Mission,
    status: 201,
    handler: ({ actor, body }) => createMission(deps, actor, body),
  }),
  endpoint({
    method: 'patch',
    path: '/missions/:id',
    summary: 'Modifier, ouvrir ou clôturer une mission (membres de l’association)',
    tag: 'Missions',
    access: 'user',
    params: IdParams,
    body: MissionUpdate,
    response: Mission,
    handler: ({ actor, params, body }) => updateMission(deps, actor, params.id, body),
  }),
];
