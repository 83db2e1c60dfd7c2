import { error, fail, redirect } from '@sveltejs/kit';
import { JobRunFilters, STARTABLE_JOBS, jobLabel, type JobRun } from '$contract/jobs.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const me = event.locals.me;
  if (!me) redirect(303, '/compte/connexion?suite=/administration/taches');
  if (!me.isPlatformAdmin && !me.isModerator) error(403, 'Réservé à l’équipe de la plateforme.');
  const status = JobRunFilters.shape.status.safeParse(event.url.searchParams.get('etat') || undefined);
  const filter = status.success ? status.data : undefined;
  const runs = await getOrFail<{ items: JobRun[] }>(event, '/jobs' + toQuery({ status: filter, limit: 50 }));
  return {
    // Labels from here, not imported by the page: the contract modules would bring zod into the browser.
    runs: runs.items.map((r) => ({ ...r, title: jobLabel(r.name) })),
    startable: STARTABLE_JOBS.map(({ value, label }) => ({ value, label })),
    status: filter ?? '',
    isPlatformAdmin: me.isPlatformAdmin,
    started: event.url.searchParams.get('lancee'),
  };
};

export const actions: Actions = {
  start: async (event) => {
    const fd = await event.request.formData();
    const choice = STARTABLE_JOBS.find((j) => j.value === text(fd, 'job'));
    if (!choice) return fail(422, { message: 'Choisissez une tâche dans la liste.' });
    const result = await callApi<JobRun>(event, 'POST', '/jobs', choice.start);
    if (!result.ok) return failFromProblem(result.status, result.problem, { job: choice.value });
    redirect(303, `/administration/taches?lancee=${encodeURIComponent(result.data.id)}`);
  },
};
