-- Cluster membership and the grain directory (docs/cluster.md). Only clustered silos use these tables.
-- Applied in one transaction by the server's migrator; by hand, record it with:
--   INSERT INTO schema_version (version, name) VALUES (3, '003_cluster_membership');

-- One row per life of a silo. address is host:port@generation. Every status change is a compare-and-swap on version
-- (and bumps cluster_version); heartbeats only move heartbeat_at. Times come from the database's clock, the one clock
-- every silo shares, so clock skew between hosts cannot make a live silo look silent.
CREATE TABLE cluster_silos (
    address           text PRIMARY KEY,
    host              text NOT NULL,
    port              integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    generation        bigint NOT NULL CHECK (generation > 0),
    silo_name         text NOT NULL,
    status            text NOT NULL CHECK (status IN ('Joining', 'Active', 'ShuttingDown', 'Dead')),
    version           bigint NOT NULL,
    started_at        timestamptz NOT NULL,
    heartbeat_at      timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL,
    UNIQUE (host, port, generation)
);

-- A single row, bumped by every join and status change: two silos holding the same version share one view.
CREATE TABLE cluster_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO cluster_version (id, version) VALUES (true, 0);

-- Which silo hosts each active grain. The first silo to insert a grain's row hosts it; a row naming a dead silo is
-- taken over with a compare-and-swap on that silo. Rows go with their silo's membership row.
CREATE TABLE grain_directory (
    grain_type    text NOT NULL,
    grain_key     text NOT NULL,
    silo          text NOT NULL REFERENCES cluster_silos (address) ON DELETE CASCADE,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key)
);

CREATE INDEX grain_directory_silo ON grain_directory (silo);
