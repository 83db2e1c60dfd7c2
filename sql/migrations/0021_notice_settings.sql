-- Which kinds of e-mail notices a user has turned off (the categories of contract/notices.ts; security and
-- moderation e-mails are not among them and are always sent), and the key of the unsubscribe link those e-mails
-- carry. The key is kept as it is, not hashed, because each new e-mail must quote it; all it can do is turn
-- notices off or on for its user, which is why it is not the session or the account token.
ALTER TABLE users ADD COLUMN muted_notices text[] NOT NULL DEFAULT '{}'
  CHECK (muted_notices <@ ARRAY['volunteering', 'partnerships', 'board']::text[]);
ALTER TABLE users ADD COLUMN notice_key text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX users_notice_key_idx ON users (notice_key);
