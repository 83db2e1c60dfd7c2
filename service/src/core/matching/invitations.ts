import type { Invitation, InvitationCreate } from '../../contract/matching.ts';
import { assertCanActForAssociation, requireUser, type Actor } from '../actor.ts';
import { applyToMission } from '../applications/applications.ts';
import type { CoreDeps } from '../deps.ts';
import { excerpt, notifyUser, type ChangeDeps } from '../accounts/notices.ts';
import { deliverSoon } from '../accounts/outbox.ts';
import { selectCitizenRecipient } from '../citizens/citizens.sql.ts';
import { Conflict, NotFound, RateLimited } from '../errors.ts';
import { assertOrganisationVerified } from '../moderation/moderation.ts';
import {
  insertInvitation,
  lockVisibleCitizen,
  selectInvitation,
  selectInvitationsOfCitizen,
  selectMissionForMatching,
  selectRecentInvitations,
  setInvitationStatus,
  type InvitationRow,
} from './volunteers.sql.ts';

/** At most this many invitations reach one citizen over a rolling window, whoever sends them. */
export const INVITATIONS_PER_CITIZEN = 2;
export const INVITATION_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

type Deps = Pick<CoreDeps, 'sql'>;

function toInvitation(r: InvitationRow): Invitation {
  return {
    id: r.id,
    mission: { id: r.mission_id, title: r.mission_title },
    association: { id: r.association_id, name: r.association_name },
    citizenId: r.citizen_id,
    message: r.message,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    answeredAt: r.answered_at?.toISOString() ?? null,
    applicationId: r.application_id,
  };
}

/**
 * A verified association invites a visible citizen to an open mission: once per mission, and at most
 * INVITATIONS_PER_CITIZEN per citizen over INVITATION_WINDOW_DAYS (checked under a lock on the citizen's row).
 */
export async function inviteVolunteer(deps: ChangeDeps, actor: Actor, missionId: string, input: InvitationCreate): Promise<Invitation> {
  const mission = await selectMissionForMatching(deps.sql, missionId);
  if (!mission) throw new NotFound('Mission introuvable.');
  const user = assertCanActForAssociation(actor, mission.association_id);
  await assertOrganisationVerified(deps, { associationId: mission.association_id });
  if (mission.status !== 'open') throw new Conflict('La mission doit être ouverte pour inviter des bénévoles.');
  const id = await deps.sql.begin(async (tx) => {
    // An invisible profile is answered like an unknown one: its existence is not disclosed.
    if (!(await lockVisibleCitizen(tx, input.citizenId))) throw new NotFound('Bénévole introuvable.');
    const { recent, already } = await selectRecentInvitations(tx, input.citizenId, missionId, INVITATION_WINDOW_DAYS);
    if (already) throw new Conflict('Cette personne a déjà été invitée pour cette mission.');
    if (recent.length >= INVITATIONS_PER_CITIZEN) {
      const freeAt = new Date(recent[recent.length - INVITATIONS_PER_CITIZEN]).getTime() + INVITATION_WINDOW_DAYS * DAY_MS;
      throw new RateLimited(
        `Cette personne a déjà reçu ${INVITATIONS_PER_CITIZEN} invitations ces ${INVITATION_WINDOW_DAYS} derniers jours : réessayez plus tard.`,
        Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)),
      );
    }
    const invitationId = await insertInvitation(tx, { missionId, citizenId: input.citizenId, associationId: mission.association_id, invitedBy: user.userId, message: input.message });
    // The citizen is told (they chose to be visible to associations); their address stays hidden from the association.
    const invitation = (await selectInvitation(tx, invitationId))!;
    await notifyUser(tx, deps, await selectCitizenRecipient(tx, input.citizenId), {
      kind: 'mission.invitation',
      category: 'volunteering',
      eventKey: invitationId,
      subject: `${invitation.association_name} vous invite : « ${invitation.mission_title} »`,
      lines: [
        `${invitation.association_name} a vu votre profil et vous invite à rejoindre la mission « ${invitation.mission_title} ».`,
        ...(input.message?.trim() ? [`Son message : « ${excerpt(input.message)} »`] : []),
        'Pour accepter ou décliner l’invitation :',
      ],
      path: '/profil',
    });
    return invitationId;
  });
  await deliverSoon(deps);
  return toInvitation((await selectInvitation(deps.sql, id))!);
}

/** The signed-in citizen's invitations. */
export async function listMyInvitations(deps: Deps, actor: Actor): Promise<{ items: Invitation[] }> {
  const user = requireUser(actor);
  if (!user.citizenId) return { items: [] };
  return { items: (await selectInvitationsOfCitizen(deps.sql, user.citizenId)).map(toInvitation) };
}

/** The invited citizen accepts (which applies to the mission) or declines. */
export async function answerInvitation(deps: ChangeDeps, actor: Actor, id: string, answer: 'accept' | 'decline'): Promise<Invitation> {
  const user = requireUser(actor);
  const invitation = await selectInvitation(deps.sql, id);
  if (!invitation || invitation.citizen_id !== user.citizenId) throw new NotFound('Invitation introuvable.');
  if (invitation.status !== 'pending') throw new Conflict('Vous avez déjà répondu à cette invitation.');
  if (answer === 'accept') await applyToMission(deps, actor, invitation.mission_id, { message: '' });
  else await setInvitationStatus(deps.sql, id, 'declined');
  return toInvitation((await selectInvitation(deps.sql, id))!);
}
