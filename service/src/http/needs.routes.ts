import { IdParams, pageOf } from '../contract/common.ts';
import { Need, NeedCreate, NeedFilters, NeedUpdate } from '../contract/needs.ts';
import { closeNeed, createNeed, getNeed, listNeeds, updateNeed } from '../core/needs/needs.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const needRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/needs',
    summary: 'Besoins des associations : financement, matériel, compétences (filtres, pagination)',
    tag: 'Besoins des associations',
    access: 'public',
    query: NeedFilters,
    response: pageOf(Need),
    handler: ({ actor, query }) => listNeeds(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/needs/:id',
    summary: 'Un besoin d’association',
    tag: 'Besoins des associations',
    access: 'public',
    params: IdParams,
    response: Need,
    handler: ({ actor, params }) => getNeed(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/needs',
    summary: 'Publier un besoin (membres de l’association)',
    tag: 'Besoins des associations',
    access: 'user',
    body: NeedCreate,
    response: Need,
    status: 201,
    handler: ({ actor, body }) => createNeed(deps, actor, body),
  }),
  endpoint({
    method: 'patch',
    path: '/needs/:id',
    summary: 'Modifier un besoin, le marquer satisfait (met) ou clos (membres de l’association)',
    tag: 'Besoins des associations',
    access: 'user',
    params: IdParams,
    body: NeedUpdate,
    response: Need,
    handler: ({ actor, params, body }) => updateNeed(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'post',
    path: '/needs/:id/close',
    summary: 'Clore un besoin (membres de l’association)',
    tag: 'Besoins des associations',
    access: 'user',
    params: IdParams,
    response: Need,
    handler: ({ actor, params }) => closeNeed(deps, actor, params.id),
  }),
];
