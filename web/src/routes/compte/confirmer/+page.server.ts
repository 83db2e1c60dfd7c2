import { redirect } from '@sveltejs/kit';
import { callApi } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

// Confirming takes a click (a POST), not a GET: mail scanners that open links must not consume the token.
export const load: PageServerLoad = async ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<{ verified: true }>(event, 'POST', '/auth/verify-email', { token: text(fd, 'token') });
    if (!result.ok) return failFromProblem(result.status, result.problem, {});
    redirect(303, '/compte/connexion?confirme');
  },
};
