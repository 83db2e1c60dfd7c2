import { loadActor } from '../../../service/src/core/accounts/sessions.ts';
import type { Actor } from '../../../service/src/core/actor.ts';
import { createAssociation } from '../../../service/src/core/associations/associations.ts';
import { createCitizenProfile } from '../../../service/src/core/citizens/citizens.ts';
import { createMission } from '../../../service/src/core/missions/missions.ts';
import { AssociationCreate } from '../../../service/src/contract/associations.ts';
import type { CitizenProfileCreate } from '../../../service/src/contract/citizens.ts';
import { CitizenProfileCreate as CitizenProfileCreateSchema } from '../../../service/src/contract/citizens.ts';
import { MissionCreate } from '../../../service/src/contract/missions.ts';
import { seedTerritory, signIn, type TestContext } from '../../support/context.ts';

let rnaSeq = Math.floor(Math.random() * 1e6);
const nextRna = () => `W67${String(rnaSeq++ % 1e7).padStart(7, '0')}`;

export type Territory = Awaited<ReturnType<typeof seedTerritory>>;
export type Member = Awaited<ReturnType<typeof signIn>> & { actor: Actor };

export async function actorOf(ctx: TestContext, userId: string): Promise<Actor> {
  return loadActor(ctx.deps.sql, userId);
}

/** A signed-in user who admins a new association; verified unless said otherwise (set in SQL: moderation is not under test here). */
export async function newAssociation(ctx: TestContext, territory: Territory, options: { verified?: boolean; name?: string } = {}) {
  const owner = await signIn(ctx);
  const input = AssociationCreate.parse({
    rna: nextRna(),
    name: options.name ?? `Association ${rnaSeq}`,
    purpose: 'Solidarité de proximité',
    communeInsee: territory.communes[0].insee,
    themes: ['solidarite'],
  });
  const association = await createAssociation(ctx.deps, await actorOf(ctx, owner.id), input);
  if (options.verified !== false) await ctx.deps.sql`UPDATE associations SET verification = 'verified' WHERE id = ${association.id}`;
  const member: Member = { ...owner, actor: await actorOf(ctx, owner.id) };
  return { id: association.id, owner: member, territory };
}

export async function newMission(ctx: TestContext, association: { id: string; owner: Member; territory: Territory }, overrides: Record<string, unknown> = {}) {
  const input = MissionCreate.parse({
    associationId: association.id,
    title: 'Visites de convivialité',
    description: 'Rendre visite à des personnes âgées isolées, discuter, faire une promenade.',
    ...(overrides.isRemote ? {} : { communeInsee: association.territory.communes[0].insee }),
    ...overrides,
  });
  return createMission(ctx.deps, association.owner.actor, input);
}

/** A signed-in citizen with a profile (through the citizens use case), and their refreshed actor. */
export async function newCitizen(ctx: TestContext, territory: Territory, overrides: Partial<CitizenProfileCreate> = {}) {
  const user = await signIn(ctx);
  const input = CitizenProfileCreateSchema.parse({ firstName: 'Camille', communeInsee: territory.communes[0].insee, wish: 'aider des personnes âgées', ...overrides });
  const profile = await createCitizenProfile(ctx.deps, await actorOf(ctx, user.id), input);
  return { ...user, profile, actor: await actorOf(ctx, user.id) };
}
