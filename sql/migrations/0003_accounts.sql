-- Accounts and scoped roles. Every core use case receives the acting user; these tables say what they may do.

CREATE TABLE users (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email             text NOT NULL,
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  password_hash     text,
  email_verified_at timestamptz,
  -- Global roles; roles inside an organisation live in memberships.
  is_platform_admin boolean NOT NULL DEFAULT false,
  is_moderator      boolean NOT NULL DEFAULT false,
  is_organiser      boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  deleted_at        timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
  id_hash     text PRIMARY KEY,           -- sha-256 of the cookie value: a stolen table cannot log anyone in
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  user_agent  text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
