import { z } from 'zod';
import { AssociationSize } from './associations.ts';
import { queryBoolean, queryList, Uuid } from './common.ts';
import { OfferKind } from './offers.ts';
import { ThemeCode } from './vocabulary.ts';

export const PartnerComponentKey = z.enum(['needs', 'semantic', 'themes', 'distance', 'size', 'activity']);

/** One reason of a fit, in French, with the numbers behind it (contributions sum to the score). */
export const PartnerScoreComponent = z.object({
  key: PartnerComponentKey,
  label: z.string(),
  detail: z.string(),
  value: z.number(),
  weight: z.number(),
  contribution: z.number(),
});
export type PartnerScoreComponent = z.infer<typeof PartnerScoreComponent>;

export const PartnershipStatus = z.enum(['proposed', 'active', 'ended']);
export type PartnershipStatus = z.infer<typeof PartnershipStatus>;
export const InterestSide = z.enum(['company', 'association'], { message: 'côté attendu : company ou association' });
export type InterestSide = z.infer<typeof InterestSide>;

/** Where a pair stands: who said they are interested, and the partnership once interest is mutual. */
export const PairState = z.object({
  companyInterested: z.boolean(),
  associationInterested: z.boolean(),
  partnership: z.object({ id: Uuid, status: PartnershipStatus }).nullable(),
});
export type PairState = z.infer<typeof PairState>;

const fitFields = { rank: z.number().int(), score: z.number(), summary: z.string(), components: z.array(PartnerScoreComponent), state: PairState };

export const RankedAssociation = z.object({
  ...fitFields,
  association: z.object({
    id: Uuid,
    name: z.string(),
    themes: z.array(z.string()),
    size: z.string(),
    territory: z.object({ code: z.string(), name: z.string() }),
    commune: z.string(),
    openMissions: z.number().int(),
  }),
});
export type RankedAssociation = z.infer<typeof RankedAssociation>;

export const RankedAssociations = z.object({ items: z.array(RankedAssociation), weightsVersion: z.string() });
export type RankedAssociations = z.infer<typeof RankedAssociations>;

export const AssociationRankQuery = z.object({
  theme: queryList(ThemeCode).optional(),
  size: queryList(AssociationSize).optional(),
  /** Only associations that published an open need of the offer's kind. */
  withNeed: queryBoolean.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type AssociationRankQuery = z.infer<typeof AssociationRankQuery>;

export const RankedOffer = z.object({
  ...fitFields,
  offer: z.object({
    id: Uuid,
    title: z.string(),
    kind: OfferKind,
    themes: z.array(z.string()),
    capacityLeft: z.number().int(),
    company: z.object({ id: Uuid, name: z.string() }),
  }),
});
export type RankedOffer = z.infer<typeof RankedOffer>;

export const RankedOffers = z.object({ items: z.array(RankedOffer), weightsVersion: z.string() });
export type RankedOffers = z.infer<typeof RankedOffers>;

export const OfferRankQuery = z.object({
  kind: queryList(OfferKind).optional(),
  theme: queryList(ThemeCode).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type OfferRankQuery = z.infer<typeof OfferRankQuery>;

/** Interest in a pair (offer x association), said by one side; the side is explicit since one person may act for both. */
export const InterestCreate = z.object({ associationId: Uuid, side: InterestSide });
export type InterestCreate = z.infer<typeof InterestCreate>;

export const Partnership = z.object({
  id: Uuid,
  status: PartnershipStatus,
  offer: z.object({ id: Uuid, title: z.string(), kind: OfferKind }),
  company: z.object({ id: Uuid, name: z.string() }),
  association: z.object({ id: Uuid, name: z.string() }),
  fitScore: z.number().nullable(),
  weightsVersion: z.string().nullable(),
  hours: z.number().int().nullable(),
  amountEur: z.number().int().nullable(),
  days: z.number().int().nullable(),
  items: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Partnership = z.infer<typeof Partnership>;

export const InterestResult = z.object({ state: PairState, partnership: Partnership.nullable() });
export type InterestResult = z.infer<typeof InterestResult>;

export const PartnershipFilters = z.object({
  status: PartnershipStatus.optional(),
  association: Uuid.optional(),
  company: Uuid.optional(),
});
export type PartnershipFilters = z.infer<typeof PartnershipFilters>;

/**
 * An interest said by one side of an (offer, association) pair that the other side has not answered yet (no
 * partnership): what a company sees coming from associations, and an association from companies.
 */
export const PendingInterest = z.object({
  offer: z.object({ id: Uuid, title: z.string(), kind: OfferKind }),
  company: z.object({ id: Uuid, name: z.string() }),
  association: z.object({ id: Uuid, name: z.string() }),
  interestedSide: InterestSide,
  createdAt: z.string(),
});
export type PendingInterest = z.infer<typeof PendingInterest>;

export const PendingInterestFilters = z.object({
  association: Uuid.optional(),
  company: Uuid.optional(),
  offer: Uuid.optional(),
  /** Which side said it: `company` lists companies' interests (for associations to answer), and the reverse. */
  interestedSide: InterestSide.optional(),
});
export type PendingInterestFilters = z.infer<typeof PendingInterestFilters>;

/** What was given, recorded when a partnership ends (all optional: a proposal may end with nothing given). */
export const PartnershipEnd = z.object({
  hours: z.number().int().min(0).max(1_000_000).optional(),
  amountEur: z.number().int().min(0).max(100_000_000).optional(),
  days: z.number().int().min(0).max(10_000).optional(),
  items: z.string().trim().max(2000).optional(),
});
export type PartnershipEnd = z.infer<typeof PartnershipEnd>;

export const MessageCreate = z.object({ body: z.string().trim().min(1, 'message vide').max(5000) });
export type MessageCreate = z.infer<typeof MessageCreate>;

export const PartnershipMessage = z.object({
  id: Uuid,
  side: InterestSide,
  author: z.object({ id: Uuid, displayName: z.string() }).nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type PartnershipMessage = z.infer<typeof PartnershipMessage>;
