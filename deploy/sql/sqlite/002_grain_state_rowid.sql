-- Grain state rows hold 0.5 to 2 KB of JSON. A WITHOUT ROWID table keeps whole rows in its primary-key B-tree,
-- where rows that large spill to overflow pages, so every commit wrote several pages per row. A rowid table keeps
-- them inline (order placement on SQLite: about 4,200 -> 5,000 orders/s). Rows are copied as they are.
-- Applied in one transaction by the server's migrator; by hand, record it with:
--   INSERT INTO schema_version (version, name) VALUES (2, '002_grain_state_rowid');

CREATE TABLE grain_state_rowid (
    grain_type TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_key  TEXT NOT NULL,
    etag       INTEGER NOT NULL,
    payload    TEXT NOT NULL CHECK (json_valid(payload)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, state_name, grain_key)
);

INSERT INTO grain_state_rowid (grain_type, state_name, grain_key, etag, payload, updated_at)
SELECT grain_type, state_name, grain_key, etag, payload, updated_at FROM grain_state;

DROP TABLE grain_state;

ALTER TABLE grain_state_rowid RENAME TO grain_state;
