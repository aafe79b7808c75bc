-- Reuse of identical builds, and image clean-up bookkeeping.
ALTER TABLE builds ADD COLUMN cache_key VARCHAR(64);
ALTER TABLE builds ADD COLUMN image_removed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX builds_cache_key ON builds (cache_key);
