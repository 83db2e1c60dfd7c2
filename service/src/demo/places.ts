import { DEMO_COMMUNES, DEMO_TERRITORIES, type DemoCommune } from './communes.ts';
import type { Rng } from './prng.ts';

export type PlacedCommune = DemoCommune & { territoryCode: string };

/** Draws communes with probability proportional to population^exponent (binary search on cumulative weights). */
export function createCommunePicker(exponent: number, communes: readonly PlacedCommune[] = DEMO_COMMUNES) {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of communes) cumulative.push((total += Math.pow(c.population, exponent)));
  return (rng: Rng): PlacedCommune => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return communes[lo];
  };
}

const BY_INSEE = new Map(DEMO_COMMUNES.map((c) => [c.insee, c]));
const QUARTIERS = new Map(DEMO_TERRITORIES.map((t) => [t.code, t.quartiers]));
const BY_TERRITORY = new Map(DEMO_TERRITORIES.map((t) => [t.code, DEMO_COMMUNES.filter((c) => c.territoryCode === t.code)]));

export const communeOf = (insee: string): PlacedCommune => BY_INSEE.get(insee)!;
export const communesOfTerritory = (code: string): readonly PlacedCommune[] => BY_TERRITORY.get(code)!;

/** A neighbourhood name to write about: a real quarter in Strasbourg, or "le centre-ville"-like in towns. */
export function drawQuartier(rng: Rng, commune: PlacedCommune): string {
  if (commune.insee === '67482' || commune.population > 30_000) return rng.pick(QUARTIERS.get(commune.territoryCode)!);
  return rng.pick(['le centre-ville', 'le quartier de la gare', 'le bourg']);
}
