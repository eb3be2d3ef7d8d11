-- A poll posted with an idempotency key (a weekly thread's) is stored once per key: a retry or a restart
-- reuses the row, so every message showing that poll counts its votes in one tally and closes with it.
ALTER TABLE polls ADD COLUMN post_key TEXT;
CREATE UNIQUE INDEX polls_post_key ON polls (post_key) WHERE post_key IS NOT NULL;
