-- Each schedule's next unrecorded occurrence (UTC text, as utc_text writes it), kept by the store
-- whenever what it depends on changes (added, paused or resumed, an occurrence recorded), so that a
-- scheduler pass reads only the schedules that fell due and its next wake-up is one indexed MIN.
-- '' (the default, and every row from before this migration) means "not computed yet": it sorts
-- before every time, so the next pass picks the row up and computes it. NULL means "never again".
ALTER TABLE schedules ADD COLUMN next_due TEXT DEFAULT '';
CREATE INDEX schedules_next_due ON schedules (platform, next_due) WHERE removed = 0 AND paused = 0;
