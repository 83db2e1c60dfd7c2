-- A narrow search projection of the missions that can take volunteers (open, places left), for the "near"
-- candidates and the what-if counts (core/matching/candidates.sql.ts).
--
-- Why: a mission row is ~2 kB (texts, tsvector, a 1.5 kB vector), so a 15 km radius around Strasbourg touches one
-- heap page per mission (~9,000 pages at 100k missions) before a single distance is computed. Here a row is
-- ~130 bytes: the place, the filters that do not depend on who is looking, and the sign bits of the embedding
-- (pgvector's binary_quantize, 48 bytes at 384 dimensions). Candidates are preselected by Hamming distance over
-- the radius, then re-scored with the exact cosine on the few hundred survivors (the usual binary quantisation
-- with re-ranking).
--
-- At scale a 30 km radius still holds a third of the missions, so the projection is also partitioned by meaning, as
-- an IVF index is: mission_cells holds centroids of the embeddings (k-means, core/matching/cells.ts, rebuilt by the
-- missions.cluster job), each row records its nearest centroid, and a query scans only the cells nearest to its own
-- vector. Without centroids (small instances) cell is NULL and the whole radius is scanned.
--
-- Kept in step by a trigger on missions. The trigger names the embedding column, which is created at start-up for
-- the active embedder (db/embedding-columns.ts), so the trigger is attached there, not here.
CREATE TABLE mission_search (
  mission_id     uuid PRIMARY KEY REFERENCES missions (id) ON DELETE CASCADE,
  lat            double precision,
  lon            double precision,
  is_remote      boolean NOT NULL,
  min_age        integer NOT NULL,
  accessibility  text[] NOT NULL,
  ends_on        date,
  -- Sign bits of the embedding; NULL until the mission is embedded.
  bq             bit varying,
  -- Nearest centroid in mission_cells; NULL without centroids or embedding.
  cell           integer
);
CREATE INDEX mission_search_place_idx ON mission_search (lat, lon);
CREATE INDEX mission_search_cell_idx ON mission_search (cell, lat, lon) WHERE cell IS NOT NULL;

CREATE TABLE mission_cells (
  cell        integer PRIMARY KEY,
  -- Unit-length centroid, in the space of the active embedder (emptied when the mission embeddings are remade).
  centroid    vector NOT NULL,
  members     integer NOT NULL,
  built_at    timestamptz NOT NULL DEFAULT now()
);

-- The nearest centroid of an embedding (NULL without centroids).
CREATE FUNCTION mission_cell_of(v vector) RETURNS integer LANGUAGE sql STABLE STRICT AS $$
  SELECT c.cell FROM mission_cells c ORDER BY c.centroid <=> v LIMIT 1
$$;
CREATE INDEX mission_search_remote_idx ON mission_search (mission_id) WHERE is_remote;

CREATE FUNCTION mission_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'open' AND NEW.accepted_count < NEW.places THEN
    INSERT INTO mission_search (mission_id, lat, lon, is_remote, min_age, accessibility, ends_on, bq, cell)
    VALUES (NEW.id, NEW.lat, NEW.lon, NEW.is_remote, NEW.min_age, NEW.accessibility, NEW.ends_on,
            binary_quantize(NEW.embedding)::bit varying, mission_cell_of(NEW.embedding))
    ON CONFLICT (mission_id) DO UPDATE SET
      lat = EXCLUDED.lat, lon = EXCLUDED.lon, is_remote = EXCLUDED.is_remote, min_age = EXCLUDED.min_age,
      accessibility = EXCLUDED.accessibility, ends_on = EXCLUDED.ends_on, bq = EXCLUDED.bq, cell = EXCLUDED.cell;
  ELSE
    DELETE FROM mission_search WHERE mission_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

-- Suspended associations are rare: this index lets "association not suspended" be an anti-join against a few rows.
CREATE INDEX associations_suspended_idx ON associations (id) WHERE verification = 'suspended';
