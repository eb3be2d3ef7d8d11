-- Members' own reviews, written in chat, beside the critics' reviews imported from files. A member review is
-- always a club's (club_id set), keyed by the member's platform id: one per member, film and club. Its author
-- column holds 'member:' and that id, so the (film, club, author) key of imported reviews never meets it.
ALTER TABLE reviews ADD COLUMN member_id TEXT;                       -- NULL: an imported review
ALTER TABLE reviews ADD COLUMN member_name TEXT NOT NULL DEFAULT ''; -- the display name when it was written
ALTER TABLE reviews ADD COLUMN rating REAL;                          -- 0.5 to 5 in half stars, or NULL
ALTER TABLE reviews ADD COLUMN spoilers INTEGER NOT NULL DEFAULT 0;  -- the member said it contains spoilers
-- Whether the shipped seeds wrote this review last: a seed import replaces only such a review, never a host's
-- (a host's file that happens to be called seeds/anora.md too). Rows from before are the seeds' if their file
-- was in a folder called seeds, as the store decided until now.
ALTER TABLE reviews ADD COLUMN seeded INTEGER NOT NULL DEFAULT 0;
UPDATE reviews SET seeded = 1 WHERE origin LIKE 'seeds/%' OR origin LIKE '%/seeds/%' OR origin LIKE '%\seeds\%';
CREATE UNIQUE INDEX reviews_member ON reviews (film_id, club_id, member_id) WHERE member_id IS NOT NULL;

-- A member's choices per club: anonymous = show their reviews without their name.
CREATE TABLE member_settings (
    club_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    anonymous INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (club_id, member_id)
);

-- When each member wrote a review (no text): the 20-an-hour limit counts these; rows older than a day go.
CREATE TABLE member_writes (
    club_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    written_at TEXT NOT NULL
);
CREATE INDEX member_writes_by ON member_writes (club_id, member_id, written_at);
