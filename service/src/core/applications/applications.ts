import type { Application, ApplicationCreate } from '../../contract/applications.ts';
import { assertCanActForAssociation, isAssociationMember, isStaff, requireUser, type Actor, type UserActor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { deliverSoon } from '../accounts/outbox.ts';
import type { ChangeDeps } from '../accounts/notices.ts';
import { noticeApplication } from './notifications.ts';
import { Conflict, Forbidden, NotFound } from '../errors.ts';
import { deleteSuggestion } from '../matching/matching.sql.ts';
import type { Queryable } from '../../db/database.ts';
import {
  adjustMissionCounters,
  insertApplication,
  insertDismissal,
  selectBirthYear,
  selectIsPublishedMission,
  selectMissionOwner,
  lockMission,
  markInvitationAnswered,
  refreshResponseHours,
  reopenApplication,
  selectApplicationOf,
  selectApplicationRow,
  selectApplicationView,
  selectApplicationsOfCitizen,
  selectApplicationsOfMission,
  setApplicationStatus,
  type ApplicationViewRow,
  type LockedMission,
} from './applications.sql.ts';

type Deps = Pick<CoreDeps, 'sql'>;

export function toApplication(r: ApplicationViewRow, withContact: boolean): Application {
  return {
    id: r.id,
    status: r.status,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    responseHours: r.response_hours,
    mission: { id: r.mission_id, title: r.mission_title, placesLeft: r.places_left, pendingApplications: r.pending_count },
    association: { id: r.association_id, name: r.association_name },
    citizen: {
      id: r.citizen_id,
      firstName: r.first_name,
      commune: r.commune_name,
      contact: withContact && r.display_name !== null && r.email !== null ? { displayName: r.display_name, email: r.email } : null,
    },
  };
}

function requireCitizen(actor: Actor): UserActor & { citizenId: string } {
  const user = requireUser(actor);
  if (!user.citizenId) throw new Forbidden('Créez d’abord votre profil bénévole pour candidater.');
  return user as UserActor & { citizenId: string };
}

/** A mission the public can see (not a draft, association not suspended), locked for the transaction. */
async function lockVisibleMission(tx: Queryable, missionId: string): Promise<LockedMission> {
  const mission = await lockMission(tx, missionId);
  if (!mission || mission.status === 'draft' || mission.association_verification === 'suspended') throw new NotFound('Mission introuvable.');
  return mission;
}

async function viewOf(deps: Deps, id: string, actor: Actor): Promise<Application> {
  const row = await selectApplicationView(deps.sql, id);
  if (!row) throw new NotFound('Candidature introuvable.');
  return toApplication(row, isAssociationMember(actor, row.association_id) || isStaff(actor));
}

/** Applies to an open mission with places left; pending applications are counted on the mission. */
export async function applyToMission(deps: ChangeDeps, actor: Actor, missionId: string, input: ApplicationCreate): Promise<Application> {
  const user = requireCitizen(actor);
  const id = await deps.sql.begin(async (tx) => {
    const mission = await lockVisibleMission(tx, missionId);
    if (mission.status !== 'open') throw new Conflict("Cette mission n'accepte plus de candidatures.");
    if (mission.accepted_count >= mission.places) throw new Conflict('Cette mission est complète.');
    if (mission.min_age > 0) {
      const birthYear = await selectBirthYear(tx, user.citizenId);
      if (birthYear === null || new Date().getUTCFullYear() - birthYear < mission.min_age) {
        throw new Forbidden(`Cette mission est réservée aux personnes de ${mission.min_age} ans ou plus (indiquez votre année de naissance dans votre profil).`);
      }
    }
    const existing = await selectApplicationOf(tx, missionId, user.citizenId);
    let applicationId: string;
    if (!existing) applicationId = await insertApplication(tx, missionId, user.citizenId, input.message);
    else if (existing.status === 'withdrawn') {
      await reopenApplication(tx, existing.id, input.message);
      applicationId = existing.id;
    } else if (existing.status === 'declined') throw new Conflict("L'association a déjà répondu à votre candidature pour cette mission.");
    else throw new Conflict('Vous avez déjà candidaté à cette mission.');
    await adjustMissionCounters(tx, missionId, +1, 0);
    await markInvitationAnswered(tx, missionId, user.citizenId);
    await deleteSuggestion(tx, user.citizenId, missionId);
    await noticeApplication(tx, deps, applicationId, 'received');
    return applicationId;
  });
  await deliverSoon(deps);
  return viewOf(deps, id, actor);
}

/** Locks an application and its mission (mission first, the order every writer uses) and runs `fn`. */
async function withLockedApplication<T>(deps: Deps, applicationId: string, fn: (tx: Queryable, app: NonNullable<Awaited<ReturnType<typeof selectApplicationRow>>>, mission: LockedMission) => Promise<T>) {
  return deps.sql.begin(async (tx) => {
    const peek = await selectApplicationRow(tx, applicationId);
    if (!peek) throw new NotFound('Candidature introuvable.');
    const mission = await lockMission(tx, peek.mission_id);
    const app = await selectApplicationRow(tx, applicationId, true);
    if (!mission || !app) throw new NotFound('Candidature introuvable.');
    return fn(tx, app, mission);
  });
}

/** The citizen withdraws a pending or accepted application; the mission's counters follow. */
export async function withdrawApplication(deps: ChangeDeps, actor: Actor, applicationId: string): Promise<Application> {
  const user = requireUser(actor);
  await withLockedApplication(deps, applicationId, async (tx, app) => {
    if (app.citizen_id !== user.citizenId) throw new NotFound('Candidature introuvable.');
    if (app.status === 'withdrawn' || app.status === 'declined') throw new Conflict('Cette candidature est déjà close.');
    await setApplicationStatus(tx, app.id, 'withdrawn');
    await adjustMissionCounters(tx, app.mission_id, app.status === 'pending' ? -1 : 0, app.status === 'accepted' ? -1 : 0);
    await noticeApplication(tx, deps, app.id, 'withdrawn');
  });
  await deliverSoon(deps);
  return viewOf(deps, applicationId, actor);
}

/** The association accepts a pending application, never beyond the mission's places. */
export async function acceptApplication(deps: ChangeDeps, actor: Actor, applicationId: string): Promise<Application> {
  await withLockedApplication(deps, applicationId, async (tx, app, mission) => {
    assertCanActForAssociation(actor, mission.association_id);
    if (app.status !== 'pending') throw new Conflict('Seule une candidature en attente peut être acceptée.');
    if (mission.accepted_count >= mission.places) throw new Conflict('Toutes les places de cette mission sont déjà pourvues.');
    await setApplicationStatus(tx, app.id, 'accepted');
    await adjustMissionCounters(tx, app.mission_id, -1, +1);
    await refreshResponseHours(tx, mission.association_id);
    await noticeApplication(tx, deps, app.id, 'accepted');
  });
  await deliverSoon(deps);
  return viewOf(deps, applicationId, actor);
}

/** The association declines a pending application. */
export async function declineApplication(deps: ChangeDeps, actor: Actor, applicationId: string): Promise<Application> {
  await withLockedApplication(deps, applicationId, async (tx, app, mission) => {
    assertCanActForAssociation(actor, mission.association_id);
    if (app.status !== 'pending') throw new Conflict('Seule une candidature en attente peut être déclinée.');
    await setApplicationStatus(tx, app.id, 'declined');
    await adjustMissionCounters(tx, app.mission_id, -1, 0);
    await refreshResponseHours(tx, mission.association_id);
    await noticeApplication(tx, deps, app.id, 'declined');
  });
  await deliverSoon(deps);
  return viewOf(deps, applicationId, actor);
}

/** The signed-in citizen's applications. */
export async function listMyApplications(deps: Deps, actor: Actor): Promise<{ items: Application[] }> {
  const user = requireUser(actor);
  if (!user.citizenId) return { items: [] };
  return { items: (await selectApplicationsOfCitizen(deps.sql, user.citizenId)).map((r) => toApplication(r, false)) };
}

/** A mission's applications, for its association's members. */
export async function listMissionApplications(deps: Deps, actor: Actor, missionId: string): Promise<{ items: Application[] }> {
  const associationId = await selectMissionOwner(deps.sql, missionId);
  if (!associationId) throw new NotFound('Mission introuvable.');
  assertCanActForAssociation(actor, associationId);
  return { items: (await selectApplicationsOfMission(deps.sql, missionId)).map((r) => toApplication(r, true)) };
}

/** "Pas pour moi": the mission never comes back in the citizen's suggestions. */
export async function dismissMission(deps: Deps, actor: Actor, missionId: string): Promise<void> {
  const user = requireCitizen(actor);
  if (!(await selectIsPublishedMission(deps.sql, missionId))) throw new NotFound('Mission introuvable.');
  await deps.sql.begin(async (tx) => {
    await insertDismissal(tx, user.citizenId, missionId);
    await deleteSuggestion(tx, user.citizenId, missionId);
  });
}
