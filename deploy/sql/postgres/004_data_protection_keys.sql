-- The ASP.NET Core data-protection key ring of a cluster (docs/operations/cluster.md): every silo must read the keys
-- that protect sign-in cookies and bearer tokens, so that any silo accepts a session another one issued.
-- Only clustered servers use this table. Applied in one transaction by the server's migrator; by hand, record it with:
--   INSERT INTO schema_version (version, name) VALUES (4, '004_data_protection_keys');

-- One row per key, as the XML ASP.NET Core writes (friendly_name is "key-<guid>"). Keys are never updated in place.
CREATE TABLE data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
