-- What the partner rankings read about an association's missions and open needs (core/partners/rank.sql.ts), kept
-- on write instead of aggregated for every candidate of every ranking.
--
-- Why: ranking the associations of an offer scores a few hundred candidates; counting each one's open missions,
-- finding its last mission update and building its open needs as JSON were three correlated subqueries per
-- candidate (about a quarter of the query's time at 10k associations). Here they are one primary-key lookup.
-- An association without a row has no mission and no open need (the readers use COALESCE).
CREATE TABLE association_facts (
  association_id       uuid PRIMARY KEY REFERENCES associations (id) ON DELETE CASCADE,
  open_missions        integer NOT NULL DEFAULT 0,
  -- max(updated_at) of all its missions, whatever their status; NULL without missions.
  last_mission_update  timestamptz,
  -- Its open needs, by id, as the score reads them (score.ts NeedFact).
  open_needs           jsonb NOT NULL DEFAULT '[]'
);

-- Recomputes the facts of the given associations from missions and association_needs.
-- The rows are created if needed and locked in id order first; the recount is a later statement, so under READ
-- COMMITTED its snapshot includes every transaction that refreshed the same association before this one could
-- lock it: two concurrent writers never leave a count that misses the other's row.
CREATE FUNCTION refresh_association_facts(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(ids) = 0 THEN RETURN; END IF;
  INSERT INTO association_facts (association_id)
    SELECT a.id FROM associations a WHERE a.id = ANY(ids) ORDER BY a.id
    ON CONFLICT (association_id) DO NOTHING;
  PERFORM 1 FROM association_facts f WHERE f.association_id = ANY(ids) ORDER BY f.association_id FOR UPDATE;
  UPDATE association_facts f SET
    open_missions = (SELECT count(*) FROM missions m WHERE m.association_id = f.association_id AND m.status = 'open'),
    last_mission_update = (SELECT max(m.updated_at) FROM missions m WHERE m.association_id = f.association_id),
    open_needs = COALESCE((
      SELECT jsonb_agg(jsonb_build_object('id', n.id, 'kind', n.kind, 'title', n.title, 'skills', n.skills, 'amountEur', n.amount_eur) ORDER BY n.id)
      FROM association_needs n WHERE n.association_id = f.association_id AND n.status = 'open'), '[]')
  WHERE f.association_id = ANY(ids);
END
$$;

-- Statement-level with transition tables: a bulk insert of 100k missions refreshes each association once.
-- An update refreshes only the associations whose rows changed in what the facts read (an embedding refresh does not).
CREATE FUNCTION missions_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_association_facts(ARRAY(SELECT DISTINCT association_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_association_facts(ARRAY(SELECT DISTINCT association_id FROM old_rows));
  ELSE
    PERFORM refresh_association_facts(ARRAY(
      SELECT x FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.association_id), (n.association_id)) v (x)
      WHERE (o.association_id, o.status, o.updated_at) IS DISTINCT FROM (n.association_id, n.status, n.updated_at)
      GROUP BY x));
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION association_needs_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_association_facts(ARRAY(SELECT DISTINCT association_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM refresh_association_facts(ARRAY(SELECT DISTINCT association_id FROM old_rows));
  ELSE
    PERFORM refresh_association_facts(ARRAY(
      SELECT x FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.association_id), (n.association_id)) v (x)
      WHERE (o.association_id, o.status, o.kind, o.title, o.skills, o.amount_eur) IS DISTINCT FROM (n.association_id, n.status, n.kind, n.title, n.skills, n.amount_eur)
      GROUP BY x));
  END IF;
  RETURN NULL;
END
$$;

-- TRUNCATE fires no row or statement DELETE trigger: empty what came from the truncated table.
CREATE FUNCTION association_facts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'missions' THEN
    UPDATE association_facts SET open_missions = 0, last_mission_update = NULL;
  ELSE
    UPDATE association_facts SET open_needs = '[]';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER missions_facts_insert AFTER INSERT ON missions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION missions_facts_sync();
CREATE TRIGGER missions_facts_update AFTER UPDATE ON missions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION missions_facts_sync();
CREATE TRIGGER missions_facts_delete AFTER DELETE ON missions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION missions_facts_sync();
CREATE TRIGGER missions_facts_truncate AFTER TRUNCATE ON missions
  FOR EACH STATEMENT EXECUTE FUNCTION association_facts_truncate();
CREATE TRIGGER association_needs_facts_insert AFTER INSERT ON association_needs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION association_needs_facts_sync();
CREATE TRIGGER association_needs_facts_update AFTER UPDATE ON association_needs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION association_needs_facts_sync();
CREATE TRIGGER association_needs_facts_delete AFTER DELETE ON association_needs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION association_needs_facts_sync();
CREATE TRIGGER association_needs_facts_truncate AFTER TRUNCATE ON association_needs
  FOR EACH STATEMENT EXECUTE FUNCTION association_facts_truncate();

SELECT refresh_association_facts(ARRAY(SELECT association_id FROM missions UNION SELECT association_id FROM association_needs));

-- The ranking's needs branch meets the open needs of the offer's kind with the verified associations of the offer's
-- territories in two small indexes (index-only), and reads the heap only for the associations in both.
CREATE INDEX associations_verified_territory_idx ON associations (territory_id, id) WHERE verification = 'verified';
