-- Open polls waiting for their close time: every running schedule has one for most of the week, so
-- the scheduler's "what is due now" and "when next" queries seek this index instead of reading
-- every posted occurrence at each wake-up.
CREATE INDEX occurrences_closing ON occurrences (state, close_at);
