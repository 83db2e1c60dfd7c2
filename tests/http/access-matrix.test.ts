/**
 * Every route x every role, against an explicit table of expected statuses. A route without a line here fails
 * the suite: adding a route means writing down who may call it.
 *
 * How to add your route: add one line to MATRIX below, keyed 'METHOD /path' exactly as declared in your
 * endpoint (see the failure message, which prints a starting line). `expect` is a rule — rule.public(),
 * rule.user(), rule.staff(), rule.platformAdmin(), rule.only(...roles) — optionally with per-role overrides
 * (a status number, 'ok' = the endpoint's success status, 'pass' = authorised: neither 401/403 nor 5xx).
 * Give `path` when the route has parameters (use the world's ids so that the check means something: an
 * association admin editing *their* mission must pass, everyone else must not), and `body` when it takes one
 * (a VALID body: an invalid one is refused with 422 before the core's authorisation runs). Set fresh: true
 * when the call changes the caller (logs out, deletes the account, gives them a membership).
 * MATRIX_PRINT=1 npx vitest run tests/http/access-matrix.test.ts prints the statuses observed for each route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNoticeState } from '../../service/src/core/accounts/notice-settings.sql.ts';
import { hashPassword } from '../../service/src/core/accounts/passwords.ts';
import { createSession } from '../../service/src/core/accounts/sessions.ts';
import { hashToken, issueOneTimeToken } from '../../service/src/core/accounts/tokens.ts';
import { createUser } from '../../service/src/core/accounts/users.ts';
import { allEndpoints } from '../../service/src/http/routes.ts';
import type { Endpoint } from '../../service/src/http/endpoint.ts';
import { DATABASE_TARGETS } from '../support/databases.ts';
import { createTestContext, jsonRequest, seedTerritory, type TestContext } from '../support/context.ts';
import { sirenFrom } from '../support/identifiers.ts';

const ROLES = ['anonymous', 'citizen', 'associationMember', 'associationAdmin', 'companyAdmin', 'organiser', 'supportAgent', 'moderator', 'platformAdmin'] as const;
type Role = (typeof ROLES)[number];
type Outcome = number | 'ok' | 'pass';
type Expectation = Record<Role, Outcome>;
type Headers = Record<string, string>;
type Case = {
  expect: Expectation;
  path?: (w: World, role: Role, actor: RoleUser) => string | Promise<string>;
  body?: (w: World, role: Role, actor: RoleUser) => unknown;
  fresh?: boolean;
};

const all = (o: Outcome): Expectation => Object.fromEntries(ROLES.map((r) => [r, o])) as Expectation;
const rule = {
  public: (o: Partial<Expectation> = {}): Expectation => ({ ...all('ok'), ...o }),
  user: (o: Partial<Expectation> = {}): Expectation => ({ ...all('ok'), anonymous: 401, ...o }),
  staff: (o: Partial<Expectation> = {}): Expectation => ({ ...all(403), anonymous: 401, moderator: 'ok', platformAdmin: 'ok', ...o }),
  platformAdmin: (o: Partial<Expectation> = {}): Expectation => ({ ...all(403), anonymous: 401, platformAdmin: 'ok', ...o }),
  /** Only these roles succeed; anonymous gets 401, every other user 403. */
  only: (roles: Role[], o: Partial<Expectation> = {}): Expectation => ({
    ...all(403),
    anonymous: 401,
    ...Object.fromEntries(roles.map((r) => [r, 'ok'])),
    ...o,
  }),
};
const ASSOCIATION_MEMBERS: Role[] = ['associationMember', 'associationAdmin', 'platformAdmin'];
const ASSOCIATION_ADMINS: Role[] = ['associationAdmin', 'platformAdmin'];
const COMPANY_ADMINS: Role[] = ['companyAdmin', 'platformAdmin'];
/** 404 for every signed-in role but these (the resource is not theirs, and its existence is not disclosed). */
const hiddenExcept = (...roles: Role[]): Partial<Expectation> =>
  Object.fromEntries(ROLES.filter((r) => r !== 'anonymous' && !roles.includes(r)).map((r) => [r, 404]));
const notCitizen404 = hiddenExcept('citizen');

const PARTNERSHIP_PARTIES: Role[] = ['associationMember', 'associationAdmin', 'companyAdmin'];
/** A partnership is hidden (404) from everyone but its parties and staff; staff who are not a party get 403 on what is the parties' own. */
const PARTNERSHIP_HIDDEN: Partial<Expectation> = { ...hiddenExcept('associationMember', 'associationAdmin', 'companyAdmin', 'moderator', 'platformAdmin'), moderator: 403 };

// No planning is published in the world's session: those allowed to read an agenda are told so (404).
const agendaBeforePlanning: Partial<Expectation> = { organiser: 404, platformAdmin: 404, associationMember: 404, associationAdmin: 404 };

const PASSWORD = 'mot de passe de la matrice';
const ymd = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let seq = 0;
const next = () => ++seq;

type RoleUser = { id: string | null; email: string; headers: Headers; citizenId?: string };
type World = Awaited<ReturnType<typeof buildWorld>>;

const MATRIX: Record<string, Case> = {
  // Territories and vocabulary
  'GET /territories': { expect: rule.public() },
  'GET /communes': { expect: rule.public() },
  'GET /vocabulary': { expect: rule.public() },
  // Background jobs: progress for staff; starting a long job is a platform admin's call.
  'GET /jobs': { expect: rule.staff() },
  'GET /jobs/:id': { expect: rule.staff({ moderator: 404, platformAdmin: 404 }), path: () => '/jobs/00000000-0000-4000-8000-000000000000' },
  'POST /jobs': { expect: rule.platformAdmin(), body: () => ({ name: 'digest.send', frequency: 'weekly' }) },
  'GET /territories/:code/exposure': { expect: rule.staff(), path: (w) => `/territories/${w.territory.code}/exposure` },

  // Accounts
  'POST /auth/signup': { expect: rule.public(), body: () => ({ email: `nouveau-${next()}@example.org`, password: PASSWORD, displayName: 'Nouveau' }) },
  'POST /auth/verify-email': { expect: rule.public(), body: async (w) => ({ token: await w.token('verify_email') }) },
  'POST /auth/login': { expect: rule.public(), fresh: true, body: async (w) => ({ email: (await w.plainUser()).email, password: PASSWORD }) },
  'POST /auth/logout': { expect: rule.public(), fresh: true },
  'POST /auth/password/forgot': { expect: rule.public(), body: () => ({ email: `oubli-${next()}@example.org` }) },
  'POST /auth/password/reset': { expect: rule.public(), body: async (w) => ({ token: await w.token('reset_password'), password: 'nouveau mot de passe' }) },
  'POST /auth/password/change': { expect: rule.user(), fresh: true, body: () => ({ currentPassword: PASSWORD, newPassword: 'nouveau mot de passe' }) },
  'GET /me': { expect: rule.user() },
  'PATCH /me': { expect: rule.user(), body: () => ({ displayName: 'Nom changé' }) },
  'POST /auth/email/change': { expect: rule.user(), fresh: true, body: () => ({ newEmail: `ailleurs-${next()}@example.org`, currentPassword: PASSWORD }) },
  'POST /auth/email/confirm': { expect: rule.public(), body: async (w) => ({ token: await w.token('change_email') }) },
  'GET /me/export': { expect: rule.user() },
  'GET /me/sessions': { expect: rule.user() },
  'DELETE /me/sessions': { expect: rule.user(), fresh: true },
  'DELETE /me': { expect: rule.user(), fresh: true, body: () => ({ password: PASSWORD }) },
  'GET /me/profile-views': { expect: rule.user() },
  'GET /me/notifications': { expect: rule.user() },
  'PATCH /me/notifications': { expect: rule.user(), body: () => ({ board: false }) },
  'POST /notifications/unsubscribe': { expect: rule.public(), body: async (w) => ({ key: await w.noticeKey(), category: 'board' }) },
  'POST /notifications/unsubscribe/one-click': { expect: rule.public(), path: async (w) => `/notifications/unsubscribe/one-click?key=${await w.noticeKey()}&category=board` },
  'GET /me/privacy': { expect: rule.user(notCitizen404) },
  'PATCH /me/privacy': { expect: rule.user(notCitizen404), body: () => ({ digest: 'weekly' }) },

  // Organisation members and invitations
  'POST /associations/:id/invitations': { expect: rule.only(ASSOCIATION_ADMINS), path: (w) => `/associations/${w.associationId}/invitations`, body: () => ({ email: `invite-${next()}@example.org` }) },
  'GET /associations/:id/members': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/members` },
  'DELETE /associations/:id/members/:userId': { expect: rule.only(ASSOCIATION_ADMINS), path: async (w) => `/associations/${w.associationId}/members/${await w.newMember('association')}` },
  'POST /companies/:id/invitations': { expect: rule.only(COMPANY_ADMINS), path: (w) => `/companies/${w.companyId}/invitations`, body: () => ({ email: `invite-${next()}@example.org` }) },
  'GET /companies/:id/members': { expect: rule.only(COMPANY_ADMINS), path: (w) => `/companies/${w.companyId}/members` },
  'DELETE /companies/:id/members/:userId': { expect: rule.only(COMPANY_ADMINS), path: async (w) => `/companies/${w.companyId}/members/${await w.newMember('company')}` },
  'POST /organisation-invitations/accept': { expect: rule.user(), fresh: true, body: async (w, _r, actor) => ({ token: await w.invitationFor(actor.email) }) },

  // Moderation and platform administration
  'GET /moderation/organisations': { expect: rule.staff() },
  'PATCH /moderation/associations/:id': { expect: rule.staff(), path: (w) => `/moderation/associations/${w.associationId}`, body: () => ({ state: 'verified' }) },
  'PATCH /moderation/companies/:id': { expect: rule.staff(), path: (w) => `/moderation/companies/${w.companyId}`, body: () => ({ state: 'verified' }) },
  'GET /admin/users': { expect: rule.platformAdmin() },
  'PATCH /admin/users/:id/roles': { expect: rule.platformAdmin(), path: async (w) => `/admin/users/${(await w.plainUser()).id}/roles`, body: () => ({ isOrganiser: true }) },
  'POST /admin/support-organisations': { expect: rule.platformAdmin(), body: () => ({ name: `Structure ${next()}` }) },

  // Associations and missions: only the association's own people may write (IDOR)
  'GET /associations': { expect: rule.public() },
  'GET /associations/:id': { expect: rule.public(), path: (w) => `/associations/${w.associationId}` },
  'POST /associations': { expect: rule.user(), fresh: true, body: (w) => ({ rna: `W6790${String(next()).padStart(5, '0')}`, name: 'Nouvelle association', communeInsee: w.territory.communes[0].insee }) },
  'PATCH /associations/:id': { expect: rule.only(ASSOCIATION_ADMINS), path: (w) => `/associations/${w.associationId}`, body: () => ({ purpose: `Objet ${next()}` }) },
  'GET /missions': { expect: rule.public() },
  'GET /missions/:id': { expect: rule.public(), path: (w) => `/missions/${w.missionId}` },
  'POST /missions': { expect: rule.only(ASSOCIATION_MEMBERS), body: (w) => ({ associationId: w.associationId, title: 'Mission de la matrice', description: 'Aider.', isRemote: true }) },
  'PATCH /missions/:id': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/missions/${w.missionId}`, body: () => ({ title: `Mission modifiée ${next()}` }) },

  // Citizens' profiles: one's own only
  'POST /citizens': { expect: rule.user({ citizen: 409 }), fresh: true, body: (w) => ({ firstName: 'Nouveau', communeInsee: w.territory.communes[0].insee }) },
  'GET /citizens/me': { expect: rule.user(notCitizen404) },
  'PATCH /citizens/me': { expect: rule.user(notCitizen404), body: () => ({ wish: 'Aider le samedi' }) },
  'DELETE /citizens/me': { expect: rule.user(notCitizen404), fresh: true },
  'GET /citizens': { expect: rule.platformAdmin() },
  'GET /citizens/:id': { expect: rule.only(['platformAdmin'], hiddenExcept('platformAdmin')), path: (w) => `/citizens/${w.otherCitizenId}` },

  // Companies and their CSR offers
  'GET /companies': { expect: rule.public() },
  'GET /companies/:id': { expect: rule.public(), path: (w) => `/companies/${w.companyId}` },
  'POST /companies': { expect: rule.user(), fresh: true, body: (w) => ({ siren: sirenFrom(`7${String(next()).padStart(7, '0')}`), name: 'Nouvelle entreprise', communeInsee: w.territory.communes[0].insee }) },
  'PATCH /companies/:id': { expect: rule.only(COMPANY_ADMINS), path: (w) => `/companies/${w.companyId}`, body: () => ({ description: `Description ${next()}` }) },
  'GET /offers': { expect: rule.public() },
  'GET /offers/:id': { expect: rule.public(), path: (w) => `/offers/${w.offerId}` },
  'POST /offers': { expect: rule.only(COMPANY_ADMINS), body: (w) => w.offerBody() },
  'PATCH /offers/:id': { expect: rule.only(COMPANY_ADMINS), path: (w) => `/offers/${w.offerId}`, body: () => ({ title: `Offre modifiée ${next()}` }) },
  'POST /offers/:id/close': { expect: rule.only(COMPANY_ADMINS), path: async (w) => `/offers/${await w.newOffer()}/close` },

  // Associations' needs beyond missions
  'GET /needs': { expect: rule.public() },
  'GET /needs/:id': { expect: rule.public(), path: (w) => `/needs/${w.needId}` },
  'POST /needs': { expect: rule.only(ASSOCIATION_MEMBERS), body: (w) => w.needBody() },
  'PATCH /needs/:id': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/needs/${w.needId}`, body: () => ({ title: `Besoin modifié ${next()}` }) },
  'POST /needs/:id/close': { expect: rule.only(ASSOCIATION_MEMBERS), path: async (w) => `/needs/${await w.newNeed()}/close` },

  // Company partners: rankings, interests, partnerships and their conversation
  'GET /offers/:id/association-suggestions': { expect: rule.only(COMPANY_ADMINS), path: (w) => `/offers/${w.offerId}/association-suggestions` },
  'GET /associations/:id/offer-suggestions': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/offer-suggestions` },
  // Each side speaks for itself (the body says which); a fresh offer per call, since an interest is said once.
  'POST /offers/:id/interests': {
    expect: rule.only(['companyAdmin', 'associationMember', 'associationAdmin', 'platformAdmin']),
    path: async (w) => `/offers/${await w.newOffer()}/interests`,
    body: (w, role) => ({ associationId: w.associationId, side: role.startsWith('association') ? 'association' : 'company' }),
  },
  // Each side takes back only its own interest.
  'DELETE /offers/:id/interests': {
    expect: rule.only(['companyAdmin', 'associationMember', 'associationAdmin', 'platformAdmin']),
    path: async (w, role) => {
      const side = role.startsWith('association') ? 'association' : 'company';
      return `/offers/${await w.newInterest(side)}/interests?associationId=${w.associationId}&side=${side}`;
    },
  },
  'GET /partnerships': { expect: rule.user() },
  // Any signed-in user; each sees the pending interests of their own associations and companies only (partners.routes.test.ts).
  'GET /partner-interests': { expect: rule.user() },
  'GET /partnerships/:id': { expect: rule.only(['associationMember', 'associationAdmin', 'companyAdmin', 'moderator', 'platformAdmin'], hiddenExcept('associationMember', 'associationAdmin', 'companyAdmin', 'moderator', 'platformAdmin')), path: (w) => `/partnerships/${w.partnershipId}` },
  // Only the company commits a place of its offer; the association sees the partnership but may not activate it.
  'POST /partnerships/:id/activate': { expect: rule.only(COMPANY_ADMINS, { ...PARTNERSHIP_HIDDEN, associationMember: 403, associationAdmin: 403 }), path: async (w) => `/partnerships/${await w.newPartnership()}/activate` },
  'POST /partnerships/:id/end': { expect: rule.only(['associationMember', 'associationAdmin', 'companyAdmin', 'platformAdmin'], PARTNERSHIP_HIDDEN), path: async (w) => `/partnerships/${await w.newPartnership()}/end`, body: () => ({}) },
  // The conversation stays between the two parties: staff see the partnership, not the messages.
  'GET /partnerships/:id/messages': { expect: rule.only(PARTNERSHIP_PARTIES, { ...PARTNERSHIP_HIDDEN, platformAdmin: 403 }), path: (w) => `/partnerships/${w.partnershipId}/messages` },
  'POST /partnerships/:id/messages': { expect: rule.only(PARTNERSHIP_PARTIES, { ...PARTNERSHIP_HIDDEN, platformAdmin: 403 }), path: (w) => `/partnerships/${w.partnershipId}/messages`, body: () => ({ body: `Bonjour ${next()}` }) },

  // Matching, applications and invitations to citizens
  'GET /me/suggestions': { expect: rule.user(notCitizen404) },
  'POST /suggestions': { expect: rule.public(), body: (w) => ({ wish: 'aider des enfants à lire', communeInsee: w.territory.communes[0].insee }) },
  'GET /missions/:id/match': { expect: rule.user(notCitizen404), path: (w) => `/missions/${w.missionId}/match` },
  'GET /missions/:id/volunteer-suggestions': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/missions/${w.missionId}/volunteer-suggestions` },
  'POST /missions/:id/applications': { expect: rule.only(['citizen']), path: async (w) => `/missions/${await w.newMission()}/applications`, body: () => ({ message: 'Disponible' }) },
  'GET /missions/:id/applications': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/missions/${w.missionId}/applications` },
  'GET /me/applications': { expect: rule.user() },
  'POST /applications/:id/withdraw': { expect: rule.only(['citizen'], hiddenExcept('citizen')), path: async (w) => `/applications/${await w.newApplication()}/withdraw` },
  'POST /applications/:id/accept': { expect: rule.only(ASSOCIATION_MEMBERS), path: async (w) => `/applications/${await w.newApplication()}/accept` },
  'POST /applications/:id/decline': { expect: rule.only(ASSOCIATION_MEMBERS), path: async (w) => `/applications/${await w.newApplication()}/decline` },
  'POST /missions/:id/dismissal': { expect: rule.only(['citizen']), path: async (w) => `/missions/${await w.newMission()}/dismissal` },
  'POST /missions/:id/invitations': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/missions/${w.missionId}/invitations`, body: async (w) => ({ citizenId: await w.newVisibleCitizen() }) },
  'GET /me/invitations': { expect: rule.user() },
  'POST /invitations/:id/accept': { expect: rule.only(['citizen'], hiddenExcept('citizen')), fresh: true, path: async (w, _r, actor) => `/invitations/${await w.newCitizenInvitation(actor.citizenId)}/accept` },
  'POST /invitations/:id/decline': { expect: rule.only(['citizen'], hiddenExcept('citizen')), fresh: true, path: async (w, _r, actor) => `/invitations/${await w.newCitizenInvitation(actor.citizenId)}/decline` },

  // Speed-dating sessions: organisers run them
  'GET /speed-dating/sessions': { expect: rule.public() },
  'GET /speed-dating/sessions/:id': { expect: rule.public(), path: (w) => `/speed-dating/sessions/${w.session.id}` },
  'POST /speed-dating/sessions': { expect: rule.only(['organiser', 'platformAdmin']), body: (w) => w.sessionBody() },
  'PATCH /speed-dating/sessions/:id': { expect: rule.only(['organiser', 'platformAdmin']), path: (w) => `/speed-dating/sessions/${w.session.id}`, body: () => ({ title: `Session modifiée ${next()}` }) },
  // An association's admin may register it; the organiser registers anyone.
  'POST /speed-dating/sessions/:id/participants': { expect: rule.only(['organiser', 'platformAdmin', 'associationAdmin']), path: async (w) => `/speed-dating/sessions/${await w.newEmptySession()}/participants`, body: (w) => ({ associationId: w.associationId }) },
  'DELETE /speed-dating/sessions/:id/participants/:participantId': {
    expect: rule.only(['organiser', 'platformAdmin']),
    path: async (w) => {
      const s = await w.newSession();
      return `/speed-dating/sessions/${s.id}/participants/${s.associationParticipant}`;
    },
  },
  'PUT /speed-dating/sessions/:id/preferences': { expect: rule.only(['organiser', 'platformAdmin', 'associationMember', 'associationAdmin']), path: (w) => `/speed-dating/sessions/${w.session.id}/preferences`, body: (w) => ({ fromParticipantId: w.session.associationParticipant, toParticipantId: w.session.companyParticipant, level: 'interested' }) },
  'PUT /speed-dating/sessions/:id/locks': { expect: rule.only(['organiser', 'platformAdmin']), path: (w) => `/speed-dating/sessions/${w.session.id}/locks`, body: (w) => ({ associationParticipantId: w.session.associationParticipant, companyParticipantId: w.session.companyParticipant, round: 1 }) },
  'DELETE /speed-dating/sessions/:id/locks': { expect: rule.only(['organiser', 'platformAdmin']), path: (w) => `/speed-dating/sessions/${w.session.id}/locks`, body: (w) => ({ associationParticipantId: w.session.associationParticipant, companyParticipantId: w.session.companyParticipant }) },
  'POST /speed-dating/sessions/:id/schedule': { expect: rule.only(['organiser', 'platformAdmin'], { organiser: 'pass', platformAdmin: 'pass' }), path: (w) => `/speed-dating/sessions/${w.session.id}/schedule` },
  'POST /speed-dating/sessions/:id/replan': { expect: rule.only(['organiser', 'platformAdmin'], { organiser: 'pass', platformAdmin: 'pass' }), path: (w) => `/speed-dating/sessions/${w.session.id}/replan`, body: () => ({ fromRound: 1 }) },
  'GET /speed-dating/sessions/:id/agendas/:participantId': { expect: rule.only(['organiser', 'platformAdmin', 'associationMember', 'associationAdmin'], agendaBeforePlanning), path: (w) => `/speed-dating/sessions/${w.session.id}/agendas/${w.session.associationParticipant}` },
  'GET /speed-dating/sessions/:id/agendas/:participantId/ics': { expect: rule.only(['organiser', 'platformAdmin', 'associationMember', 'associationAdmin'], agendaBeforePlanning), path: (w) => `/speed-dating/sessions/${w.session.id}/agendas/${w.session.associationParticipant}/ics` },

  // Board renewal: the association's members read and search, its admins describe the board; citizens answer contacts
  'GET /associations/:id/board': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board` },
  'POST /associations/:id/board/members': { expect: rule.only(ASSOCIATION_ADMINS), path: (w) => `/associations/${w.associationId}/board/members`, body: () => ({ fullName: `Membre ${next()}`, role: 'administrateur' }) },
  'DELETE /associations/:id/board/members/:memberId': { expect: rule.only(ASSOCIATION_ADMINS), path: async (w) => `/associations/${w.associationId}/board/members/${await w.newBoardMember()}` },
  'POST /associations/:id/board/needs': { expect: rule.only(ASSOCIATION_ADMINS), path: (w) => `/associations/${w.associationId}/board/needs`, body: () => ({ role: 'secretaire', competencies: [{ code: 'juridique', weight: 1 }] }) },
  'POST /associations/:id/board/needs/:needId/close': { expect: rule.only(ASSOCIATION_ADMINS), path: async (w) => `/associations/${w.associationId}/board/needs/${await w.newBoardNeed()}/close`, body: () => ({ status: 'filled' }) },
  'POST /associations/:id/board/ties': { expect: rule.only(ASSOCIATION_ADMINS), path: (w) => `/associations/${w.associationId}/board/ties`, body: (w, role) => ({ kind: role === 'platformAdmin' ? 'supplier' : role === 'associationAdmin' ? 'funder' : 'partner', companyId: w.companyId }) },
  'GET /associations/:id/board/matrix': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board/matrix` },
  'GET /associations/:id/board/needs/:needId/candidates': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board/needs/${w.boardNeedId}/candidates` },
  'GET /associations/:id/board/slates': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board/slates` },
  'POST /associations/:id/board/contacts': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board/contacts`, body: async (w) => ({ citizenId: await w.newBoardCandidate() }) },
  'GET /associations/:id/board/contacts': { expect: rule.only(ASSOCIATION_MEMBERS), path: (w) => `/associations/${w.associationId}/board/contacts` },
  'GET /me/board-contacts': { expect: rule.user() },
  'POST /board-contacts/:id/accept': { expect: rule.only(['citizen'], hiddenExcept('citizen')), fresh: true, path: async (w, _r, actor) => `/board-contacts/${await w.newBoardContact(actor.citizenId)}/accept` },
  'POST /board-contacts/:id/decline': { expect: rule.only(['citizen'], hiddenExcept('citizen')), fresh: true, path: async (w, _r, actor) => `/board-contacts/${await w.newBoardContact(actor.citizenId)}/decline` },
};


async function buildWorld(ctx: TestContext) {
  const territory = await seedTerritory(ctx);
  const communeInsee = territory.communes[0].insee;
  const passwordHash = await hashPassword(PASSWORD);
  const call = async (method: string, path: string, headers: Headers, body?: unknown) => {
    const res = await ctx.app.request(`/api${path}`, body === undefined ? { method, headers } : jsonRequest(method, body, headers));
    const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
    if (res.status >= 300) throw new Error(`world setup: ${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const newUser = async (flags: { isModerator?: boolean; isPlatformAdmin?: boolean; isOrganiser?: boolean } = {}) => {
    const user = await createUser(ctx.deps, { email: `matrice-${next()}@example.org`, displayName: 'Rôle Matrice', passwordHash, emailVerified: true, ...flags });
    const session = await createSession(ctx.deps.sql, user.id);
    return { id: user.id, email: user.email, headers: { authorization: `Bearer ${session.token}` } as Headers };
  };
  const addMember = (userId: string, kind: 'association' | 'company', orgId: string, role: 'member' | 'admin') =>
    ctx.db.sql`INSERT INTO memberships (user_id, association_id, company_id, role) VALUES (${userId}, ${kind === 'association' ? orgId : null}, ${kind === 'company' ? orgId : null}, ${role})`;
  const newCitizen = async (visible = false) => {
    const u = await newUser();
    const p = await call('POST', '/citizens', u.headers, { firstName: 'Citoyen', communeInsee, isVisibleToAssociations: visible, wish: 'aider' });
    return { ...u, citizenId: p.id as string };
  };

  const founder = await newUser();
  const association = await call('POST', '/associations', founder.headers, { rna: 'W679999991', name: 'Association de la matrice', communeInsee });
  const company = await call('POST', '/companies', founder.headers, { siren: '732829320', name: 'Entreprise de la matrice', communeInsee });
  await ctx.db.sql`UPDATE associations SET verification = 'verified' WHERE id = ${association.id}`;
  await ctx.db.sql`UPDATE companies SET verification = 'verified' WHERE id = ${company.id}`;
  const [support] = await ctx.db.sql<{ id: string }[]>`INSERT INTO support_organisations (name) VALUES ('Accompagnement matrice') RETURNING id`;
  const organiser = await newUser({ isOrganiser: true });
  const missionBody = () => ({ associationId: association.id, title: `Mission ${next()}`, description: 'Aider le samedi.', communeInsee, places: 50 });
  const newMission = async () => (await call('POST', '/missions', founder.headers, missionBody())).id as string;
  const offerBody = () => ({ companyId: company.id, kind: 'in_kind', title: `Don de matériel ${next()}`, description: 'Des ordinateurs.' });
  const sessionBody = () => ({ territoryId: territory.id, title: `Rencontres ${next()}`, date: ymd(30), startTime: '18:00', roundMinutes: 10, rounds: 3, tables: ['A', 'B'] });
  const newSession = async () => {
    const s = await call('POST', '/speed-dating/sessions', organiser.headers, sessionBody());
    const a = await call('POST', `/speed-dating/sessions/${s.id}/participants`, organiser.headers, { associationId: association.id });
    const c = await call('POST', `/speed-dating/sessions/${s.id}/participants`, organiser.headers, { companyId: company.id });
    const find = (x: Record<string, any>, side: string) => (x.participants as { id: string; side: string }[]).find((p) => p.side === side)!.id; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { id: s.id as string, associationParticipant: find(c, 'association'), companyParticipant: find(c, 'company'), _a: a };
  };

  const roleUsers = async (role: Role): Promise<RoleUser & { citizenId?: string }> => {
    switch (role) {
      case 'anonymous':
        return { id: null, email: '', headers: {} };
      case 'citizen':
        return newCitizen(true);
      case 'associationMember':
      case 'associationAdmin': {
        const u = await newUser();
        await addMember(u.id, 'association', association.id, role === 'associationAdmin' ? 'admin' : 'member');
        return u;
      }
      case 'companyAdmin': {
        const u = await newUser();
        await addMember(u.id, 'company', company.id, 'admin');
        return u;
      }
      case 'organiser':
        return newUser({ isOrganiser: true });
      case 'supportAgent': {
        const u = await newUser();
        await ctx.db.sql`UPDATE users SET support_organisation_id = ${support.id} WHERE id = ${u.id}`;
        return u;
      }
      case 'moderator':
        return newUser({ isModerator: true });
      case 'platformAdmin':
        return newUser({ isPlatformAdmin: true });
    }
  };
  const actors = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await roleUsers(r)]))) as Record<Role, RoleUser & { citizenId?: string }>;
  // The organiser role runs the world's session (organisers act on their own sessions).
  actors.organiser = organiser;
  const citizen = actors.citizen as RoleUser & { citizenId: string };
  const otherCitizen = await newCitizen(true);
  const offer = await call('POST', '/offers', founder.headers, offerBody());
  const needBody = () => ({ associationId: association.id, kind: 'financial', title: `Achat d’un minibus ${next()}`, amountEur: 5000 });
  // The founder acts for both sides: interest from the company, then from the association, opens a partnership.
  const newPartnership = async () => {
    const offerId = (await call('POST', '/offers', founder.headers, offerBody())).id as string;
    await call('POST', `/offers/${offerId}/interests`, founder.headers, { associationId: association.id, side: 'company' });
    const mutual = await call('POST', `/offers/${offerId}/interests`, founder.headers, { associationId: association.id, side: 'association' });
    return mutual.partnership.id as string;
  };
  /** A fresh offer in which one side (said by the founder) is interested; returns the offer id. */
  const newInterest = async (side: 'company' | 'association') => {
    const offerId = (await call('POST', '/offers', founder.headers, offerBody())).id as string;
    await call('POST', `/offers/${offerId}/interests`, founder.headers, { associationId: association.id, side });
    return offerId;
  };
  const newNeed = async () => (await call('POST', '/needs', founder.headers, needBody())).id as string;

  /** Opens a citizen (a new one by default) to board roles; returns the profile id. */
  const newBoardCandidate = async (citizenId?: string) => {
    const id = citizenId ?? (await newCitizen(true)).citizenId;
    await ctx.db.sql`UPDATE citizen_profiles SET is_open_to_board_roles = true WHERE id = ${id}`;
    return id;
  };
  const boardPath = `/associations/${association.id}/board`;

  return {
    territory,
    actors,
    boardNeedId: (await call('POST', `${boardPath}/needs`, founder.headers, { role: 'tresorier', competencies: [{ code: 'finance', weight: 1 }] })).id as string,
    newBoardNeed: async () => (await call('POST', `${boardPath}/needs`, founder.headers, { role: 'administrateur' })).id as string,
    newBoardMember: async () => (await call('POST', `${boardPath}/members`, founder.headers, { fullName: `Membre ${next()}`, role: 'administrateur' })).id as string,
    newBoardCandidate,
    /** The association asks a citizen (a new one by default) for a board conversation; returns the request id. */
    newBoardContact: async (citizenId?: string) => (await call('POST', `${boardPath}/contacts`, founder.headers, { citizenId: await newBoardCandidate(citizenId) })).id as string,
    fresh: roleUsers,
    associationId: association.id as string,
    companyId: company.id as string,
    missionId: await newMission(),
    otherCitizenId: otherCitizen.citizenId,
    offerId: offer.id as string,
    needId: await newNeed(),
    needBody,
    newNeed,
    partnershipId: await newPartnership(),
    newPartnership,
    newInterest,
    session: await newSession(),
    newSession,
    newMission,
    offerBody,
    sessionBody,
    newOffer: async () => (await call('POST', '/offers', founder.headers, offerBody())).id as string,
    plainUser: () => newUser(),
    newMember: async (kind: 'association' | 'company') => {
      const u = await newUser();
      await addMember(u.id, kind, kind === 'association' ? association.id : company.id, 'member');
      return u.id;
    },
    newVisibleCitizen: async () => (await newCitizen(true)).citizenId,
    /** The world's citizen applies to a fresh mission; returns the application id. */
    newApplication: async () => (await call('POST', `/missions/${await newMission()}/applications`, citizen.headers, { message: 'Disponible' })).id as string,
    /** The association invites a citizen (a new one by default) to a fresh mission; returns the invitation id. */
    newCitizenInvitation: async (citizenId?: string) =>
      (await call('POST', `/missions/${await newMission()}/invitations`, founder.headers, { citizenId: citizenId ?? (await newCitizen(true)).citizenId })).id as string,
    newEmptySession: async () => (await call('POST', '/speed-dating/sessions', organiser.headers, sessionBody())).id as string,
    token: async (purpose: 'verify_email' | 'reset_password' | 'change_email') =>
      issueOneTimeToken(ctx.deps.sql, (await newUser()).id, purpose, 3_600_000, purpose === 'change_email' ? `nouvelle-${next()}@example.org` : null),
    /** The unsubscribe key a new user's notice e-mails would carry. */
    noticeKey: async () => (await selectNoticeState(ctx.deps.sql, (await newUser()).id))!.notice_key,
    invitationFor: async (email: string) => {
      const token = `invitation-${next()}-${Math.random().toString(36).slice(2)}`;
      await ctx.db.sql`
        INSERT INTO organisation_invitations (association_id, email, role, token_hash, expires_at)
        VALUES (${association.id}, ${email || 'personne@example.org'}, 'member', ${hashToken(token)}, now() + interval '1 day')`;
      return token;
    },
  };
}

const keyOf = (ep: Pick<Endpoint, 'method' | 'path'>) => `${ep.method.toUpperCase()} ${ep.path}`;
const successOf = (ep: Endpoint) => ep.status ?? 200;

describe.each(DATABASE_TARGETS)('access matrix: every route x every role (%s)', (target) => {
  let ctx: TestContext;
  let world: World;
  let endpoints: Endpoint[];
  beforeAll(async () => {
    ctx = await createTestContext(target);
    endpoints = allEndpoints({ ...ctx.deps, config: { env: 'test', publicUrl: 'http://localhost' }, database: ctx.db });
    world = await buildWorld(ctx);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('has an authorisation line for every route, and no line for a route that no longer exists', () => {
    const keys = new Set(endpoints.map(keyOf));
    const missing = [...keys].filter((k) => !(k in MATRIX));
    const stale = Object.keys(MATRIX).filter((k) => !keys.has(k));
    const hint = missing.map((k) => {
      const ep = endpoints.find((e) => keyOf(e) === k)!;
      return `  '${k}': { expect: rule.${ep.access === 'platform-admin' ? 'platformAdmin' : ep.access}() /* declared access '${ep.access}': write who may really call it */ },`;
    });
    expect(missing, `Routes without a line in MATRIX (tests/http/access-matrix.test.ts):\n${hint.join('\n')}`).toEqual([]);
    expect(stale, 'Lines in MATRIX for routes that do not exist').toEqual([]);
  });

  it('answers every route with the expected status for every role', async () => {
    const mismatches: string[] = [];
    const observed: string[] = [];
    let address = 0;
    for (const ep of endpoints) {
      const key = keyOf(ep);
      const spec = MATRIX[key];
      if (!spec) continue;
      const seen: Partial<Record<Role, number>> = {};
      for (const role of ROLES) {
        try {
          const actor = spec.fresh ? await world.fresh(role) : world.actors[role];
          const path = spec.path ? await spec.path(world, role, actor) : ep.path;
          const body = spec.body ? await spec.body(world, role, actor) : undefined;
          const init = body === undefined ? { method: ep.method.toUpperCase(), headers: actor.headers } : jsonRequest(ep.method.toUpperCase(), body, actor.headers);
          address++;
          const env = { incoming: { socket: { remoteAddress: `10.77.${address >> 8}.${address & 255}` } } };
          const res = await ctx.app.request(`/api${path}`, init, env);
          seen[role] = res.status;
          const wanted = spec.expect[role];
          const isOk =
            wanted === 'pass' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === (wanted === 'ok' ? successOf(ep) : wanted);
          if (!isOk) mismatches.push(`${key} as ${role}: expected ${wanted === 'ok' ? successOf(ep) : wanted}, got ${res.status} ${(await res.text()).slice(0, 160)}`);
        } catch (err) {
          mismatches.push(`${key} as ${role}: setup failed: ${(err as Error).message.slice(0, 200)}`);
        }
      }
      observed.push(`${key}: ${ROLES.map((r) => `${r}=${seen[r] ?? '-'}`).join(' ')}`);
    }
    if (process.env.MATRIX_PRINT) console.log(observed.join('\n'));
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('keeps one association out of another association’s missions (IDOR)', async () => {
    const outsiderAdmin = await world.fresh('associationAdmin');
    const res = await ctx.app.request('/api/associations', jsonRequest('POST', { rna: 'W679999992', name: 'Autre association', communeInsee: world.territory.communes[0].insee }, world.actors.companyAdmin.headers));
    const other = (await res.json()) as { id: string };
    // The admin of the world's association edits a mission of another association: refused.
    const foreign = await ctx.app.request('/api/missions', jsonRequest('POST', { associationId: other.id, title: 'Mission étrangère', description: 'x', isRemote: true }, world.actors.companyAdmin.headers));
    const foreignId = ((await foreign.json()) as { id: string }).id;
    const patch = await ctx.app.request(`/api/missions/${foreignId}`, jsonRequest('PATCH', { title: 'Détournée' }, outsiderAdmin.headers));
    expect(patch.status).toBe(403);
    const invite = await ctx.app.request(`/api/associations/${other.id}/invitations`, jsonRequest('POST', { email: 'pirate@example.org' }, outsiderAdmin.headers));
    expect(invite.status).toBe(403);
  });
});
