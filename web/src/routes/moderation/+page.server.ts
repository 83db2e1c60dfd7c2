import { error, fail, redirect } from '@sveltejs/kit';
import type { Page } from '$contract/common.ts';
import { callApi, toQuery } from '$lib/server/api.ts';
import { text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

type ModerationItem = {
  kind: 'association' | 'company';
  id: string;
  name: string;
  rna: string | null;
  siren: string | null;
  verification: 'pending' | 'verified' | 'suspended';
  communeInsee: string;
  members: number;
  isRegistrationValid: boolean;
  registrationProblem: string | null;
  createdAt: string;
};

/** Moderators: organisations waiting for verification (or in another state), to verify or suspend. */
export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/moderation');
  if (!me.isModerator && !me.isPlatformAdmin) error(403, 'Réservé aux modérateurs et aux administrateurs de la plateforme.');
  const state = ['pending', 'verified', 'suspended'].includes(event.url.searchParams.get('etat') ?? '') ? event.url.searchParams.get('etat')! : 'pending';
  const result = await callApi<Page<ModerationItem>>(event, 'GET', '/moderation/organisations' + toQuery({ state, limit: 100 }));
  return { state, items: result.ok ? result.data.items : [], total: result.ok ? result.data.total : 0, problem: result.ok ? null : (result.problem.detail ?? result.problem.title) };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    const kind = text(fd, 'kind') === 'company' ? 'companies' : 'associations';
    const state = text(fd, 'state');
    const result = await callApi<ModerationItem>(event, 'PATCH', `/moderation/${kind}/${encodeURIComponent(text(fd, 'id'))}`, { state, reason: text(fd, 'reason') });
    if (!result.ok) return fail(result.status, { error: result.problem.detail ?? result.problem.title });
    return { done: `${result.data.name} : ${state === 'verified' ? 'vérifiée' : state === 'suspended' ? 'suspendue' : 'remise en attente'}.` };
  },
};
