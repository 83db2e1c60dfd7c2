import { callApi } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

// The link sent to the new address. Confirming takes a click (a POST): mail scanners open links.
export const load: PageServerLoad = async ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<{ email: string }>(event, 'POST', '/auth/email/confirm', { token: text(fd, 'token') });
    if (!result.ok) return failFromProblem(result.status, result.problem, {});
    return { email: result.data.email };
  },
};
