-- Board renewal: who sits on an association's board and until when, the roles it wants to fill, the ties that
-- make a candidate conflicted, and contact requests to candidate citizens (identity shared only on acceptance).
-- Board competencies are the codes of contract/board.ts (finance, juridique, ..., domaine), not skill codes:
-- an association describes its board in the eight families a governance broker uses.

CREATE TABLE board_members (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 120),
  -- Set when the member has an account: lets the platform see that a candidate already sits on a board.
  user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
  role            text NOT NULL REFERENCES board_roles (code),
  competencies    text[] NOT NULL DEFAULT '{}',
  mandate_end     date,
  is_key_person   boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX board_members_association_idx ON board_members (association_id);
CREATE INDEX board_members_user_idx ON board_members (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE board_needs (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id     uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  role               text NOT NULL REFERENCES board_roles (code),
  description        text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  -- [{ "code": "finance", "weight": 1 }, ...]: the competencies the role needs, weights in (0, 1].
  competencies       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(competencies) = 'array'),
  meetings_per_month int NOT NULL DEFAULT 1 CHECK (meetings_per_month BETWEEN 0 AND 20),
  mandate_years      int NOT NULL DEFAULT 3 CHECK (mandate_years BETWEEN 1 AND 9),
  priority           int NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),   -- 1 = most urgent
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX board_needs_association_idx ON board_needs (association_id) WHERE status = 'open';

-- Ties the association declares (funders, suppliers, partners, associations it funds): the source of conflict
-- flags beside the platform's own partnerships.
CREATE TABLE board_declared_ties (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id        uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  kind                  text NOT NULL CHECK (kind IN ('funder', 'supplier', 'partner', 'funded')),
  company_id            uuid REFERENCES companies (id) ON DELETE CASCADE,
  other_association_id  uuid REFERENCES associations (id) ON DELETE CASCADE,
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((company_id IS NULL) <> (other_association_id IS NULL)),
  CHECK (other_association_id IS NULL OR other_association_id <> association_id)
);
CREATE UNIQUE INDEX board_declared_ties_unique_idx
  ON board_declared_ties (association_id, kind, COALESCE(company_id, other_association_id));

CREATE TABLE board_contact_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  need_id         uuid REFERENCES board_needs (id) ON DELETE SET NULL,
  citizen_id      uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  requested_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  message         text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  answered_at     timestamptz
);
-- One open request per association and citizen: no repeated solicitations while one waits.
CREATE UNIQUE INDEX board_contact_requests_pending_idx ON board_contact_requests (association_id, citizen_id) WHERE status = 'pending';
CREATE INDEX board_contact_requests_citizen_idx ON board_contact_requests (citizen_id, created_at);
