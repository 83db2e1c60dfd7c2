import type { BoardContact, BoardContactCreate } from '../../contract/board.ts';
import { assertCanActForAssociation, requireUser, type Actor } from '../actor.ts';
import { recordProfileView } from '../accounts/privacy.ts';
import type { CoreDeps } from '../deps.ts';
import { excerpt, notifyAdmins, notifyUser, type ChangeDeps } from '../accounts/notices.ts';
import { deliverSoon } from '../accounts/outbox.ts';
import { selectCitizenRecipient } from '../citizens/citizens.sql.ts';
import { Conflict, NotFound } from '../errors.ts';
import { assertOrganisationVerified } from '../moderation/moderation.ts';
import { selectBoardNeed } from './board.sql.ts';
import * as q from './contacts.sql.ts';
import { aliasOf } from './explain.ts';

type Deps = Pick<CoreDeps, 'sql'>;
/** Open requests an association may have at once: candidates are solicited a few at a time, not in bulk. */
export const PENDING_CONTACT_CAP = 30;

/** The association sees who the candidate is only once they accepted; the candidate always sees the association. */
function toContact(r: q.ContactRow, isRevealed: boolean): BoardContact {
  return {
    id: r.id,
    associationId: r.association_id,
    associationName: r.association_name,
    needId: r.need_id,
    role: r.role,
    message: r.message,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    answeredAt: r.answered_at?.toISOString() ?? null,
    candidate: {
      citizenId: r.citizen_id,
      alias: aliasOf(r.association_id, 'citizen', r.citizen_id),
      firstName: isRevealed ? r.first_name : null,
      email: isRevealed ? r.email : null,
    },
  };
}

/**
 * A verified association asks an opted-in citizen to talk about a board seat. The request goes through the
 * platform (no address is shared) and is recorded as a profile view the citizen can see.
 */
export async function contactBoardCandidate(deps: ChangeDeps, actor: Actor, associationId: string, input: BoardContactCreate): Promise<BoardContact> {
  const user = assertCanActForAssociation(actor, associationId);
  await assertOrganisationVerified(deps, { associationId });
  if (!(await q.selectIsOpenToBoardRoles(deps.sql, input.citizenId))) throw new NotFound('Candidat·e introuvable.');
  if (input.needId && !(await selectBoardNeed(deps.sql, associationId, input.needId))) throw new NotFound('Poste introuvable.');
  if ((await q.countPendingContacts(deps.sql, associationId)) >= PENDING_CONTACT_CAP) {
    throw new Conflict(`Vous avez déjà ${PENDING_CONTACT_CAP} demandes sans réponse : attendez des réponses avant d’en envoyer d’autres.`);
  }
  const contact = await deps.sql.begin(async (tx) => {
    const inserted = await q.insertContact(tx, { associationId, needId: input.needId ?? null, citizenId: input.citizenId, requestedBy: user.userId, message: input.message });
    if (!inserted) throw new Conflict('Une demande de contact attend déjà la réponse de cette personne.');
    // The candidate is told by e-mail; their address stays hidden from the association until they accept.
    const contact = (await q.selectContact(tx, inserted))!;
    await notifyUser(tx, deps, await selectCitizenRecipient(tx, input.citizenId), {
      kind: 'board.contact',
      category: 'board',
      eventKey: inserted,
      subject: `${contact.association_name} aimerait vous parler de son conseil d’administration`,
      lines: [
        `${contact.association_name} cherche à renouveler son conseil d’administration et a vu votre profil. Votre adresse ne lui est pas transmise : vous choisissez de répondre ou non.`,
        ...(input.message?.trim() ? [`Son message : « ${excerpt(input.message)} »`] : []),
        'Pour accepter (l’association verra alors votre prénom et votre adresse e-mail) ou décliner :',
      ],
      path: '/profil',
    });
    return contact;
  });
  await deliverSoon(deps);
  await recordProfileView(deps, actor, { citizenId: input.citizenId, associationId, context: "Conseil d'administration : demande de contact" });
  return toContact(contact, false);
}

/** The association's contact requests, names shown for accepted ones only (members). */
export async function listBoardContacts(deps: Deps, actor: Actor, associationId: string): Promise<{ items: BoardContact[] }> {
  assertCanActForAssociation(actor, associationId);
  const rows = await q.selectContactsOfAssociation(deps.sql, associationId);
  return { items: rows.map((r) => toContact(r, r.status === 'accepted')) };
}

/** The board contact requests I received as a citizen. */
export async function listMyBoardContacts(deps: Deps, actor: Actor): Promise<{ items: BoardContact[] }> {
  const user = requireUser(actor);
  if (!user.citizenId) return { items: [] };
  const rows = await q.selectContactsOfCitizen(deps.sql, user.citizenId);
  return { items: rows.map((r) => toContact(r, true)) };
}

/** The citizen accepts (shares first name and e-mail with the association) or declines a request. */
export async function answerBoardContact(deps: ChangeDeps, actor: Actor, contactId: string, status: 'accepted' | 'declined'): Promise<BoardContact> {
  const user = requireUser(actor);
  const row = await q.selectContact(deps.sql, contactId);
  // Someone else's request reads as missing: its existence is not disclosed.
  if (!row || row.citizen_id !== user.citizenId) throw new NotFound('Demande de contact introuvable.');
  await deps.sql.begin(async (tx) => {
    if (!(await q.answerContact(tx, contactId, status))) throw new Conflict('Vous avez déjà répondu à cette demande.');
    // The association's admins learn the answer; the candidate's name and address only when they accept.
    await notifyAdmins(tx, deps, [{ organisation: 'association', id: row.association_id }], {
      kind: `board.contact.${status}`,
      category: 'board',
      eventKey: contactId,
      subject: status === 'accepted' ? `${row.first_name} accepte d’échanger avec vous` : 'Réponse à votre demande de contact',
      lines: [
        status === 'accepted'
          ? `${row.first_name} accepte d’échanger au sujet de votre conseil d’administration. Son adresse : ${row.email ?? '(compte supprimé)'}.`
          : `La personne que vous avez contactée (${aliasOf(row.association_id, 'citizen', row.citizen_id)}) ne donne pas suite. Merci de l’avoir sollicitée.`,
        'Les candidatures et demandes de votre conseil :',
      ],
      path: `/espace-association/${row.association_id}/bureau`,
    });
  });
  await deliverSoon(deps);
  return toContact((await q.selectContact(deps.sql, contactId))!, true);
}
