import { fail } from '@sveltejs/kit';
import type { Page } from '$contract/common.ts';
import { NeedCreate, type Need } from '$contract/needs.ts';
import type { Offer } from '$contract/offers.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, list, numberField, text, valuesOf } from '$lib/server/forms.ts';
import type { InterestResult, Partnership, PendingInterest, RankedOffers } from '$contract/partners.ts';
import { getVocabulary } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

/** What the association needs from companies, and the companies' open offers in its causes. */
export const load: PageServerLoad = async (event) => {
  const { association } = await event.parent();
  const [needs, ranked, partnerships, interests, vocabulary] = await Promise.all([
    callApi<Page<Need>>(event, 'GET', '/needs' + toQuery({ association: event.params.id, limit: 100 })),
    callApi<RankedOffers>(event, 'GET', `/associations/${encodeURIComponent(event.params.id)}/offer-suggestions` + toQuery({ limit: 12 })),
    callApi<{ items: Partnership[] }>(event, 'GET', '/partnerships' + toQuery({ association: event.params.id })),
    // Companies that said they are interested in the association, whatever its ranking shows: answered from here.
    callApi<{ items: PendingInterest[] }>(event, 'GET', '/partner-interests' + toQuery({ association: event.params.id, interestedSide: 'company' })),
    getVocabulary(event),
  ]);
  // Without the ranking (a member who is not allowed, a service without it), the open offers in the association's causes.
  const fallback = ranked.ok
    ? null
    : await callApi<Page<Offer>>(event, 'GET', '/offers' + toQuery({ status: 'open', theme: association.themes.length ? association.themes : undefined, territory: association.territory.code, limit: 30 }));
  return {
    needs: needs.ok ? needs.data.items : [],
    ranked: ranked.ok ? ranked.data.items : [],
    offers: fallback?.ok ? fallback.data.items : [],
    partnerships: partnerships.ok ? partnerships.data.items : [],
    interests: interests.ok ? interests.data.items : [],
    problem: !needs.ok ? (needs.problem.detail ?? needs.problem.title) : null,
    vocabulary,
  };
};

export const actions: Actions = {
  createNeed: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const errors: Record<string, string> = {};
    const amountEur = numberField(fd, 'amountEur', errors, { integer: true });
    const body = { associationId: event.params.id, kind: text(fd, 'kind'), title: text(fd, 'title'), description: text(fd, 'description'), skills: list(fd, 'skills'), themes: list(fd, 'themes'), amountEur: amountEur ?? null };
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(NeedCreate, body), ...errors });
    const result = await callApi<Need>(event, 'POST', '/needs', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { done: 'Besoin publié : les entreprises du territoire peuvent le voir.' };
  },
  interest: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<InterestResult>(event, 'POST', `/offers/${encodeURIComponent(text(fd, 'offerId'))}/interests`, { associationId: event.params.id, side: 'association' });
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: result.data.partnership ? 'Intérêt réciproque : un partenariat est proposé à l’entreprise.' : 'Votre intérêt est transmis à l’entreprise.' };
  },
  withdrawInterest: async (event) => {
    const fd = await event.request.formData();
    const query = toQuery({ associationId: event.params.id, side: 'association' });
    const result = await callApi<InterestResult>(event, 'DELETE', `/offers/${encodeURIComponent(text(fd, 'offerId'))}/interests${query}`);
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: 'Intérêt retiré : l’entreprise ne le voit plus.' };
  },
  setStatus: async (event) => {
    const fd = await event.request.formData();
    const status = text(fd, 'status');
    const result = await callApi<Need>(event, 'PATCH', `/needs/${encodeURIComponent(text(fd, 'needId'))}`, { status });
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: status === 'met' ? 'Besoin marqué comme satisfait. Bravo !' : 'Besoin clos.' };
  },
};
