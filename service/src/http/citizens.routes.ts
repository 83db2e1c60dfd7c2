import { CitizenProfile, CitizenProfileCreate, CitizenProfileFilters, CitizenProfileUpdate } from '../contract/citizens.ts';
import { IdParams, pageOf } from '../contract/common.ts';
import {
  createCitizenProfile,
  deleteMyCitizenProfile,
  getCitizenProfile,
  getMyCitizenProfile,
  listCitizenProfiles,
  updateMyCitizenProfile,
} from '../core/citizens/citizens.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

// `/citizens/me` is declared before `/citizens/:id` so that "me" is never read as an id.
export const citizenRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'post',
    path: '/citizens',
    summary: 'Créer mon profil bénévole (un seul par compte ; invisible des associations par défaut)',
    tag: 'Bénévoles',
    access: 'user',
    body: CitizenProfileCreate,
    response: CitizenProfile,
    status: 201,
    handler: ({ actor, body }) => createCitizenProfile(deps, actor, body),
  }),
  endpoint({
    method: 'get',
    path: '/citizens/me',
    summary: 'Mon profil bénévole',
    tag: 'Bénévoles',
    access: 'user',
    response: CitizenProfile,
    handler: ({ actor }) => getMyCitizenProfile(deps, actor),
  }),
  endpoint({
    method: 'patch',
    path: '/citizens/me',
    summary: 'Modifier mon profil bénévole',
    tag: 'Bénévoles',
    access: 'user',
    body: CitizenProfileUpdate,
    response: CitizenProfile,
    handler: ({ actor, body }) => updateMyCitizenProfile(deps, actor, body),
  }),
  endpoint({
    method: 'delete',
    path: '/citizens/me',
    summary: 'Supprimer mon profil bénévole',
    tag: 'Bénévoles',
    access: 'user',
    status: 204,
    handler: ({ actor }) => deleteMyCitizenProfile(deps, actor),
  }),
  endpoint({
    method: 'get',
    path: '/citizens',
    summary: 'Profils bénévoles (administrateurs de la plateforme uniquement)',
    tag: 'Bénévoles',
    access: 'platform-admin',
    query: CitizenProfileFilters,
    response: pageOf(CitizenProfile),
    handler: ({ actor, query }) => listCitizenProfiles(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/citizens/:id',
    summary: 'Un profil bénévole (son titulaire ou un administrateur de la plateforme)',
    tag: 'Bénévoles',
    access: 'user',
    params: IdParams,
    response: CitizenProfile,
    handler: ({ actor, params }) => getCitizenProfile(deps, actor, params.id),
  }),
];
