/**
 * Records the generators produce, in the database's terms (snake_case where the bulk loader maps them 1:1).
 * Ids are drawn from the seeded generator, so the same seed gives the same ids.
 */
export type GenAssociation = {
  id: string;
  adminUserId: string;
  rna: string;
  name: string;
  purpose: string;
  themes: string[];
  activities: string[];
  territoryCode: string;
  communeInsee: string;
  size: 'volunteers_only' | 'small' | 'medium' | 'large';
  verification: 'pending' | 'verified' | 'suspended';
  contactEmail: string | null;
  website: string | null;
  responseHours: number | null;
  createdAt: Date;
};

export type GenMission = {
  id: string;
  associationId: string;
  activity: string;
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  isRemote: boolean;
  communeInsee: string | null;
  lat: number | null;
  lon: number | null;
  territoryCode: string;
  schedule: number;
  places: number;
  acceptedCount: number;
  pendingCount: number;
  startsOn: string | null;
  endsOn: string | null;
  minAge: number;
  accessibility: string[];
  status: 'draft' | 'open' | 'closed';
  createdAt: Date;
  publishedAt: Date | null;
};

export type GenCitizen = {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  persona: string;
  activity: string;
  birthYear: number;
  wish: string;
  skills: string[];
  themes: string[];
  availability: number;
  communeInsee: string;
  lat: number;
  lon: number;
  territoryCode: string;
  radiusKm: number;
  languages: string[];
  accessibilityNeeds: string[];
  acceptsRemote: boolean;
  isVisibleToAssociations: boolean;
  isOpenToBoardRoles: boolean;
  digest: 'never' | 'daily' | 'weekly';
  createdAt: Date;
};

export type GenApplication = {
  id: string;
  missionId: string;
  citizenId: string;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  message: string;
  createdAt: Date;
  decidedAt: Date | null;
};

export type GenCompany = {
  id: string;
  adminUserId: string;
  siren: string;
  name: string;
  sector: string;
  description: string;
  territoryCode: string;
  communeInsee: string;
  size: 'micro' | 'sme' | 'mid' | 'large';
  verification: 'pending' | 'verified' | 'suspended';
  createdAt: Date;
};

export type GenOffer = {
  id: string;
  companyId: string;
  kind: 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  /** Territory codes; empty: the company's own territory. */
  territoryCodes: string[];
  hours: number | null;
  budgetMinEur: number | null;
  budgetMaxEur: number | null;
  people: number | null;
  capacity: number;
  capacityLeft: number;
  startsOn: string | null;
  endsOn: string | null;
  status: 'draft' | 'open' | 'closed';
  createdAt: Date;
};

export type GenNeed = {
  id: string;
  associationId: string;
  kind: 'skills' | 'financial' | 'team_day' | 'in_kind' | 'board_member';
  title: string;
  description: string;
  skills: string[];
  themes: string[];
  amountEur: number | null;
  status: 'open' | 'met' | 'closed';
  createdAt: Date;
};

/** A generated account that cannot sign in (no password): the people behind generated organisations and profiles. */
export type GenUser = { id: string; email: string; displayName: string; createdAt: Date };
