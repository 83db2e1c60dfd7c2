-- Associations, companies and the people who act for them.

CREATE TABLE associations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rna              text UNIQUE CHECK (rna ~ '^W\d{9}$'),
  siren            text UNIQUE CHECK (siren ~ '^\d{9}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  purpose          text NOT NULL DEFAULT '' CHECK (length(purpose) <= 5000),
  themes           text[] NOT NULL DEFAULT '{}',
  territory_id     uuid NOT NULL REFERENCES territories (id),
  commune_insee    text NOT NULL REFERENCES communes (insee),
  size             text NOT NULL DEFAULT 'small' CHECK (size IN ('volunteers_only', 'small', 'medium', 'large')),
  verification     text NOT NULL DEFAULT 'pending' CHECK (verification IN ('pending', 'verified', 'suspended')),
  contact_email    text,
  website          text,
  -- Median hours to answer an application, maintained when applications are decided; NULL until known.
  response_hours   real CHECK (response_hours >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  search           tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('french', name), 'A') || setweight(to_tsvector('french', purpose), 'B')
                   ) STORED,
  CHECK (rna IS NOT NULL OR siren IS NOT NULL)
);
CREATE INDEX associations_territory_idx ON associations (territory_id);
CREATE INDEX associations_themes_idx ON associations USING gin (themes);
CREATE INDEX associations_search_idx ON associations USING gin (search);

CREATE TABLE companies (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  siren          text NOT NULL UNIQUE CHECK (siren ~ '^\d{9}$'),
  name           text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  sector         text NOT NULL DEFAULT '' CHECK (length(sector) <= 200),
  description    text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  territory_id   uuid NOT NULL REFERENCES territories (id),
  commune_insee  text NOT NULL REFERENCES communes (insee),
  size           text NOT NULL DEFAULT 'sme' CHECK (size IN ('micro', 'sme', 'mid', 'large')),
  verification   text NOT NULL DEFAULT 'pending' CHECK (verification IN ('pending', 'verified', 'suspended')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_territory_idx ON companies (territory_id);

-- Who acts for an organisation: exactly one of association_id / company_id is set.
CREATE TABLE memberships (
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  association_id uuid REFERENCES associations (id) ON DELETE CASCADE,
  company_id     uuid REFERENCES companies (id) ON DELETE CASCADE,
  role           text NOT NULL CHECK (role IN ('member', 'admin')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((association_id IS NULL) <> (company_id IS NULL))
);
CREATE UNIQUE INDEX memberships_association_key ON memberships (user_id, association_id) WHERE association_id IS NOT NULL;
CREATE UNIQUE INDEX memberships_company_key ON memberships (user_id, company_id) WHERE company_id IS NOT NULL;
CREATE INDEX memberships_association_idx ON memberships (association_id);
CREATE INDEX memberships_company_idx ON memberships (company_id);
