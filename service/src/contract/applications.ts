import { z } from 'zod';
import { Uuid } from './common.ts';

export const ApplicationStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const ApplicationCreate = z.object({ message: z.string().trim().max(2000, 'message trop long (2 000 caractères au plus)').default('') });
export type ApplicationCreate = z.infer<typeof ApplicationCreate>;

/** An application as its citizen and the mission's association see it. */
export const Application = z.object({
  id: Uuid,
  status: ApplicationStatus,
  message: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  responseHours: z.number().nullable(),
  mission: z.object({ id: Uuid, title: z.string(), placesLeft: z.number().int(), pendingApplications: z.number().int() }),
  association: z.object({ id: Uuid, name: z.string() }),
  /** The citizen applied, so the association may see who they are (contact only for the association's members). */
  citizen: z.object({ id: Uuid, firstName: z.string(), commune: z.string(), contact: z.object({ displayName: z.string(), email: z.string() }).nullable() }),
});
export type Application = z.infer<typeof Application>;

export const ApplicationList = z.object({ items: z.array(Application) });
export type ApplicationList = z.infer<typeof ApplicationList>;
