import { IdParams, pageOf } from '../contract/common.ts';
import { Company, CompanyCreate, CompanyFilters, CompanyUpdate } from '../contract/companies.ts';
import { createCompany, getCompany, listCompanies, updateCompany } from '../core/companies/companies.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

export const companyRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/companies',
    summary: 'Annuaire des entreprises (recherche, filtres, pagination)',
    tag: 'Entreprises',
    access: 'public',
    query: CompanyFilters,
    response: pageOf(Company),
    handler: ({ actor, query }) => listCompanies(deps, actor, query),
  }),
  endpoint({
    method: 'get',
    path: '/companies/:id',
    summary: 'Une entreprise',
    tag: 'Entreprises',
    access: 'public',
    params: IdParams,
    response: Company,
    handler: ({ actor, params }) => getCompany(deps, actor, params.id),
  }),
  endpoint({
    method: 'post',
    path: '/companies',
    summary: 'Inscrire une entreprise (SIREN vérifié ; l’utilisateur en devient administrateur)',
    tag: 'Entreprises',
    access: 'user',
    body: CompanyCreate,
    response: Company,
    status: 201,
    handler: ({ actor, body }) => createCompany(deps, actor, body),
  }),
  endpoint({
    method: 'patch',
    path: '/companies/:id',
    summary: 'Modifier une entreprise (administrateurs de l’entreprise)',
    tag: 'Entreprises',
    access: 'user',
    params: IdParams,
    body: CompanyUpdate,
    response: Company,
    handler: ({ actor, params, body }) => updateCompany(deps, actor, params.id, body),
  }),
];
