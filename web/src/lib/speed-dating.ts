/** Wall-clock start of each round ("14:00", "14:12"…) from the session's timing: round, changeover and pauses. */
export function roundStarts(s: { startTime: string; rounds: number; roundMinutes: number; breakMinutes: number; pauses: { afterRound: number; minutes: number }[] }): string[] {
  const [h, m] = s.startTime.split(':').map(Number);
  let minutes = h * 60 + m;
  const out: string[] = [];
  for (let r = 1; r <= s.rounds; r++) {
    out.push(`${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
    const pause = s.pauses.find((p) => p.afterRound === r);
    minutes += s.roundMinutes + (pause ? pause.minutes : s.breakMinutes);
  }
  return out;
}

export const PREFERENCE_LABELS: Record<string, string> = { must: 'à rencontrer absolument', interested: 'intéressé·e', no: 'non merci' };

export const SESSION_STATUS: Record<string, string> = { draft: 'en préparation', scheduled: 'planning publié', closed: 'terminée' };
