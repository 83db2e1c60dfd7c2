import { fail } from '@sveltejs/kit';
import { UNSUBSCRIBE_LABELS, UnsubscribeTopic } from '$contract/notices.ts';
import { callApi } from '$lib/server/api.ts';
import { text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link at the bottom of a notice e-mail. Following it only asks: the change takes a click (a POST), because
 * mail filters open the links of the messages they scan, which would otherwise unsubscribe people.
 */
export const load: PageServerLoad = async ({ url }) => {
  const parsed = UnsubscribeTopic.safeParse(url.searchParams.get('sujet'));
  const key = url.searchParams.get('cle') ?? '';
  if (!parsed.success || !key) return { link: null };
  return { link: { key, category: parsed.data, label: UNSUBSCRIBE_LABELS[parsed.data] } };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<{ category: UnsubscribeTopic }>(event, 'POST', '/notifications/unsubscribe', { key: text(fd, 'key'), category: text(fd, 'category') });
    if (result.ok) return { done: true };
    // The key and the category are hidden fields: a report field by field would point at nothing the visitor can fix.
    const message = result.status === 422 ? 'Ce lien de désabonnement est abîmé : ouvrez-le tel qu’il figure dans l’e-mail.' : (result.problem.detail ?? result.problem.title);
    return fail(result.status, { message });
  },
};
