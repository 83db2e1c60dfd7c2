import type { MessageCreate, Partnership, PartnershipEnd, PartnershipFilters, PartnershipMessage, PendingInterest, PendingInterestFilters } from '../../contract/partners.ts';
import { isAssociationMember, isCompanyMember, isStaff, requireUser, type Actor, type UserActor } from '../actor.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import {
  activatePartnershipRow,
  endPartnershipRow,
  insertMessage,
  selectMessages,
  selectPartnership,
  selectPartnerships,
  selectPendingInterests,
  takeOfferPlace,
  type PartnerScope,
  type MessageRow,
  type PartnershipRow,
} from './partnerships.sql.ts';
import { excerpt, notifyAdmins, type ChangeDeps } from '../accounts/notices.ts';
import { deliverSoon } from '../accounts/outbox.ts';

type Deps = Pick<CoreDeps, 'sql'>;

/** The side that is not `side`; both when the actor is staff acting for neither. */
function otherSides(row: PartnershipRow, side: 'company' | 'association' | null) {
  const company = { organisation: 'company' as const, id: row.company_id };
  const association = { organisation: 'association' as const, id: row.association_id };
  return side === 'company' ? [association] : side === 'association' ? [company] : [company, association];
}
const nameOf = (row: PartnershipRow, side: 'company' | 'association' | null) =>
  side === 'company' ? row.company_name : side === 'association' ? row.association_name : 'L’équipe de Maillage';

export function toPartnership(r: PartnershipRow): Partnership {
  return {
    id: r.id,
    status: r.status,
    offer: { id: r.offer_id, title: r.offer_title, kind: r.offer_kind },
    company: { id: r.company_id, name: r.company_name },
    association: { id: r.association_id, name: r.association_name },
    fitScore: r.fit_score,
    weightsVersion: r.weights_version,
    hours: r.hours,
    amountEur: r.amount_eur,
    days: r.days,
    items: r.items,
    startedAt: r.started_at?.toISOString() ?? null,
    endedAt: r.ended_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

const toMessage = (m: MessageRow): PartnershipMessage => ({
  id: m.id,
  side: m.side,
  author: m.author_id ? { id: m.author_id, displayName: m.author_name ?? '' } : null,
  body: m.body,
  createdAt: m.created_at.toISOString(),
});

/** Which side the actor belongs to in this partnership (company first when both), or null. */
function partyOf(actor: Actor, p: PartnershipRow): 'company' | 'association' | null {
  if (isCompanyMember(actor, p.company_id)) return 'company';
  if (isAssociationMember(actor, p.association_id)) return 'association';
  return null;
}

/** The partnership if the actor is one of its parties or staff; its existence is not disclosed to anyone else. */
async function loadVisible(deps: Deps, actor: Actor, id: string): Promise<{ row: PartnershipRow; user: UserActor }> {
  const user = requireUser(actor);
  const row = await selectPartnership(deps.sql, id);
  if (!row || (!partyOf(user, row) && !isStaff(user))) throw new NotFound('Partenariat introuvable.');
  return { row, user };
}

/** Staff see every pair; others those of their associations and companies. */
function scopeOf(user: UserActor): PartnerScope {
  return isStaff(user) ? 'all' : { associationIds: user.associations.map((a) => a.id), companyIds: user.companies.map((c) => c.id) };
}

/** The partnerships of the actor's associations and companies (staff: all), with filters. */
export async function listPartnerships(deps: Deps, actor: Actor, filters: PartnershipFilters): Promise<Partnership[]> {
  return (await selectPartnerships(deps.sql, filters, scopeOf(requireUser(actor)))).map(toPartnership);
}

/**
 * Interests waiting for the other side's answer, in the actor's associations and companies (staff: all): the
 * association that said it is interested in an offer is listed to the company even when the company's ranking
 * does not show it, and the reverse, so that saying "us too" is always one click away.
 */
export async function listPendingInterests(deps: Deps, actor: Actor, filters: PendingInterestFilters): Promise<PendingInterest[]> {
  const rows = await selectPendingInterests(deps.sql, filters, scopeOf(requireUser(actor)));
  return rows.map((r) => ({
    offer: { id: r.offer_id, title: r.offer_title, kind: r.offer_kind },
    company: { id: r.company_id, name: r.company_name },
    association: { id: r.association_id, name: r.association_name },
    interestedSide: r.side,
    createdAt: r.created_at.toISOString(),
  }));
}

/** One partnership, for its parties and staff. */
export async function getPartnership(deps: Deps, actor: Actor, id: string): Promise<Partnership> {
  return toPartnership((await loadVisible(deps, actor, id)).row);
}

/** proposed -> active, by the company (it commits one place of its offer: capacity_left decreases); the association is told. */
export async function activatePartnership(deps: ChangeDeps, actor: Actor, id: string): Promise<Partnership> {
  const { row, user } = await loadVisible(deps, actor, id);
  if (!isCompanyMember(user, row.company_id) && !user.isPlatformAdmin) throw new Forbidden('Seule l’entreprise engage une place de son offre.');
  if (row.status !== 'proposed') throw new Conflict(row.status === 'active' ? 'Ce partenariat est déjà actif.' : 'Ce partenariat est terminé.');
  await deps.sql.begin(async (tx) => {
    // Place first: if none is left, nothing changes (the throw rolls the transaction back).
    if (!(await takeOfferPlace(tx, row.offer_id))) throw new Conflict('Plus de place sur cette offre : augmentez sa capacité ou clôturez un partenariat.');
    if (!(await activatePartnershipRow(tx, id))) throw new Conflict('Ce partenariat vient de changer d’état.');
    await notifyAdmins(tx, deps, [{ organisation: 'association', id: row.association_id }], {
      kind: 'partnership.activated',
      category: 'partnerships',
      eventKey: id,
      subject: `${row.company_name} a activé votre partenariat`,
      lines: [`${row.company_name} a activé le partenariat « ${row.offer_title} » avec ${row.association_name} : une place de son offre vous est réservée.`, 'La conversation et le suivi sont ici :'],
      path: `/partenariats/${id}`,
    });
  });
  await deliverSoon(deps);
  return getPartnership(deps, actor, id);
}

/**
 * -> ended, by either party, recording what was given (hours, euros, days, items). A proposal that never became
 * active ends with nothing given. The offer's place stays taken: capacity counts partnerships carried, ended or not.
 * The other side is told.
 */
export async function endPartnership(deps: ChangeDeps, actor: Actor, id: string, given: PartnershipEnd): Promise<Partnership> {
  const { row, user } = await loadVisible(deps, actor, id);
  if (!partyOf(user, row) && !user.isPlatformAdmin) throw new Forbidden('Seules les deux parties peuvent clore ce partenariat.');
  if (row.status === 'ended') throw new Conflict('Ce partenariat est déjà terminé.');
  const hasGiven = given.hours !== undefined || given.amountEur !== undefined || given.days !== undefined || (given.items ?? '') !== '';
  if (row.status === 'proposed' && hasGiven) {
    throw new Invalid('Un partenariat jamais activé ne peut rien avoir donné.', [{ path: 'status', message: 'activez-le d’abord' }]);
  }
  const side = partyOf(user, row);
  await deps.sql.begin(async (tx) => {
    const ok = await endPartnershipRow(tx, id, { hours: given.hours ?? null, amount_eur: given.amountEur ?? null, days: given.days ?? null, items: given.items ?? '' });
    if (!ok) throw new Conflict('Ce partenariat est déjà terminé.');
    await notifyAdmins(tx, deps, otherSides(row, side), {
      kind: 'partnership.ended',
      category: 'partnerships',
      eventKey: id,
      subject: `Partenariat « ${row.offer_title} » clos`,
      lines: [`${nameOf(row, side)} a clos le partenariat « ${row.offer_title} » entre ${row.company_name} et ${row.association_name}.`, 'Ce qui a été donné est noté sur sa page :'],
      path: `/partenariats/${id}`,
    });
  });
  await deliverSoon(deps);
  return getPartnership(deps, actor, id);
}

/** The party the actor writes or reads as: messages stay between the two parties (staff included only if party). */
async function loadConversation(deps: Deps, actor: Actor, id: string) {
  const { row, user } = await loadVisible(deps, actor, id);
  const side = partyOf(user, row);
  if (!side) throw new Forbidden('La conversation est réservée aux deux partenaires.');
  return { row, user, side };
}

/** The conversation of a partnership, oldest first; its two parties only. */
export async function listMessages(deps: Deps, actor: Actor, id: string): Promise<PartnershipMessage[]> {
  await loadConversation(deps, actor, id);
  return (await selectMessages(deps.sql, id)).map(toMessage);
}

/** Writes in a partnership's conversation, as the actor's side; its two parties only. The other side is told. */
export async function postMessage(deps: ChangeDeps, actor: Actor, id: string, input: MessageCreate): Promise<PartnershipMessage> {
  const { row, user, side } = await loadConversation(deps, actor, id);
  const message = await deps.sql.begin(async (tx) => {
    const inserted = await insertMessage(tx, { partnershipId: id, authorId: user.userId, side, body: input.body });
    // One e-mail per side's messages and hour: a burst of messages is announced once, by its first one.
    await notifyAdmins(tx, deps, otherSides(row, side), {
      kind: 'partnership.message',
      category: 'partnerships',
      eventKey: `${id}:${side}:${inserted.created_at.toISOString().slice(0, 13)}`,
      subject: `Nouveau message de ${nameOf(row, side)} (partenariat « ${row.offer_title} »)`,
      lines: [
        `${user.displayName} (${nameOf(row, side)}) vous écrit :`,
        `« ${excerpt(input.body)} »`,
        'Les messages qui suivent dans l’heure ne sont pas annoncés un par un. Pour lire la conversation et répondre :',
      ],
      path: `/partenariats/${id}`,
    });
    return inserted;
  });
  await deliverSoon(deps);
  return toMessage(message);
}
