-- Matching: precomputed suggestions, impressions (exposure fairness), invitations, and what applications need
-- to measure how quickly associations answer.

-- The latest computed suggestions of a citizen (top of the ranking before the fairness step). A worker keeps
-- them fresh; the API serves from them when the set is fresh and made by the current weights, live otherwise.
CREATE TABLE suggestions (
  citizen_id      uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  mission_id      uuid NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  score           real NOT NULL,
  components      jsonb NOT NULL,
  weights_version text NOT NULL,
  computed_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, mission_id)
);
CREATE INDEX suggestions_mission_idx ON suggestions (mission_id);

-- One row per citizen whose suggestions were computed, even when none matched: freshness is known without rows.
CREATE TABLE suggestion_sets (
  citizen_id      uuid PRIMARY KEY REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  weights_version text NOT NULL,
  computed_at     timestamptz NOT NULL DEFAULT now()
);

-- What was shown to whom, at which rank: the base of exposure measures (Gini over associations).
CREATE TABLE mission_impressions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mission_id      uuid NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  territory_id    uuid NOT NULL REFERENCES territories (id),
  citizen_id      uuid REFERENCES citizen_profiles (id) ON DELETE SET NULL,
  rank            int NOT NULL CHECK (rank >= 1),
  weights_version text NOT NULL,
  shown_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mission_impressions_territory_idx ON mission_impressions (territory_id, shown_at);

-- An association invites a visible citizen to one of its missions. One per (mission, citizen); at most two
-- per citizen over a rolling 30 days, checked under a lock on the citizen's row (see core/matching/invitations.ts).
CREATE TABLE invitations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mission_id      uuid NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  citizen_id      uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  invited_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  message         text NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  answered_at     timestamptz,
  UNIQUE (mission_id, citizen_id)
);
CREATE INDEX invitations_citizen_idx ON invitations (citizen_id, created_at);

-- Applications: how long the association took to decide, to maintain associations.response_hours.
ALTER TABLE applications ADD COLUMN response_hours real CHECK (response_hours >= 0);
ALTER TABLE applications ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX applications_mission_status_idx ON applications (mission_id, status);

-- Bounding-box prefilter for "within R km" counts (what-if hints) without a full scan.
CREATE INDEX missions_open_lat_idx ON missions (lat, lon) WHERE status = 'open';
