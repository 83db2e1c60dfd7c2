-- What the nightly retention job deletes (core/retention/retention.ts) is found by age. These logs are appended in
-- time order, so a BRIN index (a few pages, next to nothing per insert) finds the old rows without reading the
-- table; the impressions log takes about twenty rows per suggestions page served.
CREATE INDEX mission_impressions_shown_brin ON mission_impressions USING brin (shown_at);
CREATE INDEX outbox_created_brin ON outbox USING brin (created_at);
CREATE INDEX embedding_cache_created_brin ON embedding_cache USING brin (created_at);
