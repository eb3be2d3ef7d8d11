-- Occurrences by state and due time: each scheduler pass looks for skips dated after the database's clock
-- (left by a clock that jumped ahead and came back) to forget them, and this keeps that look one index seek,
-- however many weeks the clubs have skipped.
CREATE INDEX occurrences_state_due ON occurrences (state, due);
