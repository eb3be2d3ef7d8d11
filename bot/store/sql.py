"""The SQL of films, reviews and analyses: constant text, `?` parameters only."""

FILM_BY_SLUG = "SELECT id, title, aliases FROM films WHERE slug = ?"
INSERT_FILM = "INSERT INTO films (slug, title, year, director, aliases) VALUES (?, ?, ?, ?, ?)"
UPDATE_FILM = "UPDATE films SET title = ?, director = COALESCE(?, director), aliases = ? WHERE id = ?"
REVIEW_COLUMNS = """
SELECT r.id, r.film_id, r.club_id, r.author, r.source, r.body, r.content_hash,
       r.member_id, r.member_name, r.rating, r.spoilers, r.origin, f.slug, f.title, f.year, f.director, f.aliases
FROM reviews r JOIN films f ON f.id = r.film_id
"""
REVIEW_BY_KEY = "SELECT id, content_hash, seeded FROM reviews WHERE film_id = ? AND club_id = ? AND author = ?"
REVIEW_BY_ID = REVIEW_COLUMNS + "WHERE r.id = ?"
REVIEWS_FOR_FILM = (
    REVIEW_COLUMNS
    + """
WHERE r.film_id = ? AND (r.club_id = '' OR r.club_id = ?) AND r.member_id IS NULL
ORDER BY r.club_id = ? DESC, r.id
"""
)
INSERT_REVIEW = """
INSERT INTO reviews (film_id, club_id, author, source, body, content_hash, origin, seeded)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_REVIEW = """
UPDATE reviews SET source = ?, body = ?, content_hash = ?, origin = ?, seeded = ?,
    updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
WHERE id = ?
"""
ALL_FILMS = "SELECT * FROM films ORDER BY title COLLATE NOCASE, year"
FILMS_FOR_CLUB = """
SELECT * FROM films WHERE id IN (SELECT film_id FROM reviews WHERE club_id = '' OR club_id = ?)
ORDER BY title COLLATE NOCASE, year
"""
FILM_CLUBS = "SELECT DISTINCT film_id, club_id FROM reviews"
SEARCH = """
SELECT DISTINCT f.* FROM review_search s
JOIN reviews r ON r.id = s.review_id JOIN films f ON f.id = r.film_id
WHERE review_search MATCH ? AND (r.club_id = '' OR r.club_id = ?) ORDER BY s.rank LIMIT ?
"""
INSERT_SEARCH = "INSERT INTO review_search (title, aliases, body, review_id) VALUES (?, ?, ?, ?)"
DELETE_SEARCH = "DELETE FROM review_search WHERE review_id = ?"
ANALYSIS = "SELECT body FROM analyses WHERE review_id = ? AND version = ?"
SAVE_ANALYSIS = "INSERT OR REPLACE INTO analyses (review_id, version, body) VALUES (?, ?, ?)"
DELETE_OTHER_ANALYSES = "DELETE FROM analyses WHERE review_id = ? AND version != ?"
DELETE_ANALYSES = "DELETE FROM analyses WHERE review_id = ?"
# The film index's change log (migration 009): the films written since a seq, and those films' rows.
FILM_SEQ = "SELECT COALESCE(MAX(seq), 0) FROM film_changes"
FILM_CHANGES = "SELECT film_id, seq FROM film_changes WHERE seq > ? ORDER BY seq"
FILMS_BY_ID = "SELECT * FROM films WHERE id IN (SELECT value FROM json_each(?))"
FILM_CLUBS_BY_ID = "SELECT DISTINCT film_id, club_id FROM reviews WHERE film_id IN (SELECT value FROM json_each(?))"
SAVED_INDEX = "SELECT seq, body FROM film_index WHERE id = 1"
SAVE_INDEX = "INSERT OR REPLACE INTO film_index (id, seq, body) VALUES (1, ?, ?)"
