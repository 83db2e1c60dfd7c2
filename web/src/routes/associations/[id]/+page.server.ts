import type { Association } from '$contract/associations.ts';
import type { Page } from '$contract/common.ts';
import type { Mission } from '$contract/missions.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const id = encodeURIComponent(event.params.id);
  const [association, missions] = await Promise.all([
    getOrFail<Association>(event, `/associations/${id}`),
    callApi<Page<Mission>>(event, 'GET', '/missions' + toQuery({ association: event.params.id, status: 'open', limit: 50 })),
  ]);
  return { association, missions: missions.ok ? missions.data.items : [] };
};
