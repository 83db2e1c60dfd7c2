import { Forbidden, Unauthorized } from './errors.ts';

/**
 * Who is acting. Every use case receives one and checks what it may do: authorisation lives in the core,
 * routes only say who the caller is.
 */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      displayName: string;
      isPlatformAdmin: boolean;
      isModerator: boolean;
      isOrganiser: boolean;
      citizenId: string | null;
      associations: { id: string; role: 'member' | 'admin' }[];
      companies: { id: string; role: 'member' | 'admin' }[];
      /** The support organisation this user is an agent of (optional so older literals stay valid). */
      supportOrganisationId?: string | null;
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = Object.freeze({ kind: 'anonymous' });

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new Unauthorized();
  return actor;
}

export function isAssociationMember(actor: Actor, associationId: string, role: 'member' | 'admin' = 'member'): boolean {
  if (actor.kind !== 'user') return false;
  return actor.associations.some((a) => a.id === associationId && (role === 'member' || a.role === 'admin'));
}

export function isCompanyMember(actor: Actor, companyId: string, role: 'member' | 'admin' = 'member'): boolean {
  if (actor.kind !== 'user') return false;
  return actor.companies.some((c) => c.id === companyId && (role === 'member' || c.role === 'admin'));
}

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && (actor.isPlatformAdmin || actor.isModerator);
}

/** Members of the association (or platform staff) may act for it. */
export function assertCanActForAssociation(actor: Actor, associationId: string, role: 'member' | 'admin' = 'member'): UserActor {
  const user = requireUser(actor);
  if (!isAssociationMember(user, associationId, role) && !user.isPlatformAdmin) throw new Forbidden();
  return user;
}

export function assertCanActForCompany(actor: Actor, companyId: string, role: 'member' | 'admin' = 'member'): UserActor {
  const user = requireUser(actor);
  if (!isCompanyMember(user, companyId, role) && !user.isPlatformAdmin) throw new Forbidden();
  return user;
}
