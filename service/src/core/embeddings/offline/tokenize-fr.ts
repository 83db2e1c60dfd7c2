/**
 * French tokenisation shared by the runtime and the training pipeline: lower case, accents removed
 * (informal text often omits them), elisions split ("l'association" -> "association"), stop-words dropped.
 */

// Articles, pronouns, auxiliaries and connectives: they carry little topic and dominate co-occurrences.
const STOP_WORDS = new Set(
  (
    'a ai aie as au aux avec avez avions avoir avons ayant c ca car ce ceci cela celle celles celui ces cet cette ceux ' +
    'chez comme d dans de des donc dont du elle elles en es est et etaient etais etait etant ete etes etre eu eux ' +
    'furent fut j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par ' +
    'pas pour qu que quel quelle quelles quels qui s sa sans se sera seront ses si son sont sur t ta te tes toi ton ' +
    'tu un une vos votre vous y ni or aussi alors tres plus moins ainsi cette celle-ci etc lorsque puis'
  ).split(' '),
);

/** Whether an accent-free lower-case word is a stop-word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Letters and digits; apostrophes split the elided article from its word.
const WORD = /[a-z0-9]+/g;

/** Lower-cases and strips accents ("Âgée" -> "agee", "œuvre" -> "oeuvre"). */
export function foldFr(text: string): string {
  return text.toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').normalize('NFD').replace(COMBINING_MARKS, '');
}

/**
 * Splits text into accent-free lower-case words, stop-words removed, at most `maxTokens` of them
 * (a 100 KB text stays fast; its first words say what it is about).
 */
export function tokenizeFr(text: string, maxTokens = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  const folded = foldFr(text);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m !== null && out.length < maxTokens; m = WORD.exec(folded)) {
    const w = m[0];
    if (w.length < 2 && !/[0-9]/.test(w)) continue;
    if (STOP_WORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}
