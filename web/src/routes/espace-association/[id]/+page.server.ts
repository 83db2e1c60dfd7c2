import type { Page } from '$contract/common.ts';
import type { Mission } from '$contract/missions.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const missions = await callApi<Page<Mission>>(event, 'GET', '/missions' + toQuery({ association: event.params.id, limit: 100 }));
  return {
    missions: missions.ok ? missions.data.items : [],
    problem: missions.ok ? null : (missions.problem.detail ?? missions.problem.title),
    justRegistered: event.url.searchParams.has('inscrite'),
  };
};
