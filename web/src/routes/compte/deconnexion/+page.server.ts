import { redirect } from '@sveltejs/kit';
import { callApi, clearSession } from '$lib/server/api.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => redirect(303, '/');

export const actions: Actions = {
  default: async (event) => {
    await callApi(event, 'POST', '/auth/logout');
    clearSession(event);
    redirect(303, '/');
  },
};
