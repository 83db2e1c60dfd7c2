import { IdParams, pageOf } from '../contract/common.ts';
import { Offer, OfferCreate, OfferFilters, OfferUpdate } from '../contract/offers.ts';
import { closeOffer, createOffer, getOffer, listOffers, updateOffer } from '../core/offers/offers.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const offerRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/offers',
    summary: 'Offres RSE des entreprises (ouvertes ; filtres, pagination)',
    tag: 'Offres RSE',
    access: 'public',
    query: OfferFilters,
    response: pageOf(Offer),
    handler: ({ actor, query }) => listOffers(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/offers/:id',
    summary: 'Une offre RSE',
    tag: 'Offres RSE',
    access: 'public',
    params: IdParams,
    response: Offer,
    handler: ({ actor, params }) => getOffer(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/offers',
    summary: 'Publier une offre RSE (membres de l’entreprise)',
    tag: 'Offres RSE',
    access: 'user',
    body: OfferCreate,
    response: Offer,
    status: 201,
    handler: ({ actor, body }) => createOffer(deps, actor, body),
  }),
  endpoint({
    method: 'patch',
    path: '/offers/:id',
    summary: 'Modifier, ouvrir ou clôturer une offre RSE (membres de l’entreprise)',
    tag: 'Offres RSE',
    access: 'user',
    params: IdParams,
    body: OfferUpdate,
    response: Offer,
    handler: ({ actor, params, body }) => updateOffer(deps, actor, params.id, body),
  }),
  endpoint({
    method: 'post',
    path: '/offers/:id/close',
    summary: 'Clôturer une offre RSE (membres de l’entreprise)',
    tag: 'Offres RSE',
    access: 'user',
    params: IdParams,
    response: Offer,
    handler: ({ actor, params }) => closeOffer(deps, actor, params.id),
  }),
];
