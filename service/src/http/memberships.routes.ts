import { IdParams } from '../contract/common.ts';
import { Invitation, InvitationAccepted, InvitationCreate, MemberList, MemberParams, TokenInput } from '../contract/accounts.ts';
import { acceptInvitation, inviteMember, listMembers, removeMember, type OrganisationKind } from '../core/accounts/memberships.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const TAG = 'Organisations';

/** The same three routes for associations and companies. */
const organisationMemberRoutes = (deps: AppDeps, kind: OrganisationKind, base: string, label: string) => [
  endpoint({
    method: 'post',
    path: `${base}/:id/invitations`,
    summary: `Inviter quelqu’un dans ${label} par e-mail (administrateurs)`,
    tag: TAG,
    access: 'user',
    params: IdParams,
    body: InvitationCreate,
    response: Invitation,
    status: 201,
    handler: ({ actor, params, body }) => inviteMember(deps, actor, { kind, organisationId: params.id, ...body }),
  }),
  endpoint({
    method: 'get',
    path: `${base}/:id/members`,
    summary: `Membres de ${label} (et invitations en attente pour les administrateurs)`,
    tag: TAG,
    access: 'user',
    params: IdParams,
    response: MemberList,
    handler: ({ actor, params }) => listMembers(deps, actor, kind, params.id),
  }),
  endpoint({
    method: 'delete',
    path: `${base}/:id/members/:userId`,
    summary: `Retirer un membre de ${label} (administrateurs), ou la quitter soi-même`,
    tag: TAG,
    access: 'user',
    params: MemberParams,
    status: 204,
    handler: ({ actor, params }) => removeMember(deps, actor, kind, params.id, params.userId),
  }),
];

export const membershipRoutes = (deps: AppDeps) => [
  ...organisationMemberRoutes(deps, 'association', '/associations', 'l’association'),
  ...organisationMemberRoutes(deps, 'company', '/companies', 'l’entreprise'),
  endpoint({
    method: 'post',
    path: '/organisation-invitations/accept',
    summary: 'Accepter une invitation à rejoindre une organisation (avec le compte de l’adresse invitée)',
    tag: TAG,
    access: 'user',
    body: TokenInput,
    response: InvitationAccepted,
    handler: ({ actor, body }) => acceptInvitation(deps, actor, body.token),
  }),
];
