-- Companies' CSR (RSE) offers and associations' needs beyond missions.

CREATE TABLE rse_offers (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('skills', 'financial', 'team_day', 'in_kind', 'board_member')),
  title           text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  skills          text[] NOT NULL DEFAULT '{}',
  themes          text[] NOT NULL DEFAULT '{}',
  territory_ids   uuid[] NOT NULL DEFAULT '{}',       -- empty: the company's own territory
  hours           int CHECK (hours > 0),              -- skills sponsorship
  budget_min_eur  int CHECK (budget_min_eur >= 0),    -- financial sponsorship
  budget_max_eur  int CHECK (budget_max_eur >= 0),
  people          int CHECK (people > 0),             -- team volunteering days
  capacity        int NOT NULL DEFAULT 1 CHECK (capacity >= 1), -- how many partnerships the offer can carry
  capacity_left   int NOT NULL DEFAULT 1 CHECK (capacity_left >= 0),
  starts_on       date,
  ends_on         date,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (budget_max_eur IS NULL OR budget_min_eur IS NULL OR budget_max_eur >= budget_min_eur),
  CHECK (capacity_left <= capacity),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX rse_offers_company_idx ON rse_offers (company_id);
CREATE INDEX rse_offers_open_idx ON rse_offers (kind) WHERE status = 'open';

CREATE TABLE association_needs (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('skills', 'financial', 'team_day', 'in_kind', 'board_member')),
  title           text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  skills          text[] NOT NULL DEFAULT '{}',
  themes          text[] NOT NULL DEFAULT '{}',
  amount_eur      int CHECK (amount_eur >= 0),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'closed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX association_needs_association_idx ON association_needs (association_id);
