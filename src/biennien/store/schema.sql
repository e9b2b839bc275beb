-- biennien store, schema version 1.
--
-- Two kinds of tables:
--  * per-document rows (documents .. doc_facts) are written once, in one
--    transaction per document, by `build`; they are the analysis output.
--  * linked rows (entities .. stories) are derived from the per-document rows
--    by the link stage and may be rebuilt at any time.
-- Linked objects keep their full JSON next to the columns used for filtering,
-- so the export reproduces exactly what the link stage produced.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id                   TEXT PRIMARY KEY,
    seq                  INTEGER NOT NULL UNIQUE,      -- order of arrival
    source               TEXT NOT NULL,
    title                TEXT,
    outlet               TEXT,
    author               TEXT,
    url                  TEXT,
    published            TEXT,
    reference_date       TEXT,
    reference_date_basis TEXT NOT NULL,
    encoding             TEXT NOT NULL,
    text                 TEXT NOT NULL,
    skip_spans           TEXT NOT NULL,                -- JSON [[start, end], ...]
    meta                 TEXT NOT NULL,                -- JSON object
    warnings             TEXT NOT NULL,                -- JSON list
    duplicate_of         TEXT,
    added_at             TEXT NOT NULL
);

-- the same stored text under another id (an older ingest skipped other captions): found by its head
CREATE INDEX IF NOT EXISTS documents_text_head ON documents (substr(text, 1, 120));

-- every path or URL an identical text arrived from
CREATE TABLE IF NOT EXISTS document_sources (
    doc    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (doc, source)
);

CREATE TABLE IF NOT EXISTS sentences (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (doc, idx)
);

-- full-text search over sentences; `folded` is lower-cased and accent-free
-- (biennien.vi.normalise.fold), so "to lam" finds "Tô Lâm" and "dang" finds "Đặng"
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    folded,
    doc UNINDEXED,
    idx UNINDEXED,
    tokenize = 'unicode61'
);

CREATE TABLE IF NOT EXISTS timexes (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    type      TEXT NOT NULL,
    value     TEXT NOT NULL,
    mod       TEXT,
    value_end TEXT,
    anchor    TEXT
);
CREATE INDEX IF NOT EXISTS timexes_doc ON timexes(doc, start);

CREATE TABLE IF NOT EXISTS quantities (
    doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    value     REAL NOT NULL,
    unit      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    qualifier TEXT,
    counted   TEXT,
    value_end REAL,
    rank_of   INTEGER,
    direction TEXT
);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc, start);

CREATE TABLE IF NOT EXISTS mentions (
    doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    type  TEXT NOT NULL,
    name  TEXT NOT NULL,
    role  TEXT,
    key   TEXT
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc, start);

-- per-document events and facts, before cross-document merging
CREATE TABLE IF NOT EXISTS doc_events (
    doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id   TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_events_doc ON doc_events(doc);

CREATE TABLE IF NOT EXISTS doc_facts (
    doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id   TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_facts_doc ON doc_facts(doc);

-- linked (cross-document) tables
CREATE TABLE IF NOT EXISTS entities (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    data     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_type ON entities(type);

CREATE TABLE IF NOT EXISTS entity_mentions (
    entity TEXT NOT NULL,
    doc    TEXT NOT NULL,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_mentions_entity ON entity_mentions(entity);
CREATE INDEX IF NOT EXISTS entity_mentions_doc ON entity_mentions(doc);

CREATE TABLE IF NOT EXISTS events (
    id        TEXT PRIMARY KEY,
    type      TEXT NOT NULL,
    date      TEXT,
    date_end  TEXT,
    summary   TEXT NOT NULL,
    sources   INTEGER NOT NULL,
    data      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events(date);

CREATE TABLE IF NOT EXISTS event_participants (
    event  TEXT NOT NULL,
    entity TEXT,
    name   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_participants_entity ON event_participants(entity);

CREATE TABLE IF NOT EXISTS facts (
    id      TEXT PRIMARY KEY,
    measure TEXT NOT NULL,
    subject TEXT,
    period  TEXT,
    value   REAL NOT NULL,
    unit    TEXT NOT NULL,
    sources INTEGER NOT NULL,
    data    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS stories (
    id    TEXT PRIMARY KEY,
    title TEXT,
    first TEXT,
    last  TEXT,
    data  TEXT NOT NULL
);

-- opaque state of incremental link indexes (duplicate and story indexes)
CREATE TABLE IF NOT EXISTS link_state (
    name  TEXT PRIMARY KEY,
    data  BLOB NOT NULL
);
