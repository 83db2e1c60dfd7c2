import { z } from 'zod';
import { EmailChangeInput, Message, RenameInput, TokenInput } from '../contract/accounts.ts';
import { confirmEmailChange, renameMe, requestEmailChange } from '../core/accounts/identity.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';
import { requestMetaOf } from './session-cookie.ts';

const TAG = 'Compte';

export const identityRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'patch',
    path: '/me',
    summary: 'Changer mon nom (celui que voient mes organisations, partenaires et candidats)',
    tag: TAG,
    access: 'user',
    body: RenameInput,
    response: z.object({ displayName: z.string() }),
    handler: ({ actor, body }) => renameMe(deps, actor, body),
  }),
  endpoint({
    method: 'post',
    path: '/auth/email/change',
    summary: 'Changer d’adresse e-mail (mot de passe requis ; un lien est envoyé à la nouvelle adresse, même réponse si elle a déjà un compte)',
    tag: TAG,
    access: 'user',
    body: EmailChangeInput,
    response: Message,
    status: 202,
    handler: ({ actor, body, c }) => requestEmailChange(deps, actor, body, requestMetaOf(c, deps.config.trustProxy)),
  }),
  endpoint({
    method: 'post',
    path: '/auth/email/confirm',
    summary: 'Confirmer la nouvelle adresse avec le jeton reçu (l’ancienne adresse en est avertie)',
    tag: TAG,
    access: 'public',
    body: TokenInput,
    response: z.object({ email: z.string() }),
    handler: ({ body }) => confirmEmailChange(deps, body.token),
  }),
];
