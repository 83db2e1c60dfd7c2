import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Invitation, MemberList } from '$contract/accounts.ts';
import { MEMBER_ROLE, formatDate } from '$lib/labels.ts';
import { callApi, type ApiEvent } from './api.ts';
import { failFromProblem, failLocally, text, valuesOf } from './forms.ts';

type OrganisationKind = 'association' | 'company';

/** Where each kind of organisation lives: its API collection, its space in the web app, and how pages name it. */
const ORGANISATIONS = {
  association: { api: '/associations', space: '/espace-association', the: 'l’association' },
  company: { api: '/companies', space: '/espace-entreprise', the: 'l’entreprise' },
} as const satisfies Record<OrganisationKind, { api: string; space: string; the: string }>;

type MembersEvent = ApiEvent & Pick<RequestEvent, 'locals'> & { params: { id: string } };

const membersPath = (kind: OrganisationKind, event: MembersEvent) => `${ORGANISATIONS[kind].api}/${encodeURIComponent(event.params.id)}/members`;

/**
 * The members page of an association or a company: who belongs (and pending invitations, which the API lists for
 * admins only). The viewer's role only decides which buttons are shown; the API decides what is allowed.
 */
export async function loadMembers(event: MembersEvent, kind: OrganisationKind) {
  const me = event.locals.me;
  const result = await callApi<MemberList>(event, 'GET', membersPath(kind, event));
  const role = (kind === 'association' ? me?.associations : me?.companies)?.find((o) => o.id === event.params.id)?.role ?? null;
  return {
    members: result.ok ? result.data.members : [],
    invitations: result.ok ? result.data.invitations : [],
    problem: result.ok ? null : (result.problem.detail ?? result.problem.title),
    myUserId: me?.userId ?? null,
    isAdmin: role === 'admin' || !!me?.isPlatformAdmin,
    organisation: ORGANISATIONS[kind].the,
  };
}

/** invite (admins), remove (admins), leave (oneself): the same three form actions for both kinds of organisation. */
export function memberActions(kind: OrganisationKind) {
  const { api, space, the } = ORGANISATIONS[kind];
  return {
    invite: async (event: MembersEvent) => {
      const fd = await event.request.formData();
      const body = { email: text(fd, 'email'), role: text(fd, 'role') };
      if (!Object.hasOwn(MEMBER_ROLE, body.role)) return failLocally(valuesOf(fd), { role: 'choisissez « membre » ou « administrateur·rice »' }, 'invite');
      const result = await callApi<Invitation>(event, 'POST', `${api}/${encodeURIComponent(event.params.id)}/invitations`, body);
      if (!result.ok) return failFromProblem(result.status, result.problem, valuesOf(fd), {}, 'invite');
      return { invited: `Invitation envoyée à ${result.data.email}. Le lien qu’elle contient est valable jusqu’au ${formatDate(result.data.expiresAt)}.` };
    },
    remove: async (event: MembersEvent) => {
      const fd = await event.request.formData();
      const result = await callApi(event, 'DELETE', `${membersPath(kind, event)}/${encodeURIComponent(text(fd, 'userId'))}`);
      if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
      return { done: `${text(fd, 'displayName') || 'Ce membre'} ne fait plus partie de ${the}.` };
    },
    leave: async (event: MembersEvent) => {
      const me = event.locals.me;
      if (!me) redirect(303, '/compte/connexion');
      const result = await callApi(event, 'DELETE', `${membersPath(kind, event)}/${encodeURIComponent(me.userId)}`);
      if (!result.ok) return fail(result.status, { actionError: result.problem.detail ?? result.problem.title });
      // This space is closed to former members: back to the list of the spaces the user still belongs to, which
      // says what happened.
      redirect(303, `${space}?liste&quitte`);
    },
  };
}
