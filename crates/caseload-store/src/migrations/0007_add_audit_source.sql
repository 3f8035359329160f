-- Issue 12: where a change came from, kept on its audit row ("imported from episodes.csv"); NULL
-- for a person's own change. The audit rows stay append-only (the triggers of 0001).
ALTER TABLE audit ADD COLUMN source TEXT;
