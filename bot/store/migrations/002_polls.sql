-- Polls whose votes the bot stores itself (Slack button polls), and their votes.
CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    club_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT,
    title TEXT,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    multiple INTEGER NOT NULL DEFAULT 0,
    closes_at TEXT,
    closed_at TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX polls_message ON polls (channel_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX polls_open ON polls (closes_at) WHERE closed_at IS NULL;

-- One row per member and chosen option: single-choice polls keep at most one row per member.
CREATE TABLE poll_votes (
    poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    option INTEGER NOT NULL,
    voted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (poll_id, user_id, option)
);
