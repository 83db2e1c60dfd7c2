/**
 * Turns each fetched source into plain French text: string values of the legal JSON packages,
 * Littré entries (headword + definition), and thesaurus synonym groups.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const TAG = /<[^>]*>/g;
const ENTITY = /&(nbsp|amp|lt|gt|quot|#39|#x27|rsquo|lsquo|laquo|raquo|hellip|eacute|egrave|agrave|ccedil|ecirc|ocirc|ucirc|icirc|acirc);/g;
const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", rsquo: "'", lsquo: "'",
  laquo: '"', raquo: '"', hellip: '...', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê',
  ocirc: 'ô', ucirc: 'û', icirc: 'î', acirc: 'â',
};

export function stripMarkup(html: string): string {
  return html.replace(TAG, ' ').replace(ENTITY, (_, e: string) => ENTITIES[e] ?? ' ');
}

function* walkJsonStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    // Identifiers, dates and URLs have no spaces; real sentences do.
    if (value.length >= 30 && value.includes(' ') && !value.startsWith('http')) yield value;
  } else if (Array.isArray(value)) {
    for (const v of value) yield* walkJsonStrings(v);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) yield* walkJsonStrings(v);
  }
}

function* listJsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* listJsonFiles(p);
    // index.json files repeat the articles of the per-text files.
    else if (name.endsWith('.json') && name !== 'index.json') yield p;
  }
}

/**
 * Every long string of every JSON file under dir, markup removed, exact duplicates skipped
 * (collective agreements repeat the same clauses many times).
 */
export function* readJsonStrings(dir: string, seen: Set<string>): Generator<string> {
  for (const file of listJsonFiles(dir)) {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    for (const s of walkJsonStrings(json)) {
      const text = s.includes('<') || s.includes('&') ? stripMarkup(s) : s;
      const key = text.length > 200 ? text.slice(0, 100) + text.length + text.slice(-100) : text;
      if (seen.has(key)) continue;
      seen.add(key);
      yield text;
    }
  }
}

export interface DictionaryEntry {
  headword: string;
  text: string;
}

// Author names and work references after each quotation ("VOLT.", "Pens. II, 17") are not French prose.
const LITTRE_REFERENCE = /<span foreground="#(B22222|556B2F)">[^<]*<\/span>/g;
// Old French quotations (HISTORIQUE) and etymologies are kept: cutting them measured worse on the
// held-out fifth of STS-fr train (they still link related modern words).
function cleanLittre(entry: string): string {
  return entry.replace(LITTRE_REFERENCE, ' ');
}

/** Entries of a StarDict dictionary (.idx + .dict.dz): headword and definition as plain text. */
export function* readStardict(basePath: string): Generator<DictionaryEntry> {
  const idx = readFileSync(`${basePath}.idx`);
  const dict = gunzipSync(readFileSync(`${basePath}.dict.dz`));
  let p = 0;
  while (p < idx.length) {
    const end = idx.indexOf(0, p);
    const headword = idx.toString('utf8', p, end);
    const offset = idx.readUInt32BE(end + 1);
    const size = idx.readUInt32BE(end + 5);
    p = end + 9;
    yield { headword, text: stripMarkup(cleanLittre(dict.toString('utf8', offset, offset + size))) };
  }
}

/** Synonym groups of a MyThes thesaurus (.dat): the word first, then its synonyms. */
export function* readMythes(file: string): Generator<string[]> {
  const lines = readFileSync(file, 'utf8').split('\n');
  let i = 1; // first line is the encoding
  while (i < lines.length) {
    const [word, countText] = lines[i].split('|');
    const count = Number(countText);
    i++;
    if (!word || !Number.isFinite(count)) continue;
    for (let k = 0; k < count && i < lines.length; k++, i++) {
      const syns = lines[i].split('|').slice(1).map((s) => s.replace(/\(.*?\)/g, '').trim()).filter(Boolean);
      yield [word, ...syns];
    }
  }
}
