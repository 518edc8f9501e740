// 001: the normalised case library. Every table is keyed by case so ids only need to be unique within a case.
export default /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id               TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^a-z0-9-]*' AND id NOT GLOB '-*'),
  ord              INTEGER NOT NULL,
  title            TEXT NOT NULL CHECK (length(title) > 0),
  description      TEXT,
  as_of            TEXT CHECK (as_of IS NULL OR as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  u_demand         REAL NOT NULL CHECK (u_demand BETWEEN 0 AND 100),
  u_acceptable     REAL NOT NULL CHECK (u_acceptable BETWEEN 0 AND 100),
  u_neutral        REAL NOT NULL CHECK (u_neutral BETWEEN 0 AND 100),
  u_oppose         REAL NOT NULL CHECK (u_oppose BETWEEN 0 AND 100),
  u_red_line       REAL NOT NULL CHECK (u_red_line BETWEEN 0 AND 100),
  unstated_utility REAL NOT NULL CHECK (unstated_utility BETWEEN 0 AND 100),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE parties (
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  ord         INTEGER NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  color       TEXT CHECK (color IS NULL OR (length(color) = 7 AND color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]')),
  reservation REAL NOT NULL CHECK (reservation BETWEEN 0 AND 100),
  description TEXT,
  PRIMARY KEY (case_id, id)
) STRICT;

CREATE TABLE issues (
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  ord         INTEGER NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  description TEXT,
  status_quo  TEXT,
  PRIMARY KEY (case_id, id),
  FOREIGN KEY (case_id, id, status_quo) REFERENCES options(case_id, issue_id, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE options (
  case_id     TEXT NOT NULL,
  issue_id    TEXT NOT NULL,
  id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  ord         INTEGER NOT NULL,
  label       TEXT NOT NULL CHECK (length(label) > 0),
  description TEXT,
  PRIMARY KEY (case_id, issue_id, id),
  FOREIGN KEY (case_id, issue_id) REFERENCES issues(case_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE sources (
  case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  id        TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  ord       INTEGER NOT NULL,
  title     TEXT NOT NULL CHECK (length(title) > 0),
  publisher TEXT,
  url       TEXT CHECK (url IS NULL OR url GLOB 'http*://*'),
  date      TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  PRIMARY KEY (case_id, id)
) STRICT;

CREATE TABLE positions (
  pk        INTEGER PRIMARY KEY,
  case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  ord       INTEGER NOT NULL,
  party_id  TEXT NOT NULL,
  issue_id  TEXT NOT NULL,
  salience  INTEGER NOT NULL CHECK (salience BETWEEN 1 AND 5),
  date      TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source_id TEXT,
  quote     TEXT,
  FOREIGN KEY (case_id, party_id) REFERENCES parties(case_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (case_id, issue_id) REFERENCES issues(case_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (case_id, source_id) REFERENCES sources(case_id, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
-- At most one position per (party, issue, date); an undated position is one more "date".
CREATE UNIQUE INDEX positions_one_per_date ON positions(case_id, party_id, issue_id, ifnull(date, ''));
CREATE INDEX positions_by_case ON positions(case_id, ord);

CREATE TABLE position_options (
  position_pk INTEGER NOT NULL REFERENCES positions(pk) ON DELETE CASCADE,
  case_id     TEXT NOT NULL,
  issue_id    TEXT NOT NULL,
  option_id   TEXT NOT NULL,
  stance      TEXT CHECK (stance IS NULL OR stance IN ('demand', 'acceptable', 'neutral', 'oppose', 'red_line')),
  utility     REAL CHECK (utility IS NULL OR utility BETWEEN 0 AND 100),
  PRIMARY KEY (position_pk, option_id),
  CHECK (stance IS NOT NULL OR utility IS NOT NULL),
  FOREIGN KEY (case_id, issue_id, option_id) REFERENCES options(case_id, issue_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX position_options_by_option ON position_options(case_id, issue_id, option_id);

CREATE TABLE scenarios (
  case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  id          TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  ord         INTEGER NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  description TEXT,
  source_id   TEXT,
  PRIMARY KEY (case_id, id),
  FOREIGN KEY (case_id, source_id) REFERENCES sources(case_id, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE scenario_terms (
  case_id     TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  issue_id    TEXT NOT NULL,
  option_id   TEXT NOT NULL,
  ord         INTEGER NOT NULL,
  PRIMARY KEY (case_id, scenario_id, issue_id),
  FOREIGN KEY (case_id, scenario_id) REFERENCES scenarios(case_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (case_id, issue_id, option_id) REFERENCES options(case_id, issue_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX scenario_terms_by_option ON scenario_terms(case_id, issue_id, option_id);
`;
