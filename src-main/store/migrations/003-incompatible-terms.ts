// 003: incompatible terms (DESIGN.md §11) — per case, sets of terms that cannot all hold at once, each with
// its reason and an optional source. Entries keep the case file's order (ord); terms keep theirs (rowid).
export default /* sql */ `
CREATE TABLE incompatible_entries (
  case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  ord       INTEGER NOT NULL CHECK (ord >= 0),
  reason    TEXT NOT NULL CHECK (length(reason) > 0),
  source_id TEXT,
  PRIMARY KEY (case_id, ord),
  FOREIGN KEY (case_id, source_id) REFERENCES sources(case_id, id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE incompatible_terms (
  case_id   TEXT NOT NULL,
  entry_ord INTEGER NOT NULL,
  issue_id  TEXT NOT NULL,
  option_id TEXT NOT NULL,
  PRIMARY KEY (case_id, entry_ord, issue_id),
  FOREIGN KEY (case_id, entry_ord) REFERENCES incompatible_entries(case_id, ord) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (case_id, issue_id, option_id) REFERENCES options(case_id, issue_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX incompatible_terms_by_option ON incompatible_terms(case_id, issue_id, option_id);
`;
