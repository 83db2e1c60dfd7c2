import { z } from 'zod';
import { Pagination, Uuid, Verification } from './common.ts';

// Mirrors MIN_PASSWORD_LENGTH in core/accounts/passwords.ts (the core checks again; this file stays Node-free).
export const PASSWORD_MIN = 10;

export const Email = z.email('adresse e-mail invalide').max(320);
export const Password = z.string().min(PASSWORD_MIN, `au moins ${PASSWORD_MIN} caractères`).max(200, '200 caractères au plus');
/** Any non-empty string (a password being checked: its strength rules may have changed since it was chosen). */
const GivenPassword = z.string().min(1, 'mot de passe requis').max(200);
export const Token = z.string().min(10, 'jeton invalide').max(200);

export const SignUpInput = z.object({ email: Email, password: Password, displayName: z.string().trim().min(1, 'nom requis').max(120) });
export type SignUpInput = z.infer<typeof SignUpInput>;

export const LogInInput = z.object({ email: Email, password: GivenPassword });
export type LogInInput = z.infer<typeof LogInInput>;

export const EmailInput = z.object({ email: Email });
export const TokenInput = z.object({ token: Token });
export const ResetPasswordInput = z.object({ token: Token, password: Password });
export const ChangePasswordInput = z.object({ currentPassword: GivenPassword, newPassword: Password });
export const DeleteAccountInput = z.object({ password: GivenPassword });
export const RenameInput = z.object({ displayName: z.string().trim().min(1, 'nom requis').max(120, '120 caractères au plus') });
export type RenameInput = z.infer<typeof RenameInput>;
export const EmailChangeInput = z.object({ newEmail: Email, currentPassword: GivenPassword });
export type EmailChangeInput = z.infer<typeof EmailChangeInput>;

export const Message = z.object({ message: z.string() });
export type Message = z.infer<typeof Message>;

const ScopedRole = z.object({ id: Uuid, role: z.enum(['member', 'admin']) });

/** Who is logged in, as the web app needs it (no secrets besides the CSRF token of this session). */
export const Me = z.object({
  userId: Uuid,
  email: z.string(),
  displayName: z.string(),
  isPlatformAdmin: z.boolean(),
  isModerator: z.boolean(),
  isOrganiser: z.boolean(),
  supportOrganisationId: Uuid.nullable(),
  citizenId: Uuid.nullable(),
  associations: z.array(ScopedRole),
  companies: z.array(ScopedRole),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const LogInResult = z.object({ me: Me, csrfToken: z.string(), expiresAt: z.string() });
export type LogInResult = z.infer<typeof LogInResult>;

export const Digest = z.enum(['never', 'daily', 'weekly']);
export const PrivacySettings = z.object({ isVisibleToAssociations: z.boolean(), isOpenToBoardRoles: z.boolean(), digest: Digest });
export type PrivacySettings = z.infer<typeof PrivacySettings>;
export const PrivacyUpdate = PrivacySettings.partial().refine((p) => Object.keys(p).length > 0, { message: 'aucun champ à modifier' });
export type PrivacyUpdate = z.infer<typeof PrivacyUpdate>;

export const OrganisationKind = z.enum(['association', 'company']);
export const ProfileView = z.object({
  viewedAt: z.string(),
  context: z.string(),
  organisation: z.object({ kind: OrganisationKind, id: Uuid, name: z.string() }).nullable(),
});
export const ProfileViews = z.object({ items: z.array(ProfileView) });

export const InvitationCreate = z.object({ email: Email, role: z.enum(['member', 'admin']).default('member') });
export type InvitationCreate = z.infer<typeof InvitationCreate>;
export const Invitation = z.object({ id: Uuid, email: z.string(), role: z.enum(['member', 'admin']), expiresAt: z.string(), createdAt: z.string() });
export type Invitation = z.infer<typeof Invitation>;
export const InvitationAccepted = z.object({ kind: OrganisationKind, organisationId: Uuid, role: z.enum(['member', 'admin']) });
export const MemberList = z.object({
  members: z.array(z.object({ userId: Uuid, displayName: z.string(), role: z.enum(['member', 'admin']), since: z.string() })),
  invitations: z.array(Invitation),
});
export type MemberList = z.infer<typeof MemberList>;
export const MemberParams = z.object({ id: Uuid, userId: Uuid });

export const ModerationFilters = Pagination.extend({ state: Verification.optional(), kind: OrganisationKind.optional() });
export type ModerationFilters = z.infer<typeof ModerationFilters>;
export const ModerationItem = z.object({
  kind: OrganisationKind,
  id: Uuid,
  name: z.string(),
  rna: z.string().nullable(),
  siren: z.string().nullable(),
  verification: Verification,
  communeInsee: z.string(),
  members: z.number().int(),
  isRegistrationValid: z.boolean(),
  registrationProblem: z.string().nullable(),
  createdAt: z.string(),
});
export const VerificationUpdate = z.object({ state: Verification, reason: z.string().trim().max(2000).default('') });
export type VerificationUpdate = z.infer<typeof VerificationUpdate>;

export const RolesUpdate = z
  .object({ isPlatformAdmin: z.boolean(), isModerator: z.boolean(), isOrganiser: z.boolean(), supportOrganisationId: Uuid.nullable() })
  .partial()
  .refine((r) => Object.keys(r).length > 0, { message: 'aucun rôle à modifier' });
export type RolesUpdate = z.infer<typeof RolesUpdate>;
export const UserRoles = z.object({
  userId: Uuid,
  isPlatformAdmin: z.boolean(),
  isModerator: z.boolean(),
  isOrganiser: z.boolean(),
  supportOrganisationId: Uuid.nullable(),
});
export type UserRoles = z.infer<typeof UserRoles>;
export const UserSearch = z.object({
  q: z.string().trim().min(2, 'au moins 2 caractères').max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type UserSearch = z.infer<typeof UserSearch>;
export const UserWithRoles = UserRoles.extend({ email: z.string(), displayName: z.string(), supportOrganisationName: z.string().nullable(), createdAt: z.string() });
export type UserWithRoles = z.infer<typeof UserWithRoles>;
export const UserSearchResult = z.object({ items: z.array(UserWithRoles) });
export type UserSearchResult = z.infer<typeof UserSearchResult>;
export const SupportOrganisationCreate = z.object({ name: z.string().trim().min(2).max(200) });

export const SessionList = z.object({
  items: z.array(z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string(), userAgent: z.string().nullable(), isCurrent: z.boolean() })),
});
export type SessionList = z.infer<typeof SessionList>;
