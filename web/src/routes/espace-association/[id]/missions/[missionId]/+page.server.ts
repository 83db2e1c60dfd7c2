import { error, fail } from '@sveltejs/kit';
import type { Application, ApplicationList } from '$contract/applications.ts';
import type { Invitation, VolunteerSuggestions } from '$contract/matching.ts';
import { MissionUpdate, type Mission } from '$contract/missions.ts';
import { callApi, getOrFail, toQuery } from '$lib/server/api.ts';
import { contractErrors, failFromProblem, failLocally, text } from '$lib/server/forms.ts';
import { readMissionForm } from '$lib/server/mission-form.ts';
import { communeLabel, getVocabulary, listCommunes } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

/** One mission seen by its association: applicants and their status, volunteers who fit, the edit form. */
export const load: PageServerLoad = async (event) => {
  const id = encodeURIComponent(event.params.missionId);
  const mission = await getOrFail<Mission>(event, `/missions/${id}`);
  if (mission.association.id !== event.params.id) error(404, 'Cette mission n’appartient pas à cette association.');
  const [applications, volunteers, vocabulary, communes] = await Promise.all([
    callApi<ApplicationList>(event, 'GET', `/missions/${id}/applications`),
    mission.status === 'open' ? callApi<VolunteerSuggestions>(event, 'GET', `/missions/${id}/volunteer-suggestions` + toQuery({ limit: 10 })) : null,
    getVocabulary(event),
    listCommunes(event),
  ]);
  return {
    mission,
    applications: applications.ok ? applications.data.items : [],
    applicationsProblem: applications.ok ? null : (applications.problem.detail ?? applications.problem.title),
    volunteers: volunteers?.ok ? volunteers.data.items : [],
    volunteersProblem: volunteers && !volunteers.ok ? (volunteers.problem.detail ?? volunteers.problem.title) : null,
    vocabulary,
    communes: communes.map(communeLabel),
    justPublished: event.url.searchParams.has('publiee'),
  };
};

const decide = (verb: 'accept' | 'decline') => async (event: Parameters<Actions[string]>[0]) => {
  const fd = await event.request.formData();
  const result = await callApi<Application>(event, 'POST', `/applications/${encodeURIComponent(text(fd, 'applicationId'))}/${verb}`);
  if (!result.ok) return fail(result.status, { decisionMessage: result.problem.detail ?? result.problem.title });
  return { decided: verb, who: result.data.citizen.firstName };
};

export const actions: Actions = {
  edit: async (event) => {
    const fd = await event.request.formData();
    const { body, values, errors } = await readMissionForm(event, fd);
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(MissionUpdate, body, { communeInsee: 'commune' }), ...errors }, 'edit');
    const result = await callApi<Mission>(event, 'PATCH', `/missions/${encodeURIComponent(event.params.missionId)}`, body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { communeInsee: 'commune' }, 'edit');
    return { edited: true };
  },
  status: async (event) => {
    const fd = await event.request.formData();
    const status = text(fd, 'status');
    const result = await callApi<Mission>(event, 'PATCH', `/missions/${encodeURIComponent(event.params.missionId)}`, { status });
    if (!result.ok) return fail(result.status, { statusMessage: result.problem.detail ?? result.problem.title });
    return { statusChanged: status };
  },
  accept: decide('accept'),
  decline: decide('decline'),
  invite: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi<Invitation>(event, 'POST', `/missions/${encodeURIComponent(event.params.missionId)}/invitations`, {
      citizenId: text(fd, 'citizenId'),
      message: text(fd, 'message'),
    });
    if (!result.ok) return fail(result.status, { inviteMessage: result.problem.detail ?? result.problem.title, citizenId: text(fd, 'citizenId') });
    return { invited: text(fd, 'citizenId') };
  },
};
