// 005: classroom simulations (DESIGN.md §13). A simulation keeps its own snapshot of the case (JSON), so it has
// no foreign key to `cases`: editing or deleting the case never changes a class. Join codes are kept as they
// are because `parley classroom --resume` prints them again (the teacher hands them out once, on paper or on
// the board); session tokens are kept only as SHA-256 hashes, so a copy of the library file lets nobody in.
export default /* sql */ `
CREATE TABLE simulations (
  id         TEXT PRIMARY KEY CHECK (length(id) BETWEEN 6 AND 32 AND id NOT GLOB '*[^a-z0-9]*'),
  case_id    TEXT NOT NULL CHECK (length(case_id) BETWEEN 1 AND 64),
  title      TEXT NOT NULL CHECK (length(title) > 0),
  snapshot   TEXT NOT NULL CHECK (json_valid(snapshot)),
  rounds     INTEGER NOT NULL CHECK (rounds BETWEEN 1 AND 20),
  status     TEXT NOT NULL CHECK (status IN ('running', 'agreed', 'ended')),
  created_at TEXT NOT NULL,
  ended_at   TEXT,
  CHECK ((status = 'running') = (ended_at IS NULL))
) STRICT;

CREATE TABLE simulation_roles (
  simulation_id TEXT NOT NULL REFERENCES simulations(id) ON DELETE CASCADE,
  party_id      TEXT NOT NULL CHECK (length(party_id) BETWEEN 1 AND 64),
  ord           INTEGER NOT NULL CHECK (ord >= 0),
  join_code     TEXT NOT NULL UNIQUE CHECK (length(join_code) >= 8 AND join_code NOT GLOB '*[^0-9A-Z]*'),
  brief         TEXT NOT NULL DEFAULT '' CHECK (length(brief) <= 4000),
  joined_at     TEXT,
  PRIMARY KEY (simulation_id, party_id)
) STRICT;

CREATE TABLE simulation_rounds (
  simulation_id TEXT NOT NULL REFERENCES simulations(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL CHECK (number >= 1),
  started_at    TEXT NOT NULL,
  deadline      TEXT,
  ended_at      TEXT,
  PRIMARY KEY (simulation_id, number)
) STRICT;

CREATE TABLE simulation_moves (
  simulation_id TEXT NOT NULL,
  seq           INTEGER NOT NULL CHECK (seq >= 1),
  round         INTEGER NOT NULL,
  role          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('propose', 'accept', 'reject')),
  terms         TEXT CHECK (terms IS NULL OR json_valid(terms)),
  at            TEXT NOT NULL,
  PRIMARY KEY (simulation_id, seq),
  FOREIGN KEY (simulation_id, role) REFERENCES simulation_roles(simulation_id, party_id) ON DELETE CASCADE,
  FOREIGN KEY (simulation_id, round) REFERENCES simulation_rounds(simulation_id, number) ON DELETE CASCADE,
  CHECK ((kind = 'propose') = (terms IS NOT NULL))
) STRICT;

-- role NULL: the facilitator's session.
CREATE TABLE simulation_sessions (
  token_hash    TEXT PRIMARY KEY CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
  simulation_id TEXT NOT NULL REFERENCES simulations(id) ON DELETE CASCADE,
  role          TEXT,
  created_at    TEXT NOT NULL,
  FOREIGN KEY (simulation_id, role) REFERENCES simulation_roles(simulation_id, party_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX simulation_sessions_by_simulation ON simulation_sessions(simulation_id);
`;
