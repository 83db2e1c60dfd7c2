import { redirect } from '@sveltejs/kit';
import type { Message } from '$contract/accounts.ts';
import { callApi } from '$lib/server/api.ts';
import { failFromProblem, failLocally, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const password = String(fd.get('password') ?? '');
    if (password !== String(fd.get('passwordConfirm') ?? '')) return failLocally({}, { passwordConfirm: 'les deux mots de passe diffèrent' });
    const result = await callApi<Message>(event, 'POST', '/auth/password/reset', { token: text(fd, 'token'), password });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, { token: '_form' });
    redirect(303, '/compte/connexion?reinitialise');
  },
};
