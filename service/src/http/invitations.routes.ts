import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import { Invitation, InvitationCreate } from '../contract/matching.ts';
import { answerInvitation, inviteVolunteer, listMyInvitations } from '../core/matching/invitations.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const invitationRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'post',
    path: '/missions/:id/invitations',
    summary: 'Inviter un bénévole à une mission (association vérifiée ; 2 invitations par personne et par mois)',
    tag: 'Invitations',
    access: 'user',
    params: IdParams,
    body: InvitationCreate,
    response: Invitation,
    status: 201,
    handler: ({ actor, params, body }) => inviteVolunteer(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'get',
    path: '/me/invitations',
    summary: 'Mes invitations reçues',
    tag: 'Invitations',
    access: 'user',
    response: z.object({ items: z.array(Invitation) }),
    handler: ({ actor }) => listMyInvitations(deps, actor),
  }),
  endpoint({
    method: 'post',
    path: '/invitations/:id/accept',
    summary: 'Accepter une invitation (vaut candidature)',
    tag: 'Invitations',
    access: 'user',
    params: IdParams,
    response: Invitation,
    handler: ({ actor, params }) => answerInvitation(deps, actor, params.id, 'accept'),
  }),
  endpoint({
    method: 'post',
    path: '/invitations/:id/decline',
    summary: 'Décliner une invitation',
    tag: 'Invitations',
    access: 'user',
    params: IdParams,
    response: Invitation,
    handler: ({ actor, params }) => answerInvitation(deps, actor, params.id, 'decline'),
  }),
];
