-- Films, reviews, cached analyses and full-text search.
CREATE TABLE films (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    year INTEGER,
    director TEXT,
    aliases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    club_id TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    source TEXT,
    body TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (film_id, club_id, author)
);
CREATE INDEX reviews_club ON reviews (club_id);

CREATE TABLE analyses (
    review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (review_id, version)
);

-- Title, aliases and review text, one row per review, kept by the store on upsert.
CREATE VIRTUAL TABLE review_search USING fts5 (
    title, aliases, body, review_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
