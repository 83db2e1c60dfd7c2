-- Citizens' profiles, missions, applications and dismissals: the "bon coin de l'engagement".
--
-- Weekly availability is a 21-bit mask: bit (day * 3 + slot), day 0 = lundi .. 6 = dimanche,
-- slot 0 = matin, 1 = après-midi, 2 = soir. Overlap is one AND, in SQL and in TypeScript alike.

CREATE TABLE citizen_profiles (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id                    uuid UNIQUE REFERENCES users (id) ON DELETE SET NULL,
  first_name                 text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 80),
  birth_year                 int CHECK (birth_year BETWEEN 1900 AND 2100),
  wish                       text NOT NULL DEFAULT '' CHECK (length(wish) <= 4000),
  skills                     text[] NOT NULL DEFAULT '{}',
  themes                     text[] NOT NULL DEFAULT '{}',
  availability               int NOT NULL DEFAULT 0 CHECK (availability BETWEEN 0 AND 2097151),
  commune_insee              text NOT NULL REFERENCES communes (insee),
  radius_km                  real NOT NULL DEFAULT 10 CHECK (radius_km BETWEEN 0 AND 200),
  languages                  text[] NOT NULL DEFAULT '{fr}',
  accessibility_needs        text[] NOT NULL DEFAULT '{}',
  accepts_remote             boolean NOT NULL DEFAULT true,
  is_visible_to_associations boolean NOT NULL DEFAULT false,
  is_open_to_board_roles     boolean NOT NULL DEFAULT false,
  digest                     text NOT NULL DEFAULT 'never' CHECK (digest IN ('never', 'daily', 'weekly')),
  -- Denormalised from the commune so that distance filters need no join on the hot path.
  lat                        double precision NOT NULL,
  lon                        double precision NOT NULL,
  territory_id               uuid NOT NULL REFERENCES territories (id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_profiles_territory_idx ON citizen_profiles (territory_id);
CREATE INDEX citizen_profiles_visible_idx ON citizen_profiles (territory_id) WHERE is_visible_to_associations;

CREATE TABLE missions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id      uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  title               text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description         text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
  skills              text[] NOT NULL DEFAULT '{}',
  themes              text[] NOT NULL DEFAULT '{}',
  is_remote           boolean NOT NULL DEFAULT false,
  commune_insee       text REFERENCES communes (insee),
  schedule            int NOT NULL DEFAULT 0 CHECK (schedule BETWEEN 0 AND 2097151),
  places              int NOT NULL DEFAULT 1 CHECK (places BETWEEN 1 AND 10000),
  accepted_count      int NOT NULL DEFAULT 0 CHECK (accepted_count >= 0),
  pending_count       int NOT NULL DEFAULT 0 CHECK (pending_count >= 0),
  starts_on           date,
  ends_on             date,
  min_age             int NOT NULL DEFAULT 0 CHECK (min_age BETWEEN 0 AND 99),
  accessibility       text[] NOT NULL DEFAULT '{}',
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed')),
  lat                 double precision,
  lon                 double precision,
  territory_id        uuid NOT NULL REFERENCES territories (id),
  published_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  search              tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('french', title), 'A') || setweight(to_tsvector('french', description), 'B')
                      ) STORED,
  CHECK (is_remote OR commune_insee IS NOT NULL),
  CHECK ((lat IS NULL) = (lon IS NULL)),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK (accepted_count <= places)
);
CREATE INDEX missions_association_idx ON missions (association_id);
CREATE INDEX missions_open_territory_idx ON missions (territory_id) WHERE status = 'open';
CREATE INDEX missions_search_idx ON missions USING gin (search);
CREATE INDEX missions_themes_idx ON missions USING gin (themes);

CREATE TABLE applications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mission_id  uuid NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  citizen_id  uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  message     text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  decided_at  timestamptz,
  UNIQUE (mission_id, citizen_id)
);
CREATE INDEX applications_citizen_idx ON applications (citizen_id);

CREATE TABLE dismissals (
  citizen_id  uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  mission_id  uuid NOT NULL REFERENCES missions (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, mission_id)
);
