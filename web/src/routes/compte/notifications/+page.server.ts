import { redirect } from '@sveltejs/kit';
import { NOTICE_CATEGORIES, NoticeCategory, type NoticeSettings } from '$contract/notices.ts';
import { callApi, getOrFail } from '$lib/server/api.ts';
import { failFromProblem } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.me) redirect(303, '/compte/connexion?suite=/compte/notifications');
  const settings = await getOrFail<NoticeSettings>(event, '/me/notifications');
  // Labels from here, not imported by the page: the contract modules would bring zod into the browser.
  return { categories: NoticeCategory.options.map((code) => ({ code, ...NOTICE_CATEGORIES[code], isEnabled: settings[code] })) };
};

export const actions: Actions = {
  default: async (event) => {
    const fd = await event.request.formData();
    // A box left unticked is not sent at all: every category not ticked is turned off.
    const ticked = new Set(fd.getAll('categories').map(String));
    const body = Object.fromEntries(NoticeCategory.options.map((c) => [c, ticked.has(c)]));
    const result = await callApi<NoticeSettings>(event, 'PATCH', '/me/notifications', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, { categories: [...ticked] });
    return { saved: true };
  },
};
