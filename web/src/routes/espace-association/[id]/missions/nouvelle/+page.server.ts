import { redirect } from '@sveltejs/kit';
import { MissionCreate, type Mission } from '$contract/missions.ts';
import { callApi } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, text } from '$lib/server/forms.ts';
import { readMissionForm } from '$lib/server/mission-form.ts';
import { communeLabel, getVocabulary, listCommunes } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const [vocabulary, communes] = await Promise.all([getVocabulary(event), listCommunes(event)]);
  return { vocabulary, communes: communes.map(communeLabel) };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const { body, values, errors } = await readMissionForm(event, fd);
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(MissionCreate, { ...body, associationId: event.params.id }, { communeInsee: 'commune' }), ...errors });
    const result = await callApi<Mission>(event, 'POST', '/missions', { ...body, associationId: event.params.id, status: text(fd, 'status') || 'open' });
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { communeInsee: 'commune' });
    redirect(303, `/espace-association/${event.params.id}/missions/${result.data.id}?publiee=1`);
  },
};
