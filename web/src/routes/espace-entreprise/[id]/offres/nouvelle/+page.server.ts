import { redirect } from '@sveltejs/kit';
import { OfferCreate, type Offer } from '$contract/offers.ts';
import { callApi } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, text } from '$lib/server/forms.ts';
import { readOfferForm } from '$lib/server/offer-form.ts';
import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({ vocabulary: await getVocabulary(event) });

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const { body, values, errors } = readOfferForm(fd);
    const create = { ...body, companyId: event.params.id, status: text(fd, 'status') || 'open' };
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(OfferCreate, create), ...errors });
    const result = await callApi<Offer>(event, 'POST', '/offers', create);
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    redirect(303, `/espace-entreprise/${event.params.id}/offres/${result.data.id}?publiee=1`);
  },
};
