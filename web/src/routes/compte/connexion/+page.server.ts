import { redirect } from '@sveltejs/kit';
import type { LogInResult } from '$contract/accounts.ts';
import { callApi, storeSession } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/** Only local paths: `suite` comes from the address bar and must not send anyone to another site. */
const safeNext = (raw: string | null) => (raw && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/');

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.me) redirect(303, safeNext(url.searchParams.get('suite')));
  return { next: safeNext(url.searchParams.get('suite')), isReset: url.searchParams.has('reinitialise'), isVerified: url.searchParams.has('confirme') };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const values = { email: text(fd, 'email') };
    const result = await callApi<LogInResult>(event, 'POST', '/auth/login', { email: values.email, password: String(fd.get('password') ?? '') });
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    storeSession(event, result.headers, result.data.csrfToken, result.data.expiresAt);
    redirect(303, safeNext(text(fd, 'next')));
  },
};
