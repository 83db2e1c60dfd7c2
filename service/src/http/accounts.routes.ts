import { z } from 'zod';
import {
  ChangePasswordInput,
  DeleteAccountInput,
  EmailInput,
  LogInInput,
  LogInResult,
  Me,
  Message,
  PrivacySettings,
  PrivacyUpdate,
  ProfileViews,
  ResetPasswordInput,
  SessionList,
  SignUpInput,
  TokenInput,
} from '../contract/accounts.ts';
import { requireUser, type Actor } from '../core/actor.ts';
import { changePassword, logIn, logOut, requestPasswordReset, resetPassword, signUp, verifyEmail } from '../core/accounts/auth.ts';
import { deleteMyAccount, exportMyData, getPrivacySettings, listWhoViewedMe, updatePrivacySettings } from '../core/accounts/privacy.ts';
import { endOtherSessions, listMySessions, loadActor } from '../core/accounts/sessions.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';
import { clearSessionCookie, requestMetaOf, sessionTokenOf, setSessionCookie } from './session-cookie.ts';

function toMe(actor: Actor, csrfToken: string | null): Me {
  const u = requireUser(actor);
  return {
    userId: u.userId,
    email: u.email,
    displayName: u.displayName,
    isPlatformAdmin: u.isPlatformAdmin,
    isModerator: u.isModerator,
    isOrganiser: u.isOrganiser,
    supportOrganisationId: u.supportOrganisationId ?? null,
    citizenId: u.citizenId,
    associations: u.associations,
    companies: u.companies,
    csrfToken,
  };
}

const TAG = 'Compte';

export const accountRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'post',
    path: '/auth/signup',
    summary: 'Créer un compte (un e-mail de confirmation est envoyé ; même réponse si l’adresse a déjà un compte)',
    tag: TAG,
    access: 'public',
    body: SignUpInput,
    response: Message,
    status: 202,
    handler: ({ body, c }) => signUp(deps, body, requestMetaOf(c, deps.config.trustProxy)),
  }),
  endpoint({
    method: 'post',
    path: '/auth/verify-email',
    summary: 'Confirmer son adresse e-mail avec le jeton reçu',
    tag: TAG,
    access: 'public',
    body: TokenInput,
    response: z.object({ verified: z.literal(true) }),
    handler: ({ body }) => verifyEmail(deps, body.token),
  }),
  endpoint({
    method: 'post',
    path: '/auth/login',
    summary: 'Se connecter (cookie de session HttpOnly ; le jeton CSRF est aussi dans la réponse)',
    tag: TAG,
    access: 'public',
    body: LogInInput,
    response: LogInResult,
    handler: async ({ body, c }) => {
      const { userId, session } = await logIn(deps, body, { ...requestMetaOf(c, deps.config.trustProxy), previousToken: sessionTokenOf(c) });
      setSessionCookie(c, deps.config.publicUrl, session.token);
      c.header('cache-control', 'no-store');
      const me = toMe(await loadActor(deps.sql, userId), session.csrfToken);
      return { me, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  }),
  endpoint({
    method: 'post',
    path: '/auth/logout',
    summary: 'Se déconnecter (ferme la session courante)',
    tag: TAG,
    access: 'public',
    status: 204,
    handler: async ({ c }) => {
      await logOut(deps, sessionTokenOf(c));
      clearSessionCookie(c, deps.config.publicUrl);
    },
  }),
  endpoint({
    method: 'post',
    path: '/auth/password/forgot',
    summary: 'Demander un lien de réinitialisation du mot de passe (valable une heure, usage unique)',
    tag: TAG,
    access: 'public',
    body: EmailInput,
    response: Message,
    status: 202,
    handler: ({ body, c }) => requestPasswordReset(deps, body, requestMetaOf(c, deps.config.trustProxy)),
  }),
  endpoint({
    method: 'post',
    path: '/auth/password/reset',
    summary: 'Choisir un nouveau mot de passe avec le jeton reçu (ferme toutes les sessions)',
    tag: TAG,
    access: 'public',
    body: ResetPasswordInput,
    response: Message,
    handler: ({ body }) => resetPassword(deps, body),
  }),
  endpoint({
    method: 'post',
    path: '/auth/password/change',
    summary: 'Changer son mot de passe (mot de passe actuel requis ; les autres sessions sont fermées)',
    tag: TAG,
    access: 'user',
    body: ChangePasswordInput,
    response: z.object({ csrfToken: z.string(), expiresAt: z.string() }),
    handler: async ({ actor, body, c }) => {
      const session = await changePassword(deps, actor, body, requestMetaOf(c, deps.config.trustProxy));
      setSessionCookie(c, deps.config.publicUrl, session.token);
      c.header('cache-control', 'no-store');
      return { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  }),
  endpoint({
    method: 'get',
    path: '/me',
    summary: 'Qui suis-je : compte, rôles et jeton CSRF de la session',
    tag: TAG,
    access: 'user',
    response: Me,
    handler: async ({ actor, c }) => {
      c.header('cache-control', 'no-store');
      return toMe(actor, (c.get('csrfToken' as never) as string | null) ?? null);
    },
  }),
  endpoint({
    method: 'get',
    path: '/me/sessions',
    summary: 'Mes sessions ouvertes (appareils connectés)',
    tag: TAG,
    access: 'user',
    response: SessionList,
    handler: ({ actor, c }) => listMySessions(deps, actor, sessionTokenOf(c)),
  }),
  endpoint({
    method: 'delete',
    path: '/me/sessions',
    summary: 'Déconnecter tous mes autres appareils',
    tag: TAG,
    access: 'user',
    status: 204,
    handler: ({ actor, c }) => endOtherSessions(deps, actor, sessionTokenOf(c)),
  }),
  endpoint({
    method: 'get',
    path: '/me/export',
    summary: 'Exporter mes données (JSON de tout ce qui me concerne)',
    tag: TAG,
    access: 'user',
    handler: async ({ actor, c }) => {
      c.header('cache-control', 'no-store');
      c.header('content-disposition', 'attachment; filename="maillage-mes-donnees.json"');
      return exportMyData(deps, actor);
    },
  }),
  endpoint({
    method: 'delete',
    path: '/me',
    summary: 'Supprimer mon compte (mot de passe requis ; candidatures conservées mais anonymisées)',
    tag: TAG,
    access: 'user',
    body: DeleteAccountInput,
    status: 204,
    handler: async ({ actor, body, c }) => {
      await deleteMyAccount(deps, actor, body, requestMetaOf(c, deps.config.trustProxy));
      clearSessionCookie(c, deps.config.publicUrl);
    },
  }),
  endpoint({
    method: 'get',
    path: '/me/profile-views',
    summary: 'Quelles organisations ont consulté mon profil',
    tag: TAG,
    access: 'user',
    response: ProfileViews,
    handler: ({ actor }) => listWhoViewedMe(deps, actor),
  }),
  endpoint({
    method: 'get',
    path: '/me/privacy',
    summary: 'Mes choix de confidentialité (visibilité, rôles de bureau, lettres d’information)',
    tag: TAG,
    access: 'user',
    response: PrivacySettings,
    handler: ({ actor }) => getPrivacySettings(deps, actor),
  }),
  endpoint({
    method: 'patch',
    path: '/me/privacy',
    summary: 'Modifier mes choix de confidentialité',
    tag: TAG,
    access: 'user',
    body: PrivacyUpdate,
    response: PrivacySettings,
    handler: ({ actor, body }) => updatePrivacySettings(deps, actor, body),
  }),
];
