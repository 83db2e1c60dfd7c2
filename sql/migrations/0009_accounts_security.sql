-- Account security and privacy: single-use tokens, rate limits, the e-mail outbox, organisation invitations,
-- support agents, the record of who looked at a citizen's profile, and erasure that keeps applications.

-- E-mail verification and password reset links. Only the sha-256 of the token is stored: a leaked table
-- cannot be used to take over an account. A token is spent by setting used_at (single use).
CREATE TABLE one_time_tokens (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

-- Fixed-window counters (login failures, reset requests) in the database, so that the limit holds across
-- processes and on the embedded PGlite alike. Old windows are deleted opportunistically.
CREATE TABLE rate_limit_buckets (
  key           text NOT NULL CHECK (length(key) <= 300),
  window_start  timestamptz NOT NULL,
  count         int NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- Every e-mail the platform sends goes through here first; a worker delivers and marks sent_at.
-- idempotency_key makes queueing the same message twice a no-op.
CREATE TABLE outbox (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  idempotency_key  text NOT NULL UNIQUE CHECK (length(idempotency_key) <= 300),
  recipient        text NOT NULL CHECK (length(recipient) <= 320),
  subject          text NOT NULL CHECK (length(subject) <= 300),
  text_body        text NOT NULL,
  html_body        text,
  kind             text NOT NULL CHECK (length(kind) <= 60),
  -- The account the message is about, when there is one (data export, erasure).
  user_id          uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  attempts         int NOT NULL DEFAULT 0,
  last_error       text
);
CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_user_idx ON outbox (user_id);

-- An association or company admin invites someone by e-mail; the invitee accepts with the token.
CREATE TABLE organisation_invitations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id  uuid REFERENCES associations (id) ON DELETE CASCADE,
  company_id      uuid REFERENCES companies (id) ON DELETE CASCADE,
  email           text NOT NULL CHECK (length(email) <= 320),
  role            text NOT NULL CHECK (role IN ('member', 'admin')),
  token_hash      text NOT NULL UNIQUE,
  invited_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  expires_at      timestamptz NOT NULL,
  accepted_at     timestamptz,
  accepted_by     uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((association_id IS NULL) <> (company_id IS NULL))
);
CREATE INDEX organisation_invitations_association_idx ON organisation_invitations (association_id);
CREATE INDEX organisation_invitations_company_idx ON organisation_invitations (company_id);

-- Support organisations (e.g. a France Services desk, a departmental volunteering centre) and their agents.
CREATE TABLE support_organisations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE users ADD COLUMN support_organisation_id uuid REFERENCES support_organisations (id) ON DELETE SET NULL;

-- Who decided what about an organisation's verification, and why (moderation is accountable).
CREATE TABLE verification_decisions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  association_id  uuid REFERENCES associations (id) ON DELETE CASCADE,
  company_id      uuid REFERENCES companies (id) ON DELETE CASCADE,
  moderator_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  previous_state  text NOT NULL,
  new_state       text NOT NULL CHECK (new_state IN ('pending', 'verified', 'suspended')),
  reason          text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  decided_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((association_id IS NULL) <> (company_id IS NULL))
);

-- Every time an organisation looks at a candidate's profile; the citizen can see who looked.
CREATE TABLE profile_views (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id             uuid NOT NULL REFERENCES citizen_profiles (id) ON DELETE CASCADE,
  viewer_user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
  viewer_association_id  uuid REFERENCES associations (id) ON DELETE SET NULL,
  viewer_company_id      uuid REFERENCES companies (id) ON DELETE SET NULL,
  context                text NOT NULL DEFAULT '' CHECK (length(context) <= 200),
  viewed_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_views_citizen_idx ON profile_views (citizen_id, viewed_at DESC);

-- Erasure keeps a scrubbed profile row (a tombstone) so that an association's applications stay attached to
-- "a deleted account" instead of disappearing from its history; RESTRICT makes an accidental hard delete of
-- a profile with applications fail loudly instead of cascading.
ALTER TABLE citizen_profiles ADD COLUMN IF NOT EXISTS erased_at timestamptz;
ALTER TABLE applications DROP CONSTRAINT applications_citizen_id_fkey;
ALTER TABLE applications ADD CONSTRAINT applications_citizen_id_fkey
  FOREIGN KEY (citizen_id) REFERENCES citizen_profiles (id) ON DELETE RESTRICT;
