import { textHash, toVectorLiteral } from '../core/embeddings/cache.ts';
import type { Embedder } from '../core/embeddings/embedder.ts';
import { EMBED_KIND } from '../core/embeddings/entities.ts';
import type { EmbeddedTable } from '../db/embedding-columns.ts';
import type { PrecomputedEmbedding } from './bulk.sql.ts';
import type { GenAssociation, GenCitizen, GenMission, GenOffer } from './types.ts';

// The text each table is embedded on, exactly as core/embeddings/entities.sql.ts composes it in SQL, so that
// the stored hash matches and refreshEmbeddings sees these rows as up to date.
export const missionText = (m: Pick<GenMission, 'title' | 'description'>) => `${m.title}\n${m.description}`;
export const associationText = (a: Pick<GenAssociation, 'name' | 'purpose'>) => `${a.name}\n${a.purpose}`;
export const citizenText = (c: Pick<GenCitizen, 'wish'>) => c.wish;
export const offerText = (o: Pick<GenOffer, 'title' | 'description'>) => `${o.title}\n${o.description}`;

/**
 * Embeds texts before their rows are inserted. Generated data bypasses the embedding cache on purpose: its
 * texts are unique, so caching them would only double the writes (and the cache is for texts seen again).
 */
export async function embedForInsert(embedder: Embedder, table: EmbeddedTable, texts: readonly string[]): Promise<PrecomputedEmbedding[]> {
  const kind = EMBED_KIND[table];
  const vectors = await embedder.embed(texts, kind);
  return vectors.map((v, i) => ({ literal: toVectorLiteral(v), hash: textHash(kind, texts[i]) }));
}
