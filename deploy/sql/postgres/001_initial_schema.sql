-- Grain state and reminders. Applied in one transaction by the server's migrator, which records the version in
-- schema_version; a DBA applying this by hand records it with:
--   INSERT INTO schema_version (version, name) VALUES (1, '001_initial_schema');

-- grain_key uses the "C" collation so that ordering is by code point and key-prefix queries are index range scans.
CREATE TABLE grain_state (
    grain_type text NOT NULL,
    state_name text NOT NULL,
    grain_key  text COLLATE "C" NOT NULL,
    etag       bigint NOT NULL,
    payload    jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, state_name, grain_key)
);

CREATE TABLE reminders (
    grain_type text NOT NULL,
    grain_key  text NOT NULL,
    name       text NOT NULL,
    grain_hash bigint NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
    start_at   timestamptz NOT NULL,
    period_ms  bigint NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX reminders_grain_hash ON reminders (grain_hash);
