import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { EmbedKind, Embedder } from './embedder.ts';
import { insertCachedEmbeddings, selectCachedEmbeddings } from './cache.sql.ts';

/** Hash of what the model sees: the kind matters for asymmetric models ("query: " vs "passage: "). */
export function textHash(kind: EmbedKind, text: string): string {
  return createHash('sha256').update(kind).update('\0').update(text).digest('hex');
}

/** pgvector's text form; 7 significant digits keep the cosine exact to ~1e-7. */
export function toVectorLiteral(v: ArrayLike<number>): string {
  let s = '[';
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + (Math.round(v[i] * 1e7) / 1e7).toString();
  return s + ']';
}

export function fromVectorLiteral(text: string): Float32Array {
  return Float32Array.from(text.slice(1, -1).split(','), Number);
}

export type CachedEmbedding = { vector: Float32Array; literal: string; hash: string };

/**
 * Embeds texts through the cache keyed by (model id, hash of kind + text): texts seen before are read back,
 * the rest embedded in one batch and stored. Returns vectors in input order.
 */
export async function embedWithCache(
  deps: { sql: Queryable; embedder: Embedder },
  texts: readonly string[],
  kind: EmbedKind,
): Promise<{ items: CachedEmbedding[]; hits: number }> {
  const hashes = texts.map((t) => textHash(kind, t));
  const found = new Map<string, string>();
  for (const row of await selectCachedEmbeddings(deps.sql, deps.embedder.id, [...new Set(hashes)])) {
    found.set(row.text_hash, row.embedding);
  }
  const missing = [...new Map(hashes.map((h, i) => [h, i] as const).filter(([h]) => !found.has(h))).values()];
  const hits = hashes.filter((h) => found.has(h)).length;
  if (missing.length) {
    const vectors = await deps.embedder.embed(missing.map((i) => texts[i]), kind);
    const fresh = missing.map((i, k) => ({ hashHex: hashes[i], vector: toVectorLiteral(vectors[k]) }));
    await insertCachedEmbeddings(deps.sql, deps.embedder.id, fresh);
    for (const f of fresh) found.set(f.hashHex, f.vector);
  }
  const items = hashes.map((h) => {
    const literal = found.get(h)!;
    return { vector: fromVectorLiteral(literal), literal, hash: h };
  });
  return { items, hits };
}
