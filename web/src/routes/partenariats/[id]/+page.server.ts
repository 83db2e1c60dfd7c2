import { fail, redirect } from '@sveltejs/kit';
import type { Partnership, PartnershipMessage } from '$contract/partners.ts';
import { callApi, getOrFail } from '$lib/server/api.ts';
import { failFromProblem, failLocally, numberField, optionalText, text, valuesOf } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

const path = (event: { params: { id: string } }) => `/partnerships/${encodeURIComponent(event.params.id)}`;

/**
 * One partnership, for its two parties: what it is about, its state, the conversation between the company and the
 * association, and the actions each side may take (the company activates a proposal; either side closes it).
 */
export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(event.url.pathname)}`);
  // The conversation is the two parties' only (a platform administrator sees the partnership, not the messages).
  const [partnership, messages] = await Promise.all([
    getOrFail<Partnership>(event, path(event)),
    callApi<{ items: PartnershipMessage[] }>(event, 'GET', path(event) + '/messages'),
  ]);
  return {
    partnership,
    messages: messages.ok ? messages.data.items : [],
    messagesProblem: messages.ok ? null : (messages.problem.detail ?? messages.problem.title),
    isCompany: me.companies.some((c) => c.id === partnership.company.id),
    isAssociation: me.associations.some((a) => a.id === partnership.association.id),
  };
};

export const actions: Actions = {
  message: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<PartnershipMessage>(event, 'POST', path(event) + '/messages', { body: text(fd, 'body') });
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'message');
    return { done: 'Message envoyé.' };
  },
  activate: async (event) => {
    const result = await callApi<Partnership>(event, 'POST', path(event) + '/activate');
    if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
    return { done: 'Partenariat activé : une place de l’offre lui est réservée.' };
  },
  end: async (event) => {
    const fd = await event.request.formData();
    const errors: Record<string, string> = {};
    const body = {
      hours: numberField(fd, 'hours', errors, { integer: true }),
      amountEur: numberField(fd, 'amountEur', errors, { integer: true }),
      days: numberField(fd, 'days', errors, { integer: true }),
      items: optionalText(fd, 'items'),
    };
    if (Object.keys(errors).length) return failLocally(valuesOf(fd), errors, 'end');
    const result = await callApi<Partnership>(event, 'POST', path(event) + '/end', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'end');
    return { done: 'Partenariat clos. Merci d’avoir noté ce qui a été donné.' };
  },
};
