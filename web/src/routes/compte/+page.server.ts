import { redirect } from '@sveltejs/kit';
import type { Message, SessionList } from '$contract/accounts.ts';
import { callApi, getOrFail, storeSession } from '$lib/server/api.ts';
import { failFromProblem, failLocally, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.me) redirect(303, '/compte/connexion?suite=/compte');
  const sessions = await getOrFail<SessionList>(event, '/me/sessions');
  // This device first, then the most recent.
  return { sessions: sessions.items.sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.createdAt.localeCompare(a.createdAt)) };
};

export const actions: Actions = {
  rename: async (event) => {
    const fd = await event.request.formData();
    const values = { displayName: text(fd, 'displayName') };
    const result = await callApi<{ displayName: string }>(event, 'PATCH', '/me', values);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, {}, 'rename');
    // The page is rendered from this request's account, read before the change: without JavaScript (no reload
    // after the action), the header would still show the former name.
    if (event.locals.me) event.locals.me = { ...event.locals.me, displayName: result.data.displayName };
    return { done: 'rename' };
  },
  email: async (event) => {
    const fd = await event.request.formData();
    const values = { newEmail: text(fd, 'newEmail') };
    const result = await callApi<Message>(event, 'POST', '/auth/email/change', { ...values, currentPassword: String(fd.get('emailPassword') ?? '') });
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { currentPassword: 'emailPassword' }, 'email');
    return { done: 'email', message: result.data.message };
  },
  password: async (event) => {
    const fd = await event.request.formData();
    const newPassword = String(fd.get('newPassword') ?? '');
    if (newPassword !== String(fd.get('newPasswordConfirm') ?? '')) return failLocally({}, { newPasswordConfirm: 'les deux mots de passe diffèrent' }, 'password');
    const result = await callApi<{ csrfToken: string; expiresAt: string }>(event, 'POST', '/auth/password/change', { currentPassword: String(fd.get('currentPassword') ?? ''), newPassword });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, {}, 'password');
    // The API closed every session, this one included, and opened a new one for this device.
    storeSession(event, result.headers, result.data.csrfToken, result.data.expiresAt);
    return { done: 'password' };
  },
  endOthers: async (event) => {
    const result = await callApi(event, 'DELETE', '/me/sessions');
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, {}, 'sessions');
    return { done: 'sessions' };
  },
};
