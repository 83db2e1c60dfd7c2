-- Company x association partnerships around an RSE offer: interests from either side, the partnership opened
-- when interest is mutual (proposed -> active -> ended, with what was given) and the conversation between them.

CREATE TABLE partner_interests (
  offer_id        uuid NOT NULL REFERENCES rse_offers (id) ON DELETE CASCADE,
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  side            text NOT NULL CHECK (side IN ('company', 'association')),
  user_id         uuid REFERENCES users (id) ON DELETE SET NULL,   -- who expressed it (kept anonymous after erasure)
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (offer_id, association_id, side)
);
CREATE INDEX partner_interests_association_idx ON partner_interests (association_id);

CREATE TABLE partnerships (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  offer_id        uuid NOT NULL REFERENCES rse_offers (id) ON DELETE CASCADE,
  company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  association_id  uuid NOT NULL REFERENCES associations (id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'ended')),
  -- The fit when the partnership opened, and the ranking version that computed it.
  fit_score       real CHECK (fit_score BETWEEN 0 AND 1),
  weights_version text,
  -- What was given, recorded when the partnership ends.
  hours           int CHECK (hours >= 0),
  amount_eur      int CHECK (amount_eur >= 0),
  days            int CHECK (days >= 0),
  items           text NOT NULL DEFAULT '' CHECK (length(items) <= 2000),
  started_at      timestamptz,
  ended_at        timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- One partnership per offer and association: mutual interest opens it once.
  UNIQUE (offer_id, association_id),
  CHECK (status <> 'active' OR started_at IS NOT NULL),
  CHECK (status <> 'ended' OR ended_at IS NOT NULL)
);
CREATE INDEX partnerships_company_idx ON partnerships (company_id);
CREATE INDEX partnerships_association_idx ON partnerships (association_id);

CREATE TABLE partnership_messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id  uuid NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
  author_id       uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Which party wrote it, so the thread reads right even after the author's account is erased.
  side            text NOT NULL CHECK (side IN ('company', 'association')),
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partnership_messages_thread_idx ON partnership_messages (partnership_id, created_at);

-- The ranking's needs branch starts from the open needs of the offer's kind (a few per cent of all associations).
CREATE INDEX association_needs_open_kind_idx ON association_needs (kind, association_id) WHERE status = 'open';
