-- Weekly discussion threads: schedules, each club's film queue, and one claim per occurrence.
CREATE TABLE schedules (
    id INTEGER PRIMARY KEY,
    club_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    film_slug TEXT,                       -- NULL: take the next film of the club's queue
    channel_id TEXT NOT NULL,
    report_channel TEXT NOT NULL,         -- where moderators set it up: failures are reported there
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    at_time TEXT NOT NULL,                -- HH:MM wall-clock time in tz
    tz TEXT NOT NULL,
    every_weeks INTEGER NOT NULL DEFAULT 1 CHECK (every_weeks >= 1),
    poll_hours INTEGER,
    start_local TEXT NOT NULL,            -- naive local time the recurrence counts its weeks from
    not_before TEXT NOT NULL,             -- UTC: occurrences due earlier are never posted (creation, resume)
    paused INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX schedules_club ON schedules (club_id, removed);

CREATE TABLE film_queue (
    id INTEGER PRIMARY KEY,
    club_id TEXT NOT NULL,
    film_slug TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT '',
    used_by INTEGER REFERENCES occurrences(id),  -- the occurrence that took it off the queue
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX film_queue_club ON film_queue (club_id, used_by, id);

-- state: claimed → thread_posted → poll_posted → posted → tallied → closed; or skipped / failed.
CREATE TABLE occurrences (
    id INTEGER PRIMARY KEY,
    schedule_id INTEGER NOT NULL REFERENCES schedules(id),
    occurrence TEXT NOT NULL,             -- the naive wall-clock time, e.g. 2025-03-28T19:00
    due TEXT NOT NULL,                    -- UTC
    state TEXT NOT NULL,
    film_slug TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    owner TEXT NOT NULL DEFAULT '',
    lease_until TEXT NOT NULL DEFAULT '',
    retry_at TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    thread_channel TEXT,
    thread_message TEXT,
    thread_id TEXT,
    poll_channel TEXT,
    poll_message TEXT,
    poll_thread TEXT,
    close_at TEXT,
    tally TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (schedule_id, occurrence)
);
CREATE INDEX occurrences_state ON occurrences (state, retry_at);
