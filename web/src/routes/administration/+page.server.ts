import { error, redirect } from '@sveltejs/kit';
import type { UserRoles, UserSearchResult } from '$contract/accounts.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import { checked, failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/administration');
  if (!me.isPlatformAdmin) error(403, 'Réservé aux administrateurs de la plateforme.');
  const q = event.url.searchParams.get('q')?.trim() ?? '';
  // A single character would match most accounts: the search asks for two (the API refuses fewer too).
  const tooShort = q.length > 0 && q.length < 2;
  const found = await getOrFail<UserSearchResult>(event, '/admin/users' + toQuery({ q: q && !tooShort ? q : undefined, limit: 50 }));
  return { q, tooShort, users: found.items, myId: me.userId };
};

export const actions: Actions = {
  roles: async (event) => {
    const fd = await event.request.formData();
    const userId = text(fd, 'userId');
    const body = { isModerator: checked(fd, 'isModerator'), isOrganiser: checked(fd, 'isOrganiser'), isPlatformAdmin: checked(fd, 'isPlatformAdmin') };
    const result = await callApi<UserRoles>(event, 'PATCH', `/admin/users/${encodeURIComponent(userId)}/roles`, body);
    if (!result.ok) return failFromProblem(result.status, result.problem, { userId }, {}, userId);
    return { saved: userId };
  },
};
