import { z } from 'zod';
import { IdParams } from '../contract/common.ts';
import {
  AssociationRankQuery,
  InterestCreate,
  InterestResult,
  MessageCreate,
  OfferRankQuery,
  Partnership,
  PartnershipEnd,
  PartnershipFilters,
  PartnershipMessage,
  RankedAssociations,
  RankedOffers,
} from '../contract/partners.ts';
import { expressInterest } from '../core/partners/interests.ts';
import { activatePartnership, endPartnership, getPartnership, listMessages, listPartnerships, postMessage } from '../core/partners/partnerships.ts';
import { suggestAssociationsForOffer } from '../core/partners/rank-associations.ts';
import { suggestOffersForAssociation } from '../core/partners/rank-offers.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const tag = 'Partenariats RSE';

export const partnerRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/offers/:id/association-suggestions',
    summary: 'Associations classées pour une offre RSE, avec explications (membres de l’entreprise)',
    tag,
    access: 'user',
    params: IdParams,
    query: AssociationRankQuery,
    response: RankedAssociations,
    handler: ({ actor, params, query }) => suggestAssociationsForOffer(deps, actor, params.id, query),
  }),
  endpoint({
    method: 'get',
    path: '/associations/:id/offer-suggestions',
    summary: 'Offres RSE qui conviennent à une association, avec explications (membres de l’association)',
    tag,
    access: 'user',
    params: IdParams,
    query: OfferRankQuery,
    response: RankedOffers,
    handler: ({ actor, params, query }) => suggestOffersForAssociation(deps, actor, params.id, query),
  }),
  endpoint({
    method: 'post',
    path: '/offers/:id/interests',
    summary: 'Exprimer l’intérêt d’un côté (entreprise ou association) ; réciproque, il ouvre un partenariat',
    tag,
    access: 'user',
    params: IdParams,
    body: InterestCreate,
    response: InterestResult,
    status: 201,
    handler: ({ actor, params, body }) => expressInterest(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'get',
    path: '/partnerships',
    summary: 'Partenariats de mes associations et entreprises',
    tag,
    access: 'user',
    query: PartnershipFilters,
    response: z.object({ items: z.array(Partnership) }),
    handler: async ({ actor, query }) => ({ items: await listPartnerships(deps, actor, query) }),
  }),
  endpoint({
    method: 'get',
    path: '/partnerships/:id',
    summary: 'Un partenariat (ses deux parties)',
    tag,
    access: 'user',
    params: IdParams,
    response: Partnership,
    handler: ({ actor, params }) => getPartnership(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/partnerships/:id/activate',
    summary: 'Activer un partenariat proposé (l’entreprise engage une place de son offre)',
    tag,
    access: 'user',
    params: IdParams,
    response: Partnership,
    handler: ({ actor, params }) => activatePartnership(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/partnerships/:id/end',
    summary: 'Clore un partenariat en notant ce qui a été donné (heures, euros, jours, matériel)',
    tag,
    access: 'user',
    params: IdParams,
    body: PartnershipEnd,
    response: Partnership,
    handler: ({ actor, params, body }) => endPartnership(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'get',
    path: '/partnerships/:id/messages',
    summary: 'Conversation d’un partenariat (ses deux parties seulement)',
    tag,
    access: 'user',
    params: IdParams,
    response: z.object({ items: z.array(PartnershipMessage) }),
    handler: async ({ actor, params }) => ({ items: await listMessages(deps, actor, params.id) }),
  }),
  endpoint({
    method: 'post',
    path: '/partnerships/:id/messages',
    summary: 'Écrire dans la conversation d’un partenariat (ses deux parties seulement)',
    tag,
    access: 'user',
    params: IdParams,
    body: MessageCreate,
    response: PartnershipMessage,
    status: 201,
    handler: ({ actor, params, body }) => postMessage(deps, actor, params.id, body),
  }),
];
