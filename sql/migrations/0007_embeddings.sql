-- Embeddings. The vector columns themselves (`embedding vector(N)` + HNSW cosine index on missions,
-- citizen_profiles, associations, rse_offers) are created at start-up by the embedding-columns step,
-- because N is the active embedder's dimension, which a migration cannot know. This table records which
-- model filled each column, so start-up can refuse a mismatch and a re-embed job can rebuild it.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE embedding_columns (
  table_name  text PRIMARY KEY,
  model_id    text NOT NULL,
  dimension   int  NOT NULL CHECK (dimension BETWEEN 1 AND 4000),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Cache keyed by (model, hash of kind + text): unchanged text is never embedded twice. The column has no
-- fixed dimension so several models can share the cache during a switch.
CREATE TABLE embedding_cache (
  model_id    text NOT NULL,
  text_hash   bytea NOT NULL,
  embedding   vector NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, text_hash)
);
