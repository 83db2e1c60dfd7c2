import { z } from 'zod';
import { findCommunes, getVocabulary, listTerritories } from '../core/territories/territories.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const territoryRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/territories',
    summary: 'Territoires de l’instance',
    tag: 'Territoires',
    access: 'public',
    handler: () => listTerritories(deps),
  }),
  endpoint({
    method: 'get',
    path: '/communes',
    summary: 'Recherche de communes (nom ou code postal)',
    tag: 'Territoires',
    access: 'public',
    query: z.object({
      q: z.string().trim().min(1).max(100).optional(),
      territory: z.string().regex(/^[a-z0-9-]+$/).max(60).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    handler: ({ query }) => findCommunes(deps, query),
  }),
  endpoint({
    method: 'get',
    path: '/vocabulary',
    summary: 'Thèmes, compétences et rôles de bureau',
    tag: 'Territoires',
    access: 'public',
    handler: () => getVocabulary(deps),
  }),
];
