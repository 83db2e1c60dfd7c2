import { Association, AssociationCreate, AssociationFilters, AssociationUpdate } from '../contract/associations.ts';
import { IdParams, pageOf } from '../contract/common.ts';
import { createAssociation, getAssociation, listAssociations, updateAssociation } from '../core/associations/associations.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const associationRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/associations',
    summary: 'Annuaire des associations (recherche, filtres, pagination)',
    tag: 'Associations',
    access: 'public',
    query: AssociationFilters,
    response: pageOf(Association),
    handler: ({ actor, query }) => listAssociations(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/associations/:id',
    summary: 'Une association',
    tag: 'Associations',
    access: 'public',
    params: IdParams,
    response: Association,
    handler: ({ actor, params }) => getAssociation(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/associations',
    summary: 'Inscrire une association (l’utilisateur en devient administrateur)',
    tag: 'Associations',
    access: 'user',
    body: AssociationCreate,
    response: Association,
    status: 201,
    handler: ({ actor, body }) => createAssociation(deps, actor, body),
  }),
  endpoint({
    method: 'patch',
    path: '/associations/:id',
    summary: 'Modifier une association (administrateurs)',
    tag: 'Associations',
    access: 'user',
    params: IdParams,
    body: AssociationUpdate,
    response: Association,
    handler: ({ actor, params, body }) => updateAssociation(deps, actor, params.id, body),
  }),
];
