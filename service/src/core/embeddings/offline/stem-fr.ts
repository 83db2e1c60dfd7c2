/**
 * A light French stemmer working on lower-case, accent-free words (users often type without accents,
 * so "agee" and "âgée" must meet). It folds plurals, feminines, common verb endings and a few
 * derivational suffixes ("chanteur", "chanter", "chantent" -> "chant"); the word vectors learn what
 * the stems mean, so a rare over-merge costs less than leaving inflections apart.
 */

// Longest first within each group; a suffix is removed only if at least MIN_STEM letters remain.
const DERIVATIONAL = [
  'issements', 'issement', 'issantes', 'issante', 'issants', 'issant',
  'atrices', 'atrice', 'ateurs', 'ateur', 'ations', 'ation', 'ements', 'ement',
  'euses', 'euse', 'eurs', 'eur', 'istes', 'iste', 'ismes', 'isme', 'ables', 'able', 'ibles', 'ible',
  'abilites', 'abilite', 'ibilites', 'ibilite', 'ites', 'ite', 'iens', 'ienne', 'iennes', 'ien',
];
const VERBAL = [
  'eraient', 'assions', 'erions', 'eriez', 'eront', 'erons', 'erait', 'erais', 'aient',
  'antes', 'ante', 'ants', 'ant', 'erez', 'era', 'ions', 'iez', 'ait', 'ais', 'ent', 'ons', 'ees', 'ee', 'es',
  'er', 'ez', 'ir', 'e',
];
const MIN_STEM = 3;

function stripLongest(word: string, suffixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const s of suffixes) {
    if (word.length - s.length >= MIN_STEM && word.endsWith(s) && (best === undefined || s.length > best.length)) best = s;
  }
  return best === undefined ? undefined : word.slice(0, word.length - best.length);
}

/** Reduces an accent-free lower-case French word to its stem. */
export function stemFr(word: string): string {
  if (word.length <= MIN_STEM) return word;
  let w = word;
  // Plural: "chevaux" -> "cheval", "jeux" -> "jeu", "chiens" -> "chien".
  if (w.endsWith('aux') && w.length > 4) w = w.slice(0, -3) + 'al';
  else if ((w.endsWith('s') || w.endsWith('x')) && !w.endsWith('ss') && w.length > MIN_STEM + 1) w = w.slice(0, -1);
  // "actif" / "active" / "activite" all end as "activ".
  if (w.endsWith('if') && w.length > 4) return w.slice(0, -1) + 'v';
  // "jardinage", "bricolage" -> the activity's root; short words ("fromage", "visage") keep theirs.
  if (w.endsWith('age') && w.length >= 8) return w.slice(0, -3);
  const derived = stripLongest(w, DERIVATIONAL);
  if (derived !== undefined) return derived;
  const verbal = stripLongest(w, VERBAL);
  if (verbal !== undefined) w = verbal;
  // "appell", "femm": collapse a final double consonant so "appelle" and "appeler" meet.
  const n = w.length;
  if (n > MIN_STEM + 1 && w[n - 1] === w[n - 2] && !'aeiouy'.includes(w[n - 1])) w = w.slice(0, -1);
  return w;
}
