import { z } from 'zod';

/**
 * The kinds of e-mail notices a user can turn off (core/accounts/notices.ts). E-mails about the account itself
 * (confirmation, password) and moderation decisions about an organisation are not notices one can mute.
 */
export const NoticeCategory = z.enum(['volunteering', 'partnerships', 'board'], { message: 'catégorie inconnue' });
export type NoticeCategory = z.infer<typeof NoticeCategory>;

/** How each category reads in the settings page and in the e-mails' footer (fr-FR). */
export const NOTICE_CATEGORIES = {
  volunteering: { label: 'Candidatures et invitations', description: 'une candidature reçue ou retirée, une réponse à votre candidature, une invitation à une mission' },
  partnerships: { label: 'Partenariats', description: 'un intérêt pour une offre, un partenariat proposé, activé ou terminé, un nouveau message' },
  board: { label: 'Conseil d’administration', description: 'une demande de contact pour un rôle au bureau, la réponse à votre demande' },
} as const satisfies Record<NoticeCategory, { label: string; description: string }>;

/** Whether each category's e-mails are sent (true) or turned off. */
export const NoticeSettings = z.object({ volunteering: z.boolean(), partnerships: z.boolean(), board: z.boolean() });
export type NoticeSettings = z.infer<typeof NoticeSettings>;
export const NoticeSettingsUpdate = NoticeSettings.partial().refine((p) => Object.keys(p).length > 0, { message: 'aucun champ à modifier' });
export type NoticeSettingsUpdate = z.infer<typeof NoticeSettingsUpdate>;

/** What an unsubscribe link turns off: a category of notices, or a citizen's digest of new missions. */
export const UnsubscribeTopic = z.enum([...NoticeCategory.options, 'digest'], { message: 'sujet inconnu' });
export type UnsubscribeTopic = z.infer<typeof UnsubscribeTopic>;
export const UNSUBSCRIBE_LABELS = {
  ...Object.fromEntries(NoticeCategory.options.map((c) => [c, NOTICE_CATEGORIES[c].label])),
  digest: 'Nouvelles missions pour vous',
} as Record<UnsubscribeTopic, string>;

/** The unsubscribe link of an e-mail: the user's key and what it turns off (no session needed). */
export const UnsubscribeInput = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/, 'lien de désabonnement invalide'), category: UnsubscribeTopic });
export type UnsubscribeInput = z.infer<typeof UnsubscribeInput>;
export const UnsubscribeResult = z.object({ category: UnsubscribeTopic, isEnabled: z.literal(false) });
