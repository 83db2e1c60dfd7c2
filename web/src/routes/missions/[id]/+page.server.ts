import { fail, redirect } from '@sveltejs/kit';
import type { Application, ApplicationList } from '$contract/applications.ts';
import type { MissionMatch } from '$contract/matching.ts';
import type { Mission } from '$contract/missions.ts';
import { callApi, getOrFail } from '$lib/server/api.ts';
import { failFromProblem, text } from '$lib/server/forms.ts';
import type { Actions, PageServerLoad } from './$types';

/** A mission: what, who, where, when, places left, how fast the association answers, and for a citizen why it fits. */
export const load: PageServerLoad = async (event) => {
  const mission = await getOrFail<Mission>(event, `/missions/${encodeURIComponent(event.params.id)}`);
  const me = event.locals.me;
  const [match, applications] = me?.citizenId
    ? await Promise.all([
        callApi<MissionMatch>(event, 'GET', `/missions/${encodeURIComponent(mission.id)}/match`),
        callApi<ApplicationList>(event, 'GET', '/me/applications'),
      ])
    : [null, null];
  return {
    mission,
    match: match?.ok ? match.data : null,
    application: applications?.ok ? (applications.data.items.find((a) => a.mission.id === mission.id && a.status !== 'withdrawn') ?? null) : null,
    isMember: !!me?.associations.some((a) => a.id === mission.association.id),
    hasProfile: !!me?.citizenId,
  };
};

export const actions: Actions = {
  apply: async (event) => {
    if (!event.locals.me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(event.url.pathname)}`);
    const fd = await event.request.formData();
    const values = { message: text(fd, 'message') };
    const result = await callApi<Application>(event, 'POST', `/missions/${encodeURIComponent(event.params.id)}/applications`, values);
    if (!result.ok) return failFromProblem(result.status, result.problem, values);
    return { applied: true };
  },
  withdraw: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<Application>(event, 'POST', `/applications/${encodeURIComponent(text(fd, 'applicationId'))}/withdraw`);
    if (!result.ok) return fail(result.status, { values: {}, errors: {}, message: result.problem.detail ?? result.problem.title });
    return { withdrawn: true };
  },
  dismiss: async (event) => {
    if (!event.locals.me) redirect(303, `/compte/connexion?suite=${encodeURIComponent(event.url.pathname)}`);
    const result = await callApi(event, 'POST', `/missions/${encodeURIComponent(event.params.id)}/dismissal`);
    if (!result.ok) return fail(result.status, { values: {}, errors: {}, message: result.problem.detail ?? result.problem.title });
    redirect(303, '/?masquee=1');
  },
};
