-- Issue 15: a meeting's revision, the SEQUENCE of its calendar event. Every UPDATE of a meeting
-- adds one (tables/meetings.rs), in the transaction of the change, so a meeting moved or
-- cancelled and exported again replaces the event Outlook already has. Meetings written before
-- this start at 0.
ALTER TABLE meetings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
