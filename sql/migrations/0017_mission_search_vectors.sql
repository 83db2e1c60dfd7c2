-- The search projection carries the embedding itself and is kept in cell order, so that the near candidates are
-- ranked by their exact cosine in one pass over few pages (core/matching/candidates.sql.ts).
--
-- Why: with only the sign bits (0015), the near branch preselected by Hamming distance, then fetched each survivor
-- from missions (a ~2 kB row, four index and heap pages) for its exact distance: ~400 lookups per query. Measured
-- on 100k missions (40 seekers, same run): near branch p50 4.7 ms / p95 7.7 ms before; 1.8 / 5.5 ms with the
-- vectors here, rows stored in (cell, lat, lon) order; 3.2 / 9.9 ms with the same rows in random order, which is
-- why rebuildMissionCells (cells.ts) CLUSTERs the table after filing the missions. A row is ~1.7 kB at 384
-- dimensions (177 MB at 90k open missions). halfvec would halve that at the same speed on native PostgreSQL
-- (p50 3.5 against 3.8 ms, same run), but on PGlite (WebAssembly, no SIMD) its distance is several times slower
-- than vector's: the embedded default would lose more than the native server gains.
--
-- association_id lets "association not suspended" be checked here (a hashed list of the few suspended ones).
-- The trigger names the embedding column, so it is dropped here and attached again, with a refill, at start-up
-- (db/embedding-columns.ts).
DROP TRIGGER IF EXISTS missions_search_sync ON missions;
TRUNCATE mission_search;

ALTER TABLE mission_search
  DROP COLUMN bq,
  ADD COLUMN association_id uuid NOT NULL,
  -- The mission's embedding (a copy); NULL until the mission is embedded.
  ADD COLUMN embedding vector;
-- Room on each page for a row's new version, so that a change that keeps the place and the cell stays on its page
-- (and in cell order).
ALTER TABLE mission_search SET (fillfactor = 90);

-- CLUSTER needs a plain index: rows without a cell (none, or not embedded yet) sort last.
DROP INDEX mission_search_cell_idx;
CREATE INDEX mission_search_cell_idx ON mission_search (cell, lat, lon);

CREATE OR REPLACE FUNCTION mission_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'open' AND NEW.accepted_count < NEW.places THEN
    INSERT INTO mission_search AS s (mission_id, association_id, lat, lon, is_remote, min_age, accessibility, ends_on, embedding, cell)
    VALUES (NEW.id, NEW.association_id, NEW.lat, NEW.lon, NEW.is_remote, NEW.min_age, NEW.accessibility, NEW.ends_on,
            NEW.embedding, mission_cell_of(NEW.embedding))
    ON CONFLICT (mission_id) DO UPDATE SET
      association_id = EXCLUDED.association_id, lat = EXCLUDED.lat, lon = EXCLUDED.lon, is_remote = EXCLUDED.is_remote,
      min_age = EXCLUDED.min_age, accessibility = EXCLUDED.accessibility, ends_on = EXCLUDED.ends_on, embedding = EXCLUDED.embedding,
      cell = EXCLUDED.cell
    -- An accepted volunteer that leaves places changes nothing here: no new row version.
    WHERE (s.association_id, s.lat, s.lon, s.is_remote, s.min_age, s.accessibility, s.ends_on, s.embedding, s.cell)
          IS DISTINCT FROM (EXCLUDED.association_id, EXCLUDED.lat, EXCLUDED.lon, EXCLUDED.is_remote, EXCLUDED.min_age,
                            EXCLUDED.accessibility, EXCLUDED.ends_on, EXCLUDED.embedding, EXCLUDED.cell);
  ELSE
    DELETE FROM mission_search WHERE mission_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
