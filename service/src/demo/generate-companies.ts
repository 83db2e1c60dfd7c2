import { isLuhnValid } from '../contract/common.ts';
import type { ThemeCode } from '../contract/vocabulary.ts';
import { DEMO_TERRITORIES } from './communes.ts';
import { createCommunePicker } from './places.ts';
import { uuidFrom, type Rng } from './prng.ts';
import { addDays, capitalise, daysBefore, fill, isoDate, listFr } from './text.ts';
import type { GenCompany, GenOffer } from './types.ts';
import { COMPANY_AREAS, COMPANY_SECTORS, TEAM_DAY_IDEAS, type CompanySector } from './vocabulary/companies.ts';
import { SKILL_LABELS } from './vocabulary/labels.ts';
import { LAST_NAMES } from './vocabulary/people.ts';

const pickCommune = createCommunePicker(1);
const SECTOR_WEIGHTS = COMPANY_SECTORS.map((s) => [s, s.weight] as const);
const THEME_WORDS: Record<ThemeCode, string> = {
  solidarite: 'la solidarité', sante: 'la santé et le handicap', personnes_agees: 'le lien avec les aînés', education: "l'éducation",
  jeunesse: 'la jeunesse', sport: 'le sport', culture: 'la culture', environnement: "l'environnement", animaux: 'la protection animale',
  citoyennete: 'la citoyenneté', international: 'la solidarité internationale', urgence: 'le secours', insertion: "l'insertion professionnelle",
  logement: 'le logement', alimentation: "l'aide alimentaire", numerique: "l'inclusion numérique", famille: 'les familles', loisirs: 'la vie locale',
};

export type CompanyRegistry = { names: Set<string>; sirens: Set<string> };
export const createCompanyRegistry = (): CompanyRegistry => ({ names: new Set(), sirens: new Set() });

/** A SIREN with a valid Luhn key (8 drawn digits + the check digit), unique in the registry. */
export function drawSiren(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const body = String(rng.int(10_000_000, 99_999_999));
    for (let key = 0; key <= 9; key++) {
      const siren = body + key;
      if (isLuhnValid(siren)) {
        if (!taken.has(siren)) return siren;
        break;
      }
    }
  }
}

function drawName(rng: Rng, sector: CompanySector, registry: CompanyRegistry): string {
  for (let attempt = 0; ; attempt++) {
    const name = fill(rng.pick(sector.names), { name: rng.pick(LAST_NAMES), area: rng.pick(COMPANY_AREAS) });
    const candidate = attempt < 5 ? name : `${name} ${attempt - 3}`;
    if (!registry.names.has(candidate)) return candidate;
  }
}

/** One local company with its sector, size and CSR stance. */
export function generateCompany(rng: Rng, reference: Date, registry: CompanyRegistry): GenCompany & { sectorInfo: CompanySector } {
  const sector = rng.weighted(SECTOR_WEIGHTS);
  const name = drawName(rng, sector, registry);
  registry.names.add(name);
  const siren = drawSiren(rng, registry.sirens);
  registry.sirens.add(siren);
  const commune = pickCommune(rng);
  const size = rng.pick(sector.sizes);
  const employees = { micro: rng.int(2, 9), sme: rng.int(10, 200), mid: rng.int(250, 1500), large: rng.int(2000, 8000) }[size];
  const description =
    `${name} est une entreprise du secteur « ${sector.sector.toLowerCase()} » installée à ${commune.name} depuis ${rng.int(1950, 2020)}, ` +
    `avec ${employees} salarié${employees > 1 ? 's' : ''}. ` +
    rng.pick([
      `Engagée dans une démarche RSE, elle souhaite soutenir des associations du territoire, en particulier pour ${listFr(sector.themes.slice(0, 2).map((t) => THEME_WORDS[t]))}.`,
      `Nos salariés nous ont demandé de nous engager localement : nous voulons construire des partenariats durables avec des associations, notamment pour ${THEME_WORDS[sector.themes[0]]}.`,
    ]);
  return {
    id: uuidFrom(rng),
    adminUserId: uuidFrom(rng),
    siren,
    name,
    sector: sector.sector,
    description,
    territoryCode: commune.territoryCode,
    communeInsee: commune.insee,
    size,
    verification: rng.weighted([['verified', 85], ['pending', 15]] as const),
    createdAt: daysBefore(rng, reference, 20, 600),
    sectorInfo: sector,
  };
}

const KINDS = [['skills', 35], ['financial', 20], ['team_day', 18], ['in_kind', 17], ['board_member', 10]] as const;
const BOARD_PROFILES = ['directrice administrative et financière', 'responsable des ressources humaines', 'directeur commercial', 'contrôleuse de gestion', 'juriste d’entreprise'];

export const drawOfferKind = (rng: Rng): GenOffer['kind'] => rng.weighted(KINDS);

/** A CSR offer of any kind, written as a company would, with tags that agree with the text. */
export function generateOffer(rng: Rng, company: GenCompany & { sectorInfo: CompanySector }, reference: Date, kind: GenOffer['kind']): GenOffer {
  const sector = company.sectorInfo;
  const capacity = rng.weighted([[1, 60], [2, 25], [3, 15]] as const);
  const startsOn = rng.chance(0.5) ? isoDate(addDays(reference, rng.int(-20, 40))) : null;
  const base = {
    id: uuidFrom(rng),
    companyId: company.id,
    kind,
    territoryCodes: rng.chance(0.2) ? DEMO_TERRITORIES.map((t) => t.code) : [],
    hours: null,
    budgetMinEur: null,
    budgetMaxEur: null,
    people: null,
    capacity,
    capacityLeft: capacity - (rng.chance(0.2) ? 1 : 0),
    startsOn,
    endsOn: startsOn && rng.chance(0.6) ? isoDate(addDays(new Date(startsOn), rng.int(90, 365))) : null,
    status: rng.weighted([['open', 90], ['draft', 5], ['closed', 5]] as const),
    createdAt: daysBefore(rng, reference, 1, 200),
  };
  const themes = rng.sample(sector.themes, rng.int(1, 2));
  switch (kind) {
    case 'skills': {
      const skills = rng.sample(sector.skills, rng.int(1, 2));
      const hours = rng.int(2, 20) * 10;
      const labels = listFr(skills.map((s) => SKILL_LABELS[s]));
      return {
        ...base, skills, themes, hours,
        title: rng.pick([`Mécénat de compétences en ${labels}`, `${hours} heures d'accompagnement en ${labels}`, `Nos salariés vous aident : ${labels}`]),
        description: `${capitalise(sector.department)} peuvent accompagner une association en ${labels}, sur leur temps de travail : jusqu'à ${hours} heures réparties sur l'année. ${rng.pick(['Nous privilégions un engagement dans la durée plutôt que des interventions ponctuelles.', 'Idéal pour un projet précis : refonte, diagnostic, formation de vos bénévoles.', 'Premier échange en visio pour comprendre votre besoin.'])}`,
      };
    }
    case 'financial': {
      const min = rng.int(1, 10) * 500;
      const max = min + rng.int(1, 20) * 500;
      return {
        ...base, skills: [], themes, budgetMinEur: min, budgetMaxEur: max,
        title: `Soutien financier à un projet pour ${THEME_WORDS[themes[0]]}`,
        description: `Notre ${rng.pick(['fonds de dotation', 'comité mécénat', 'direction'])} consacre chaque année une enveloppe au soutien d'associations locales : entre ${min} € et ${max} € par projet. Les projets pour ${listFr(themes.map((t) => THEME_WORDS[t]))} sont prioritaires. Dossier simple, réponse sous un mois.`,
      };
    }
    case 'team_day': {
      const idea = rng.pick(TEAM_DAY_IDEAS);
      const people = rng.int(6, 30);
      return {
        ...base, skills: [], themes: [...idea.themes], people,
        title: `Journée solidaire : ${people} collaborateurs disponibles`,
        description: `Nous proposons ${idea.text} avec une équipe de ${people} salariés, un jour de semaine à convenir. Nous prenons en charge le transport et le repas ; il nous faut une association qui encadre la journée.`,
      };
    }
    case 'in_kind': {
      const good = rng.pick(sector.inKind);
      return {
        ...base, skills: [], themes,
        title: `Don en nature : ${good}`,
        description: `Nous pouvons mettre à disposition ${good}. ${rng.pick(['À venir chercher sur place, sur rendez-vous.', 'Livraison possible dans le département.', 'Contactez-nous pour convenir des modalités.'])}`,
      };
    }
    case 'board_member': {
      const profile = rng.pick(BOARD_PROFILES);
      return {
        ...base, skills: ['gouvernance', rng.pick(['tresorerie', 'strategie', 'recrutement', 'contrats'] as const)], themes, capacity: 1, capacityLeft: 1,
        title: "Un·e cadre pour votre conseil d'administration",
        description: `Notre ${profile} souhaite s'engager au conseil d'administration (ou au bureau) d'une association du territoire, par exemple comme trésorier·ère ou administrateur·rice. Disponibilité : une réunion par mois, en soirée.`,
      };
    }
  }
}
