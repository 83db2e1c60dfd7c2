-- Speed-dating sessions between associations and companies, their participants, preferences, locks and
-- the schedules the solver produced (every version kept: re-plans on the day are compared to the previous one).

CREATE TABLE speed_dating_sessions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  territory_id   uuid NOT NULL REFERENCES territories (id),
  organiser_id   uuid REFERENCES users (id) ON DELETE SET NULL,
  title          text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  session_date   date NOT NULL,
  start_time     text NOT NULL CHECK (start_time ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  round_minutes  int NOT NULL CHECK (round_minutes BETWEEN 1 AND 240),
  break_minutes  int NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 240),
  pauses         jsonb NOT NULL DEFAULT '[]',
  location       text CHECK (length(location) <= 500),
  rounds         int NOT NULL CHECK (rounds BETWEEN 1 AND 100),
  tables         text[] NOT NULL CHECK (cardinality(tables) BETWEEN 1 AND 1000),
  min_meetings   int NOT NULL DEFAULT 0 CHECK (min_meetings BETWEEN 0 AND 100),
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'closed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX speed_dating_sessions_territory_idx ON speed_dating_sessions (territory_id, session_date);

CREATE TABLE speed_dating_participants (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id     uuid NOT NULL REFERENCES speed_dating_sessions (id) ON DELETE CASCADE,
  association_id uuid REFERENCES associations (id) ON DELETE CASCADE,
  company_id     uuid REFERENCES companies (id) ON DELETE CASCADE,
  first_round    int CHECK (first_round >= 1),
  last_round     int CHECK (last_round >= 1),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((association_id IS NULL) <> (company_id IS NULL)),
  CHECK (last_round IS NULL OR first_round IS NULL OR last_round >= first_round)
);
CREATE UNIQUE INDEX speed_dating_participants_association_key ON speed_dating_participants (session_id, association_id) WHERE association_id IS NOT NULL;
CREATE UNIQUE INDEX speed_dating_participants_company_key ON speed_dating_participants (session_id, company_id) WHERE company_id IS NOT NULL;

CREATE TABLE speed_dating_preferences (
  session_id       uuid NOT NULL REFERENCES speed_dating_sessions (id) ON DELETE CASCADE,
  from_participant uuid NOT NULL REFERENCES speed_dating_participants (id) ON DELETE CASCADE,
  to_participant   uuid NOT NULL REFERENCES speed_dating_participants (id) ON DELETE CASCADE,
  level            text NOT NULL CHECK (level IN ('must', 'interested', 'no')),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_participant, to_participant)
);
CREATE INDEX speed_dating_preferences_session_idx ON speed_dating_preferences (session_id);

CREATE TABLE speed_dating_locks (
  session_id      uuid NOT NULL REFERENCES speed_dating_sessions (id) ON DELETE CASCADE,
  association_participant uuid NOT NULL REFERENCES speed_dating_participants (id) ON DELETE CASCADE,
  company_participant     uuid NOT NULL REFERENCES speed_dating_participants (id) ON DELETE CASCADE,
  round           int NOT NULL CHECK (round >= 1),
  table_name      text,
  PRIMARY KEY (session_id, association_participant, company_participant)
);

CREATE TABLE speed_dating_schedules (
  session_id   uuid NOT NULL REFERENCES speed_dating_sessions (id) ON DELETE CASCADE,
  version      int NOT NULL CHECK (version >= 1),
  reason       text NOT NULL CHECK (reason IN ('generate', 'replan')),
  no_shows     uuid[] NOT NULL DEFAULT '{}',
  schedule     jsonb NOT NULL,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, version)
);
