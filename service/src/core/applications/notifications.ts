import type { Queryable } from '../../db/database.ts';
import { excerpt, notifyAdmins, notifyUser, type NotifyDeps } from '../accounts/notices.ts';
import { selectApplicationView } from './applications.sql.ts';

export type ApplicationEvent = 'received' | 'withdrawn' | 'accepted' | 'declined';

/**
 * Tells the other party what just happened to an application, in the transaction of the change: the association's
 * admins when a citizen applies or withdraws, the citizen when the association answers.
 */
export async function noticeApplication(tx: Queryable, deps: NotifyDeps, applicationId: string, event: ApplicationEvent): Promise<void> {
  const a = await selectApplicationView(tx, applicationId);
  if (!a) return;
  const mission = `« ${a.mission_title} »`;
  const toAssociation = [{ organisation: 'association' as const, id: a.association_id }];
  const missionPage = `/espace-association/${a.association_id}/missions/${a.mission_id}`;
  const citizen = a.citizen_user_id && a.email ? { user_id: a.citizen_user_id, email: a.email } : undefined;
  // An application withdrawn can be made again: each application and each withdrawal is an event of its own.
  const occurrence = `${applicationId}:${Date.now()}`;
  switch (event) {
    case 'received':
      return notifyAdmins(tx, deps, toAssociation, {
        kind: 'application.received',
        category: 'volunteering',
        eventKey: occurrence,
        subject: `Nouvelle candidature pour ${mission}`,
        lines: [
          `${a.first_name} (${a.commune_name}) propose son aide pour la mission ${mission}.`,
          ...(a.message.trim() ? [`Son message : « ${excerpt(a.message)} »`] : []),
          'Pour accepter ou décliner sa candidature :',
        ],
        path: missionPage,
      });
    case 'withdrawn':
      return notifyAdmins(tx, deps, toAssociation, {
        kind: 'application.withdrawn',
        category: 'volunteering',
        eventKey: occurrence,
        subject: `Candidature retirée pour ${mission}`,
        lines: [`${a.first_name} retire sa candidature pour la mission ${mission}.`, 'Les candidatures de la mission :'],
        path: missionPage,
      });
    case 'accepted':
      return notifyUser(tx, deps, citizen, {
        kind: 'application.accepted',
        category: 'volunteering',
        eventKey: applicationId,
        subject: `Votre candidature est acceptée : ${mission}`,
        lines: [`${a.association_name} accepte votre candidature pour la mission ${mission}. L’association vous contactera pour convenir de la suite.`, 'Vos candidatures :'],
        path: '/profil',
      });
    case 'declined':
      return notifyUser(tx, deps, citizen, {
        kind: 'application.declined',
        category: 'volunteering',
        eventKey: applicationId,
        subject: `Votre candidature pour ${mission}`,
        lines: [`${a.association_name} ne peut pas retenir votre candidature pour la mission ${mission}. Merci pour votre proposition d’aide.`, 'D’autres missions vous attendent :'],
        path: '/',
      });
  }
}
