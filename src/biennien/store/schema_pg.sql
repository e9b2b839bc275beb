-- biennien store, schema version 1: the PostgreSQL dialect of schema.sql.
-- Keep the two in step: tests/test_store_pg.py checks that both backends have
-- the same tables and columns.
--
-- Differences, each needed for the export to be the same bytes as from SQLite:
--  * TEXT columns are COLLATE "C" (code-point order, like SQLite's BINARY),
--    whatever the database's default collation;
--  * REAL is DOUBLE PRECISION (PostgreSQL's REAL has 4 bytes), BLOB is BYTEA;
--  * "end", "first" and "last" are quoted ("end" is reserved);
--  * per-document rows have `rid`, an identity column standing in for SQLite's
--    rowid (insertion order: the tie-break between equal offsets);
--  * sentences_fts is a table with a generated tsvector and a GIN index instead
--    of an FTS5 virtual table; `folded` is the same accent-free text
--    (biennien.vi.normalise.fold), so no unaccent extension is needed.
-- Tables are created in the connection's current schema (search_path), so
-- one database can hold several stores, one per schema.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id                   TEXT COLLATE "C" PRIMARY KEY,
    seq                  INTEGER NOT NULL UNIQUE,
    source               TEXT COLLATE "C" NOT NULL,
    title                TEXT COLLATE "C",
    outlet               TEXT COLLATE "C",
    author               TEXT COLLATE "C",
    url                  TEXT COLLATE "C",
    published            TEXT COLLATE "C",
    reference_date       TEXT COLLATE "C",
    reference_date_basis TEXT COLLATE "C" NOT NULL,
    encoding             TEXT COLLATE "C" NOT NULL,
    text                 TEXT COLLATE "C" NOT NULL,
    skip_spans           TEXT COLLATE "C" NOT NULL,
    meta                 TEXT COLLATE "C" NOT NULL,
    warnings             TEXT COLLATE "C" NOT NULL,
    duplicate_of         TEXT COLLATE "C",
    added_at             TEXT COLLATE "C" NOT NULL
);

-- the same stored text under another id (an older ingest skipped other captions): found by its head
CREATE INDEX IF NOT EXISTS documents_text_head ON documents (substr(text, 1, 120));

CREATE TABLE IF NOT EXISTS document_sources (
    doc    TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc, source)
);

CREATE TABLE IF NOT EXISTS sentences (
    doc       TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
);

CREATE TABLE IF NOT EXISTS sentences_fts (
    folded TEXT COLLATE "C" NOT NULL,
    doc    TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx    INTEGER NOT NULL,
    tsv    tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED,
    PRIMARY KEY (doc, idx)
);
CREATE INDEX IF NOT EXISTS sentences_fts_tsv ON sentences_fts USING gin (tsv);

CREATE TABLE IF NOT EXISTS timexes (
    rid       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc       TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT COLLATE "C" NOT NULL,
    type      TEXT COLLATE "C" NOT NULL,
    value     TEXT COLLATE "C" NOT NULL,
    mod       TEXT COLLATE "C",
    value_end TEXT COLLATE "C",
    anchor    TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS timexes_doc ON timexes(doc, start);

CREATE TABLE IF NOT EXISTS quantities (
    rid       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc       TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT COLLATE "C" NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    unit      TEXT COLLATE "C" NOT NULL,
    kind      TEXT COLLATE "C" NOT NULL,
    qualifier TEXT COLLATE "C",
    counted   TEXT COLLATE "C",
    value_end DOUBLE PRECISION,
    rank_of   INTEGER,
    direction TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc, start);

CREATE TABLE IF NOT EXISTS mentions (
    rid   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc   TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text  TEXT COLLATE "C" NOT NULL,
    type  TEXT COLLATE "C" NOT NULL,
    name  TEXT COLLATE "C" NOT NULL,
    role  TEXT COLLATE "C",
    key   TEXT COLLATE "C"
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc, start);

CREATE TABLE IF NOT EXISTS doc_events (
    rid  BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    doc  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id   TEXT COLLATE "C" PRIMARY KEY,
    data TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_events_doc ON doc_events(doc);

CREATE TABLE IF NOT EXISTS doc_facts (
    rid  BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    doc  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id   TEXT COLLATE "C" PRIMARY KEY,
    data TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_facts_doc ON doc_facts(doc);

CREATE TABLE IF NOT EXISTS entities (
    id       TEXT COLLATE "C" PRIMARY KEY,
    name     TEXT COLLATE "C" NOT NULL,
    type     TEXT COLLATE "C" NOT NULL,
    mentions INTEGER NOT NULL,
    data     TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);

CREATE TABLE IF NOT EXISTS entity_mentions (
    entity TEXT COLLATE "C" NOT NULL,
    doc    TEXT COLLATE "C" NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity);
CREATE INDEX IF NOT EXISTS entity_mentions_doc ON entity_mentions(doc);

CREATE TABLE IF NOT EXISTS events (
    id        TEXT COLLATE "C" PRIMARY KEY,
    type      TEXT COLLATE "C" NOT NULL,
    date      TEXT COLLATE "C",
    date_end  TEXT COLLATE "C",
    summary   TEXT COLLATE "C" NOT NULL,
    sources   INTEGER NOT NULL,
    data      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

CREATE TABLE IF NOT EXISTS event_participants (
    event  TEXT COLLATE "C" NOT NULL,
    entity TEXT COLLATE "C",
    name   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX IF NOT EXISTS event_participants_entity ON event_participants(entity);

CREATE TABLE IF NOT EXISTS facts (
    id      TEXT COLLATE "C" PRIMARY KEY,
    measure TEXT COLLATE "C" NOT NULL,
    subject TEXT COLLATE "C",
    period  TEXT COLLATE "C",
    value   DOUBLE PRECISION NOT NULL,
    unit    TEXT COLLATE "C" NOT NULL,
    sources INTEGER NOT NULL,
    data    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE IF NOT EXISTS stories (
    id      TEXT COLLATE "C" PRIMARY KEY,
    title   TEXT COLLATE "C",
    "first" TEXT COLLATE "C",
    "last"  TEXT COLLATE "C",
    data    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE IF NOT EXISTS link_state (
    name  TEXT COLLATE "C" PRIMARY KEY,
    data  BYTEA NOT NULL
);
