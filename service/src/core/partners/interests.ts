import type { InterestCreate, InterestResult } from '../../contract/partners.ts';
import { assertCanActForAssociation, assertCanActForCompany, isCompanyMember, isStaff, type Actor } from '../actor.ts';
import { selectAssociation } from '../associations/associations.sql.ts';
import type { CoreDeps } from '../deps.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { selectOffer } from '../offers/offers.sql.ts';
import { partnerFactsOf } from './pairs.ts';
import { toPartnership } from './partnerships.ts';
import { deleteInterest, insertInterest, insertPartnership, lockOffer, selectInterestSides, selectPartnershipOfPair } from './partnerships.sql.ts';
import { isServedByOffer, selectPair } from './rank.sql.ts';
import { notifyAdmins, type ChangeDeps } from '../accounts/notices.ts';
import { deliverSoon } from '../accounts/outbox.ts';
import { PARTNER_WEIGHTS, scorePartner } from './score.ts';

/**
 * One side says it is interested in an (offer, association) pair: company members for their company's offer,
 * association members for their association. When both sides have said so, the partnership opens (proposed),
 * with the pair's fit recorded. Saying it twice is a conflict. The other side's admins are told by e-mail: of the
 * interest, with a link to where they can answer it, or of the partnership it opened.
 */
export async function expressInterest(deps: ChangeDeps, actor: Actor, offerId: string, input: InterestCreate): Promise<InterestResult> {
  const offer = await selectOffer(deps.sql, offerId);
  const isVisible = offer && (offer.status !== 'draft' && offer.company_verification !== 'suspended' ? true : isStaff(actor) || isCompanyMember(actor, offer.company_id));
  if (!offer || !isVisible) throw new NotFound('Offre introuvable.');
  const user = input.side === 'company' ? assertCanActForCompany(actor, offer.company_id) : assertCanActForAssociation(actor, input.associationId);
  const association = await selectAssociation(deps.sql, input.associationId);
  if (!association) throw new NotFound('Association introuvable.');
  if (association.verification !== 'verified') throw new Conflict('Seule une association vérifiée peut nouer un partenariat.');
  if (offer.company_verification === 'suspended') throw new Conflict('Cette entreprise est suspendue.');
  if (offer.status !== 'open' || offer.capacity_left <= 0) throw new Conflict('Cette offre n’accepte plus de nouveau partenaire.');
  if (!(await isServedByOffer(deps.sql, offer.id, association.id))) {
    throw new Invalid('Cette association est hors des territoires de l’offre.', [{ path: 'associationId', message: 'hors des territoires de l’offre' }]);
  }
  const pair = await selectPair(deps.sql, offer.id, association.id);
  const fit = pair ? scorePartner(partnerFactsOf(pair)).score : null;

  await deps.sql.begin(async (tx) => {
    await lockOffer(tx, offer.id);
    if (!(await insertInterest(tx, { offerId: offer.id, associationId: association.id, side: input.side, userId: user.userId }))) {
      throw new Conflict(input.side === 'company' ? 'Votre entreprise a déjà exprimé son intérêt.' : 'Votre association a déjà exprimé son intérêt.');
    }
    const sides = await selectInterestSides(tx, offer.id, association.id);
    const other = [input.side === 'company' ? { organisation: 'association' as const, id: association.id } : { organisation: 'company' as const, id: offer.company_id }];
    const who = input.side === 'company' ? offer.company_name : association.name;
    if (sides.includes('company') && sides.includes('association')) {
      const id = await insertPartnership(tx, { offerId: offer.id, companyId: offer.company_id, associationId: association.id, fitScore: fit, weightsVersion: PARTNER_WEIGHTS.version });
      await notifyAdmins(tx, deps, other, {
        kind: 'partnership.proposed',
        category: 'partnerships',
        eventKey: id,
        subject: `Partenariat proposé avec ${who}`,
        lines: [
          input.side === 'association'
            ? `${who} est aussi intéressée par votre offre « ${offer.title} » : le partenariat est proposé.`
            : `${who} répond à votre intérêt pour son offre « ${offer.title} » : le partenariat est proposé.`,
          'Présentez-vous et convenez des modalités dans sa conversation :',
        ],
        path: `/partenariats/${id}`,
      });
    } else {
      await notifyAdmins(tx, deps, other, {
        kind: 'partner.interest',
        category: 'partnerships',
        eventKey: `${offer.id}:${association.id}:${input.side}`,
        subject: input.side === 'association' ? `${who} est intéressée par votre offre « ${offer.title} »` : `${who} souhaite soutenir ${association.name}`,
        lines: [
          input.side === 'association'
            ? `L’association ${who} est intéressée par votre offre « ${offer.title} ».`
            : `L’entreprise ${who} propose son offre « ${offer.title} » à ${association.name}.`,
          'Si c’est réciproque, répondez « Nous aussi » : le partenariat sera proposé.',
        ],
        path: input.side === 'association' ? `/espace-entreprise/${offer.company_id}/offres/${offer.id}` : `/espace-association/${association.id}/entreprises`,
      });
    }
  });
  await deliverSoon(deps);
  return pairResult(deps.sql, offer.id, association.id);
}

/**
 * One side takes back its interest while the other side has not answered it (once both have, the partnership
 * exists: it is withdrawn from its page). The pair leaves the other side's interests waiting for an answer; nobody
 * is e-mailed.
 */
export async function withdrawInterest(deps: Pick<CoreDeps, 'sql'>, actor: Actor, offerId: string, input: InterestCreate): Promise<InterestResult> {
  const offer = await selectOffer(deps.sql, offerId);
  if (!offer) throw new NotFound('Offre introuvable.');
  if (input.side === 'company') assertCanActForCompany(actor, offer.company_id);
  else assertCanActForAssociation(actor, input.associationId);
  await deps.sql.begin(async (tx) => {
    // The same lock as expressInterest: the other side's answer cannot open the partnership meanwhile.
    await lockOffer(tx, offer.id);
    if (await selectPartnershipOfPair(tx, offer.id, input.associationId)) {
      throw new Conflict('Le partenariat est déjà proposé : retirez-le depuis sa page.');
    }
    if (!(await deleteInterest(tx, { offerId: offer.id, associationId: input.associationId, side: input.side }))) {
      throw new NotFound(input.side === 'company' ? 'Votre entreprise n’a pas exprimé d’intérêt pour cette association.' : 'Votre association n’a pas exprimé d’intérêt pour cette offre.');
    }
  });
  return pairResult(deps.sql, offer.id, input.associationId);
}

/** Where a pair stands: who said they are interested, and its partnership if both have. */
async function pairResult(sql: CoreDeps['sql'], offerId: string, associationId: string): Promise<InterestResult> {
  const sides = await selectInterestSides(sql, offerId, associationId);
  const partnership = await selectPartnershipOfPair(sql, offerId, associationId);
  return {
    state: {
      companyInterested: sides.includes('company'),
      associationInterested: sides.includes('association'),
      partnership: partnership ? { id: partnership.id, status: partnership.status } : null,
    },
    partnership: partnership ? toPartnership(partnership) : null,
  };
}
