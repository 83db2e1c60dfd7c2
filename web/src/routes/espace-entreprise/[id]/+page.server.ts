import type { Page } from '$contract/common.ts';
import type { Offer } from '$contract/offers.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const statuses = ['open', 'draft', 'closed'] as const;
  const results = await Promise.all(statuses.map((status) => callApi<Page<Offer>>(event, 'GET', '/offers' + toQuery({ company: event.params.id, status, limit: 100 }))));
  return {
    offers: results.flatMap((r) => (r.ok ? r.data.items : [])),
    problem: results.find((r) => !r.ok) ? 'Certaines offres n’ont pas pu être chargées.' : null,
    justRegistered: event.url.searchParams.has('inscrite'),
  };
};
