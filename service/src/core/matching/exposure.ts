import type { ExposureReport } from '../../contract/matching.ts';
import type { CoreDeps } from '../deps.ts';
import { NotFound } from '../errors.ts';
import { gini } from './fairness.ts';
import { selectExposure, selectTerritoryByCode } from './matching.sql.ts';

/** Exposure inequality over the associations with open missions in a territory (Gini of impressions). */
export async function reportExposure(deps: Pick<CoreDeps, 'sql'>, territoryCode: string, days: number): Promise<ExposureReport> {
  if (!(await selectTerritoryByCode(deps.sql, territoryCode))) throw new NotFound('Territoire introuvable.');
  const rows = await selectExposure(deps.sql, territoryCode, days);
  const amounts = rows.map((r) => r.impressions).sort((a, b) => b - a);
  const total = amounts.reduce((s, x) => s + x, 0);
  const decile = Math.max(1, Math.ceil(amounts.length / 10));
  return {
    territory: territoryCode,
    days,
    impressions: total,
    associations: rows.length,
    gini: gini(amounts),
    topDecileShare: total === 0 ? 0 : amounts.slice(0, decile).reduce((s, x) => s + x, 0) / total,
    missionsWithoutImpression: rows.reduce((s, r) => s + r.missions_without, 0),
  };
}
