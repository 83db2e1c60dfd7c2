-- Background jobs: what ran, how far a long job got, and why one failed. Both runners (BullMQ and in-process)
-- write here, so the API and the command-line tools read progress the same way whichever runner is active.
CREATE TABLE job_runs (
  -- The job's deterministic id (e.g. `mission.match:<id>:<updated_at>`): a second request for the same work
  -- lands on the same row.
  id            text PRIMARY KEY CHECK (length(id) <= 300),
  name          text NOT NULL CHECK (length(name) <= 100),
  payload       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  -- 0..1, with an optional { done, total, label } for a progress bar.
  progress      real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  progress_detail jsonb,
  attempts      int NOT NULL DEFAULT 0,
  last_error    text,
  result        jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_runs_recent_idx ON job_runs (created_at DESC);
CREATE INDEX job_runs_status_idx ON job_runs (status, name);

-- At-most-once delivery: the attempt is recorded (sending_started_at) and committed BEFORE the SMTP
-- conversation. A row with sending_started_at and no sent_at was interrupted at an unknown point: it is never
-- re-sent automatically (an operator decides), while a failure known to happen before the server accepted the
-- message clears the mark so the message is retried.
ALTER TABLE outbox ADD COLUMN sending_started_at timestamptz;
ALTER TABLE outbox ADD COLUMN message_id text;
CREATE INDEX outbox_interrupted_idx ON outbox (sending_started_at) WHERE sent_at IS NULL AND sending_started_at IS NOT NULL;

-- Digests: when each citizen last received one (so the next one lists only what is new since).
ALTER TABLE citizen_profiles ADD COLUMN last_digest_at timestamptz;
