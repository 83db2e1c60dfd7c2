import { z } from 'zod';
import { IdParams, pageOf } from '../contract/common.ts';
import { ModerationFilters, ModerationItem, RolesUpdate, SupportOrganisationCreate, UserRoles, UserSearch, UserSearchResult, VerificationUpdate } from '../contract/accounts.ts';
import { createSupportOrganisation, findUsersForRoles, listOrganisationsForModeration, setUserRoles, setVerification } from '../core/moderation/moderation.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const TAG = 'Modération';

export const moderationRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/moderation/organisations',
    summary: 'Organisations à modérer (filtre par état et type), avec le contrôle du RNA/SIREN',
    tag: TAG,
    access: 'staff',
    query: ModerationFilters,
    response: pageOf(ModerationItem),
    handler: ({ actor, query }) => listOrganisationsForModeration(deps, actor, query),
  }),
  endpoint({
    method: 'patch',
    path: '/moderation/associations/:id',
    summary: 'Vérifier, remettre en attente ou suspendre une association',
    tag: TAG,
    access: 'staff',
    params: IdParams,
    body: VerificationUpdate,
    response: ModerationItem,
    handler: ({ actor, params, body }) => setVerification(deps, actor, { kind: 'association', id: params.id, ...body }),
  }),
  endpoint({
    method: 'patch',
    path: '/moderation/companies/:id',
    summary: 'Vérifier, remettre en attente ou suspendre une entreprise',
    tag: TAG,
    access: 'staff',
    params: IdParams,
    body: VerificationUpdate,
    response: ModerationItem,
    handler: ({ actor, params, body }) => setVerification(deps, actor, { kind: 'company', id: params.id, ...body }),
  }),
  endpoint({
    method: 'get',
    path: '/admin/users',
    summary: 'Chercher des comptes par e-mail ou nom pour leur donner un rôle (sans recherche : qui en a un)',
    tag: TAG,
    access: 'platform-admin',
    query: UserSearch,
    response: UserSearchResult,
    handler: ({ actor, query }) => findUsersForRoles(deps, actor, query),
  }),
  endpoint({
    method: 'patch',
    path: '/admin/users/:id/roles',
    summary: 'Donner ou retirer un rôle global (modération, organisation d’événements, administration, accompagnement)',
    tag: TAG,
    access: 'platform-admin',
    params: IdParams,
    body: RolesUpdate,
    response: UserRoles,
    handler: ({ actor, params, body }) => setUserRoles(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'post',
    path: '/admin/support-organisations',
    summary: 'Créer une structure d’accompagnement (ses agents aident citoyens et organisations)',
    tag: TAG,
    access: 'platform-admin',
    body: SupportOrganisationCreate,
    response: z.object({ id: z.string(), name: z.string() }),
    status: 201,
    handler: ({ actor, body }) => createSupportOrganisation(deps, actor, body),
  }),
];
