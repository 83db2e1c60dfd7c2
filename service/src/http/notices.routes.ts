import { NoticeSettings, NoticeSettingsUpdate, UnsubscribeInput, UnsubscribeResult } from '../contract/notices.ts';
import { getNoticeSettings, unsubscribeFromNotices, updateNoticeSettings } from '../core/accounts/notice-settings.ts';
import type { AppDeps } from './deps.ts';
import { endpoint } from './endpoint.ts';

const TAG = 'Compte';

export const noticeRoutes = (deps: AppDeps) => [
  endpoint({
    method: 'get',
    path: '/me/notifications',
    summary: 'Les e-mails de notification que je reçois, par catégorie (candidatures, partenariats, bureau)',
    tag: TAG,
    access: 'user',
    response: NoticeSettings,
    handler: ({ actor }) => getNoticeSettings(deps, actor),
  }),
  endpoint({
    method: 'patch',
    path: '/me/notifications',
    summary: 'Activer ou couper des catégories d’e-mails de notification',
    tag: TAG,
    access: 'user',
    body: NoticeSettingsUpdate,
    response: NoticeSettings,
    handler: ({ actor, body }) => updateNoticeSettings(deps, actor, body),
  }),
  endpoint({
    method: 'post',
    path: '/notifications/unsubscribe',
    summary: 'Couper une catégorie d’e-mails depuis le lien d’un e-mail (sans connexion : la clé du lien suffit)',
    tag: TAG,
    access: 'public',
    body: UnsubscribeInput,
    response: UnsubscribeResult,
    handler: ({ body }) => unsubscribeFromNotices(deps, body),
  }),
  endpoint({
    method: 'post',
    path: '/notifications/unsubscribe/one-click',
    summary:
      'Désabonnement en un clic depuis le client de messagerie (en-têtes List-Unsubscribe et List-Unsubscribe-Post, RFC 8058) : ' +
      'la clé et la catégorie sont dans l’adresse, le corps (List-Unsubscribe=One-Click) est ignoré',
    tag: TAG,
    access: 'public',
    query: UnsubscribeInput,
    response: UnsubscribeResult,
    handler: ({ query }) => unsubscribeFromNotices(deps, query),
  }),
];
