import { error, fail } from '@sveltejs/kit';
import { OfferUpdate, type Offer } from '$contract/offers.ts';
import { callApi, getOrFail } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally } from '$lib/server/forms.ts';
import { readOfferForm } from '$lib/server/offer-form.ts';
import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const offer = await getOrFail<Offer>(event, `/offers/${encodeURIComponent(event.params.offerId)}`);
  if (offer.company.id !== event.params.id) error(404, 'Cette offre n’appartient pas à cette entreprise.');
  return { offer, vocabulary: await getVocabulary(event), justPublished: event.url.searchParams.has('publiee') };
};

export const actions: Actions = {
  edit: async (event) => {
    const fd = await event.request.formData();
    const { body, values, errors } = readOfferForm(fd);
    const { kind: _kind, ...update } = body;
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(OfferUpdate, update), ...errors });
    const result = await callApi<Offer>(event, 'PATCH', `/offers/${encodeURIComponent(event.params.offerId)}`, update);
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { edited: true };
  },
  close: async (event) => {
    const result = await callApi<Offer>(event, 'POST', `/offers/${encodeURIComponent(event.params.offerId)}/close`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { closed: true };
  },
};
