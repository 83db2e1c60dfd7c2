-- Impressions are an append-only log written on every page of suggestions (20 rows). Each foreign key costs a
-- lookup per inserted row: with four, the checks took more time than the insert itself (1.3 ms of 2.3 ms a page,
-- measured at 100k missions). Two are redundant and go:
-- - association_id: a copy of the mission's association for the exposure report; deleting an association deletes
--   its missions (ON DELETE CASCADE), whose impressions go with them through mission_id;
-- - territory_id: territories are reference data, never deleted.
-- mission_id (cascade) and citizen_id (SET NULL when a citizen's profile is erased) stay.
ALTER TABLE mission_impressions
  DROP CONSTRAINT mission_impressions_association_id_fkey,
  DROP CONSTRAINT mission_impressions_territory_id_fkey;
