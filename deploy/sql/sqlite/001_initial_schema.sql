-- Grain state and reminders. Applied in one transaction by the server's migrator, which records the version in
-- schema_version; a DBA applying this by hand records it with:
--   INSERT INTO schema_version (version, name) VALUES (1, '001_initial_schema');
-- Times are integers: microseconds since the Unix epoch, UTC. Text compares by code point (BINARY collation).

CREATE TABLE grain_state (
    grain_type TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_key  TEXT NOT NULL,
    etag       INTEGER NOT NULL,
    payload    TEXT NOT NULL CHECK (json_valid(payload)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, state_name, grain_key)
) WITHOUT ROWID;

CREATE TABLE reminders (
    grain_type TEXT NOT NULL,
    grain_key  TEXT NOT NULL,
    name       TEXT NOT NULL,
    grain_hash INTEGER NOT NULL,
    start_at   INTEGER NOT NULL,
    period_ms  INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
) WITHOUT ROWID;

CREATE INDEX reminders_grain_hash ON reminders (grain_hash);
