import { toMask } from '../contract/availability.ts';
import { hashPassword } from '../core/accounts/passwords.ts';
import { createUser } from '../core/accounts/users.ts';
import { insertMembership } from '../core/associations/associations.sql.ts';
import type { Queryable } from '../db/database.ts';
import { DEMO_ACCOUNTS, DEMO_ASSOCIATION, DEMO_COMPANY, DEMO_PASSWORD, type DemoAccountRole } from './accounts.ts';
import { insertApplications, insertAssociations, insertCitizens, insertCompanies, insertMissions, insertOffers, type TerritoryIds } from './bulk.sql.ts';
import { drawApplications, indexCitizens } from './generate-applications.ts';
import { generateMission } from './generate-missions.ts';
import { drawSiren, generateOffer } from './generate-companies.ts';
import { communeOf } from './places.ts';
import { createRng, hashSeed, uuidFrom } from './prng.ts';
import type { DemoDataset } from './dataset.ts';
import type { GenApplication, GenAssociation, GenCitizen, GenMission } from './types.ts';
import { COMPANY_SECTORS } from './vocabulary/companies.ts';

const FLAGS: Partial<Record<DemoAccountRole, { isPlatformAdmin?: boolean; isModerator?: boolean; isOrganiser?: boolean }>> = {
  platform_admin: { isPlatformAdmin: true },
  moderator: { isModerator: true },
  organiser: { isOrganiser: true },
};

async function hasSupportOrganisations(sql: Queryable): Promise<boolean> {
  const [row] = await sql<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'support_organisation_id') AS found`;
  return row.found;
}

/**
 * Creates one account per role (password DEMO_PASSWORD) through the accounts use case, with what each needs to
 * be worth trying: Camille's complete profile and applications, the verified association with missions and
 * candidates, the company with an offer of every kind. Returns the roles that were skipped.
 */
export async function createDemoAccounts(sql: Queryable, dataset: DemoDataset, territories: TerritoryIds, reference: Date): Promise<{ created: string[]; skipped: string[] }> {
  const rng = createRng(hashSeed('demo-accounts'));
  const ids = new Map<DemoAccountRole, string>();
  const created: string[] = [];
  const skipped: string[] = [];
  const supportReady = await hasSupportOrganisations(sql);
  for (const account of DEMO_ACCOUNTS) {
    if (account.role === 'support_agent' && !supportReady) {
      skipped.push(account.email);
      continue;
    }
    const user = await createUser({ sql }, { email: account.email, displayName: account.displayName, passwordHash: await hashPassword(DEMO_PASSWORD), emailVerified: true, ...FLAGS[account.role] });
    ids.set(account.role, user.id);
    created.push(account.email);
  }
  if (ids.has('support_agent')) {
    const [org] = await sql<{ id: string }[]>`INSERT INTO support_organisations (name) VALUES ('France Services de Saverne') RETURNING id`;
    await sql`UPDATE users SET support_organisation_id = ${org.id} WHERE id = ${ids.get('support_agent')!}`;
  }

  // Camille: a complete profile in Strasbourg (Neudorf), developer by day, homework help and digital help in the evening.
  const strasbourg = communeOf('67482');
  const camille: GenCitizen = {
    id: uuidFrom(rng), userId: ids.get('citizen')!, email: 'camille.citoyenne@demo.maillage.fr', firstName: 'Camille', lastName: 'Roth',
    persona: 'salarie', activity: 'soutien_scolaire', birthYear: reference.getUTCFullYear() - 34,
    wish: "Développeuse web le jour, j'aimerais donner un coup de main le soir à des collégiens pour leurs devoirs, ou aider des seniors avec leur smartphone. Dispo le mardi et le jeudi soir, et le samedi matin. J'habite Neudorf, je me déplace à vélo.",
    skills: ['soutien_scolaire', 'developpement_web', 'accompagnement_numerique'], themes: ['education', 'jeunesse', 'numerique'],
    availability: toMask([{ day: 'mardi', slot: 'soir' }, { day: 'jeudi', slot: 'soir' }, { day: 'samedi', slot: 'matin' }]),
    communeInsee: strasbourg.insee, lat: strasbourg.lat, lon: strasbourg.lon, territoryCode: 'eurometropole', radiusKm: 8,
    languages: ['fr', 'en'], accessibilityNeeds: [], acceptsRemote: true, isVisibleToAssociations: true, isOpenToBoardRoles: false,
    digest: 'weekly', createdAt: new Date(reference.getTime() - 40 * 86_400_000),
  };
  await insertCitizens(sql, [camille], territories);

  // The verified association of asso.admin (admin) and asso.membre (member), with missions and candidates.
  const association: GenAssociation = {
    id: uuidFrom(rng), adminUserId: ids.get('association_admin')!, rna: DEMO_ASSOCIATION.rna, name: DEMO_ASSOCIATION.name,
    purpose: "L'association a pour objet de lutter contre le décrochage scolaire en proposant un accompagnement aux devoirs gratuit aux enfants et adolescents de Neudorf, et d'accompagner les habitants éloignés du numérique. Fondée en 2009, elle compte aujourd'hui 45 bénévoles et 2 salariés.",
    themes: ['education', 'jeunesse', 'numerique'], activities: ['soutien_scolaire', 'inclusion_numerique'], territoryCode: 'eurometropole',
    communeInsee: DEMO_ASSOCIATION.communeInsee, size: 'medium', verification: 'verified', contactEmail: 'contact@coupdepouce-neudorf.demo.invalid',
    website: null, responseHours: 36, createdAt: new Date(reference.getTime() - 400 * 86_400_000),
  };
  await insertAssociations(sql, [association], territories);
  await insertMembership(sql, { userId: ids.get('association_admin')!, associationId: association.id, role: 'admin' });
  await insertMembership(sql, { userId: ids.get('association_member')!, associationId: association.id, role: 'member' });
  const index = indexCitizens(dataset.citizens);
  const missions: GenMission[] = [];
  const applications: GenApplication[] = [];
  for (let i = 0; i < 6; i++) {
    const draft = { ...generateMission(rng, association, reference), status: i === 5 ? ('draft' as const) : ('open' as const) };
    const drawn = drawApplications(rng, draft, index, reference);
    missions.push({ ...draft, publishedAt: draft.status === 'open' ? draft.createdAt : null, acceptedCount: drawn.acceptedCount, pendingCount: drawn.pendingCount });
    applications.push(...drawn.applications);
  }
  // Camille has applied to one of them (pending) and was accepted elsewhere.
  const first = missions[0];
  applications.push({ id: uuidFrom(rng), missionId: first.id, citizenId: camille.id, status: 'pending', message: 'Bonjour, je suis disponible le mardi soir, ça me ferait plaisir de venir.', createdAt: new Date(reference.getTime() - 2 * 86_400_000), decidedAt: null });
  first.pendingCount++;
  await insertMissions(sql, missions, territories);
  await insertApplications(sql, applications);
  const elsewhere = dataset.missions.find((m) => m.status === 'open' && m.territoryCode === 'eurometropole' && m.acceptedCount < m.places);
  if (elsewhere) {
    await insertApplications(sql, [{ id: uuidFrom(rng), missionId: elsewhere.id, citizenId: camille.id, status: 'accepted', message: 'Bonjour, avec plaisir !', createdAt: new Date(reference.getTime() - 10 * 86_400_000), decidedAt: new Date(reference.getTime() - 9 * 86_400_000) }]);
    await sql`UPDATE missions SET accepted_count = accepted_count + 1 WHERE id = ${elsewhere.id}`;
  }

  // The company of entreprise@: a verified digital-services SME with one open offer of every kind.
  const sectorInfo = COMPANY_SECTORS.find((s) => s.sector === 'Services numériques')!;
  const company = {
    id: uuidFrom(rng), adminUserId: ids.get('company_admin')!, siren: drawSiren(rng, new Set(dataset.companies.map((c) => c.siren))),
    name: DEMO_COMPANY.name, sector: sectorInfo.sector, territoryCode: 'eurometropole', communeInsee: DEMO_COMPANY.communeInsee,
    description: `${DEMO_COMPANY.name} est une entreprise de services numériques de 45 salariés installée à Strasbourg. Dans le cadre de sa politique RSE, elle veut soutenir des associations du territoire : inclusion numérique, éducation et insertion.`,
    size: 'sme' as const, verification: 'verified' as const, createdAt: new Date(reference.getTime() - 200 * 86_400_000), sectorInfo,
  };
  const { sectorInfo: _s, ...companyRow } = company;
  await insertCompanies(sql, [companyRow], territories);
  await insertMembership(sql, { userId: ids.get('company_admin')!, companyId: company.id, role: 'admin' });
  const kinds = ['skills', 'financial', 'team_day', 'in_kind', 'board_member'] as const;
  await insertOffers(sql, kinds.map((kind) => ({ ...generateOffer(rng, company, reference, kind), status: 'open' as const })), territories);
  return { created, skipped };
}
