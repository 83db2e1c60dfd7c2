import { createAssociationRegistry, generateAssociation, generateNeed } from './generate-associations.ts';
import { drawApplications, indexCitizens, type CitizenIndex } from './generate-applications.ts';
import { generateCitizen } from './generate-citizens.ts';
import { createCompanyRegistry, drawOfferKind, generateCompany, generateOffer } from './generate-companies.ts';
import { generateMission } from './generate-missions.ts';
import { createRng, createWeightedPicker, hashSeed, type Rng } from './prng.ts';
import type { GenApplication, GenAssociation, GenCitizen, GenCompany, GenMission, GenNeed, GenOffer } from './types.ts';

export type DemoSize = { associations: number; missions: number; citizens: number; companies: number };

/** `demo` is what `npm start` loads into an empty database; `mini` keeps tests fast. */
export const DEMO_SIZES = {
  demo: { associations: 300, missions: 1000, citizens: 2000, companies: 60 },
  mini: { associations: 30, missions: 100, citizens: 250, companies: 8 },
} as const satisfies Record<string, DemoSize>;

export const DEFAULT_SEED = 67;

/** Independent streams: the records of one kind do not change when the count of another kind changes. */
export type DemoStreams = Record<'associations' | 'needs' | 'citizens' | 'missions' | 'companies', Rng>;

export function createStreams(seed: number | string): DemoStreams {
  const root = createRng(typeof seed === 'number' ? seed >>> 0 : hashSeed(seed));
  return {
    associations: root.fork('associations'),
    needs: root.fork('needs'),
    citizens: root.fork('citizens'),
    missions: root.fork('missions'),
    companies: root.fork('companies'),
  };
}

export function* generateAssociations(streams: DemoStreams, count: number, reference: Date): Generator<GenAssociation> {
  const registry = createAssociationRegistry();
  for (let i = 0; i < count; i++) yield generateAssociation(streams.associations, i, reference, registry);
}

export function* generateCitizens(streams: DemoStreams, count: number, reference: Date, offset = 0): Generator<GenCitizen> {
  for (let i = 0; i < count; i++) yield generateCitizen(streams.citizens, offset + i, reference);
}

const SIZE_WEIGHT = { volunteers_only: 1, small: 2, medium: 4, large: 8 } as const;

/** Missions spread over associations by size (a large association posts more), each with its applications. */
export function* generateMissions(
  streams: DemoStreams,
  count: number,
  associations: readonly GenAssociation[],
  citizens: CitizenIndex,
  reference: Date,
): Generator<{ mission: GenMission; applications: GenApplication[] }> {
  const pickAssociation = createWeightedPicker(associations, (a) => (a.verification === 'suspended' ? 0.5 : SIZE_WEIGHT[a.size]));
  const rng = streams.missions;
  for (let i = 0; i < count; i++) {
    const draft = generateMission(rng, pickAssociation(rng), reference);
    const { applications, acceptedCount, pendingCount } = drawApplications(rng, draft, citizens, reference);
    yield { mission: { ...draft, acceptedCount, pendingCount }, applications };
  }
}

export function generateNeeds(streams: DemoStreams, associations: readonly GenAssociation[], reference: Date): GenNeed[] {
  return associations.filter(() => streams.needs.chance(0.3)).map((a) => generateNeed(streams.needs, a, reference));
}

export function generateCompanies(streams: DemoStreams, count: number, reference: Date): { companies: GenCompany[]; offers: GenOffer[] } {
  const registry = createCompanyRegistry();
  const companies: GenCompany[] = [];
  const offers: GenOffer[] = [];
  for (let i = 0; i < count; i++) {
    const company = generateCompany(streams.companies, reference, registry);
    const { sectorInfo: _sector, ...row } = company;
    companies.push(row);
    // Distinct kinds: a company does not post the same gift twice.
    const kinds = new Set(Array.from({ length: streams.companies.int(1, 3) }, () => drawOfferKind(streams.companies)));
    for (const kind of kinds) offers.push(generateOffer(streams.companies, company, reference, kind));
  }
  return { companies, offers };
}

export type DemoDataset = {
  associations: GenAssociation[];
  needs: GenNeed[];
  citizens: GenCitizen[];
  missions: GenMission[];
  applications: GenApplication[];
  companies: GenCompany[];
  offers: GenOffer[];
};

/** The whole territory in memory (for the small demo and the tests); the scale mode streams the same generators. */
export function generateDataset(options: { seed?: number | string; size?: DemoSize; reference?: Date } = {}): DemoDataset {
  const size = options.size ?? DEMO_SIZES.demo;
  const reference = options.reference ?? new Date();
  const streams = createStreams(options.seed ?? DEFAULT_SEED);
  const associations = [...generateAssociations(streams, size.associations, reference)];
  const citizens = [...generateCitizens(streams, size.citizens, reference)];
  const missions: GenMission[] = [];
  const applications: GenApplication[] = [];
  for (const { mission, applications: apps } of generateMissions(streams, size.missions, associations, indexCitizens(citizens), reference)) {
    missions.push(mission);
    applications.push(...apps);
  }
  const { companies, offers } = generateCompanies(streams, size.companies, reference);
  const needs = generateNeeds(streams, associations, reference);
  return { associations, needs, citizens, missions, applications, companies, offers };
}

/** Yields arrays of at most `size` items. */
export function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}
