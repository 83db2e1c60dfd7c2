import { redirect } from '@sveltejs/kit';
import { callApi } from '$lib/server/api.ts';
import { text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

type Accepted = { kind: 'association' | 'company'; organisationId: string; role: 'member' | 'admin' };

/** The link of an e-mail inviting someone into an association or a company: sign in, then one click. */
export const load: PageServerLoad = async ({ url, locals }) => {
  const token = url.searchParams.get('token') ?? '';
  if (!locals.me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(`/invitations/accepter?token=${token}`)}`);
  return { token };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<Accepted>(event, 'POST', '/organisation-invitations/accept', { token: text(fd, 'token') });
    if (!result.ok) return { message: result.problem.detail ?? result.problem.title };
    redirect(303, result.data.kind === 'association' ? `/espace-association/${result.data.organisationId}` : `/espace-entreprise/${result.data.organisationId}`);
  },
};
