import { error, fail } from '@sveltejs/kit';
import { OfferUpdate, type Offer } from '$contract/offers.ts';
import { callApi, getOrFail } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally } from '$lib/server/forms.ts';
import { readOfferForm } from '$lib/server/offer-form.ts';
import type { InterestResult, Partnership, PendingInterest, RankedAssociations } from '$contract/partners.ts';
import { toQuery } from '$lib/server/api.ts';
import { text } from '$lib/server/forms.ts';
import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const offer = await getOrFail<Offer>(event, `/offers/${encodeURIComponent(event.params.offerId)}`);
  if (offer.company.id !== event.params.id) error(404, 'Cette offre n’appartient pas à cette entreprise.');
  const [suggestions, partnerships, interests, vocabulary] = await Promise.all([
    offer.status === 'open' ? callApi<RankedAssociations>(event, 'GET', `/offers/${offer.id}/association-suggestions` + toQuery({ limit: 10 })) : null,
    callApi<{ items: Partnership[] }>(event, 'GET', '/partnerships' + toQuery({ company: event.params.id })),
    // Associations that said they are interested, ranked or not: the company answers them from here.
    callApi<{ items: PendingInterest[] }>(event, 'GET', '/partner-interests' + toQuery({ offer: offer.id, interestedSide: 'association' })),
    getVocabulary(event),
  ]);
  return {
    offer,
    vocabulary,
    justPublished: event.url.searchParams.has('publiee'),
    suggestions: suggestions?.ok ? suggestions.data.items : [],
    suggestionsProblem: suggestions && !suggestions.ok ? (suggestions.problem.detail ?? suggestions.problem.title) : null,
    partnerships: partnerships.ok ? partnerships.data.items.filter((p) => p.offer.id === offer.id) : [],
    interests: interests.ok ? interests.data.items : [],
  };
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
  interest: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<InterestResult>(event, 'POST', `/offers/${encodeURIComponent(event.params.offerId)}/interests`, { associationId: text(fd, 'associationId'), side: 'company' });
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { interest: result.data.partnership ? 'Intérêt réciproque : un partenariat est proposé.' : 'Votre intérêt est transmis à l’association.' };
  },
  withdrawInterest: async (event) => {
    const fd = await event.request.formData();
    const query = toQuery({ associationId: text(fd, 'associationId'), side: 'company' });
    const result = await callApi<InterestResult>(event, 'DELETE', `/offers/${encodeURIComponent(event.params.offerId)}/interests${query}`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { interest: 'Intérêt retiré : l’association ne le voit plus.' };
  },
  activate: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<Partnership>(event, 'POST', `/partnerships/${encodeURIComponent(text(fd, 'partnershipId'))}/activate`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { interest: `Partenariat avec ${result.data.association.name} activé.` };
  },
  close: async (event) => {
    const result = await callApi<Offer>(event, 'POST', `/offers/${encodeURIComponent(event.params.offerId)}/close`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { closed: true };
  },
};
