import { fail, redirect } from '@sveltejs/kit';
import type { ApplicationList } from '$contract/applications.ts';
import { CitizenProfileCreate, type CitizenProfile } from '$contract/citizens.ts';
import type { Invitation } from '$contract/matching.ts';
import { callApi, clearSession, getOrNull } from '$lib/server/api.ts';
import { availabilityField, checked, contractErrors, failFromProblem, failLocally, list, numberField, text, valuesOf } from '$lib/server/forms.ts';
import { communeLabel, getVocabulary, listCommunes, resolveCommune } from '$lib/server/vocabulary.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.me) redirect(303, '/compte/connexion?suite=/profil');
  const [profile, vocabulary, communes, applications, invitations, views, boardContacts] = await Promise.all([
    getOrNull<CitizenProfile>(event, '/citizens/me'),
    getVocabulary(event),
    listCommunes(event),
    callApi<ApplicationList>(event, 'GET', '/me/applications'),
    callApi<{ items: Invitation[] }>(event, 'GET', '/me/invitations'),
    callApi<{ items: { viewedAt: string; context: string; organisation: { name: string } | null }[] }>(event, 'GET', '/me/profile-views'),
    callApi<{ items: { id: string; associationName: string; role: string | null; message: string; status: string }[] }>(event, 'GET', '/me/board-contacts'),
  ]);
  return {
    profile,
    vocabulary,
    communes: communes.map(communeLabel),
    applications: applications.ok ? applications.data.items : [],
    invitations: invitations.ok ? invitations.data.items : [],
    views: views.ok ? views.data.items.slice(0, 10) : [],
    boardContacts: boardContacts.ok ? boardContacts.data.items.filter((c) => c.status === 'pending') : [],
  };
};

export const actions: Actions = {
  save: async (event) => {
    const fd = await event.request.formData();
    const values = valuesOf(fd);
    const errors: Record<string, string> = {};
    const birthYear = numberField(fd, 'birthYear', errors, { integer: true });
    const radiusKm = numberField(fd, 'radiusKm', errors);
    const commune = await resolveCommune(event, text(fd, 'commune'));
    if ('error' in commune) errors.commune = commune.error;
    const body = {
      firstName: text(fd, 'firstName'),
      birthYear: birthYear ?? null,
      wish: text(fd, 'wish'),
      skills: list(fd, 'skills'),
      themes: list(fd, 'themes'),
      availability: availabilityField(fd),
      communeInsee: 'insee' in commune ? commune.insee : '',
      radiusKm: radiusKm ?? 10,
      languages: text(fd, 'languages').split(/[\s,;]+/).map((l) => l.toLowerCase()).filter(Boolean),
      accessibilityNeeds: list(fd, 'accessibilityNeeds'),
      acceptsRemote: checked(fd, 'acceptsRemote'),
      isVisibleToAssociations: checked(fd, 'isVisibleToAssociations'),
      isOpenToBoardRoles: checked(fd, 'isOpenToBoardRoles'),
      digest: text(fd, 'digest') || 'never',
    };
    if (Object.keys(errors).length) return failLocally(values, { ...contractErrors(CitizenProfileCreate, body, { communeInsee: 'commune' }), ...errors });
    const exists = text(fd, 'exists') === '1';
    const result = await callApi<CitizenProfile>(event, exists ? 'PATCH' : 'POST', exists ? '/citizens/me' : '/citizens', body);
    if (!result.ok) return failFromProblem(result.status, result.problem, values, { communeInsee: 'commune' });
    return { saved: true, created: !exists };
  },
  answerInvitation: async (event) => {
    const fd = await event.request.formData();
    const verb = text(fd, 'answer') === 'accept' ? 'accept' : 'decline';
    const result = await callApi<Invitation>(event, 'POST', `/invitations/${encodeURIComponent(text(fd, 'invitationId'))}/${verb}`);
    if (!result.ok) return fail(result.status, { invitationMessage: result.problem.detail ?? result.problem.title });
    return { invitationMessage: verb === 'accept' ? 'Invitation acceptée : votre candidature est transmise à l’association.' : 'Invitation déclinée.' };
  },
  answerBoardContact: async (event) => {
    const fd = await event.request.formData();
    const verb = text(fd, 'answer') === 'accept' ? 'accept' : 'decline';
    const result = await callApi(event, 'POST', `/board-contacts/${encodeURIComponent(text(fd, 'contactId'))}/${verb}`);
    if (!result.ok) return fail(result.status, { invitationMessage: result.problem.detail ?? result.problem.title });
    return { invitationMessage: verb === 'accept' ? 'Vous avez accepté l’échange : l’association connaît maintenant votre prénom et votre e-mail.' : 'Demande refusée.' };
  },
  deleteAccount: async (event) => {
    const fd = await event.request.formData();
    const result = await callApi(event, 'DELETE', '/me', { password: String(fd.get('password') ?? '') });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, { password: 'deletePassword' }, 'delete');
    clearSession(event);
    redirect(303, '/?compte-supprime=1');
  },
};
