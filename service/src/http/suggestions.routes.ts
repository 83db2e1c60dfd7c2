import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { ExposureQuery, ExposureReport, MissionMatch, MissionSuggestions, MySuggestionsQuery, VolunteerSuggestQuery, VolunteerSuggestions, WishSuggestRequest } from '../contract/matching.ts';
import { explainMissionForMe } from '../core/matching/explain-mission.ts';
import { reportExposure } from '../core/matching/exposure.ts';
import { suggestMissionsForMe, suggestMissionsForWish } from '../core/matching/suggest-missions.ts';
import { suggestVolunteers } from '../core/matching/suggest-volunteers.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const suggestionRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/me/suggestions',
    summary: 'Missions suggérées pour mon profil bénévole, expliquées critère par critère',
    tag: 'Suggestions',
    access: 'user',
    query: MySuggestionsQuery,
    response: MissionSuggestions,
    handler: ({ actor, query }) => suggestMissionsForMe(deps, actor, query),
  }),
  endpoint({
    method: 'post',
    path: '/suggestions',
    summary: 'Missions suggérées pour un souhait écrit en français (sans compte possible)',
    tag: 'Suggestions',
    access: 'public',
    body: WishSuggestRequest,
    response: MissionSuggestions,
    handler: ({ actor, body }) => suggestMissionsForWish(deps, actor, body),
  }),
  endpoint({
    method: 'get',
    path: '/missions/:id/match',
    summary: 'Pourquoi cette mission me correspond (ou non) : score et critères expliqués',
    tag: 'Suggestions',
    access: 'user',
    params: IdParams,
    response: MissionMatch,
    handler: ({ actor, params }) => explainMissionForMe(deps, actor, params.id),
  }),
  endpoint({
    method: 'get',
    path: '/missions/:id/volunteer-suggestions',
    summary: 'Bénévoles visibles qui correspondent à une mission (anonymisés ; membres de l’association)',
    tag: 'Suggestions',
    access: 'user',
    params: IdParams,
    query: VolunteerSuggestQuery,
    response: VolunteerSuggestions,
    handler: ({ actor, params, query }) => suggestVolunteers(deps, actor, params.id, query.limit),
  }),
  endpoint({
    method: 'get',
    path: '/territories/:code/exposure',
    summary: 'Équité d’exposition des associations d’un territoire (indice de Gini des affichages)',
    tag: 'Suggestions',
    access: 'staff',
    params: z.object({ code: z.string().regex(/^[a-z0-9-]+$/, 'code de territoire invalide').max(60) }),
    query: ExposureQuery,
    response: ExposureReport,
    handler: ({ params, query }) => reportExposure(deps, params.code, query.days),
  }),
];
