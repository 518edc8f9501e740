// 002: the history of every case (DESIGN §10) and where each scenario came from.
// Revisions are not tied to the cases table by a foreign key: a deleted case keeps its history, so the
// deletion itself can be undone. `change` holds what undo and redo need (JSON, see src-main/store/revisions.ts).
// `scenarios.saved` marks scenarios saved in the app, which a re-import of the case file keeps; before this
// migration the app told them apart by their lack of a source, so that is how existing rows are marked.
export default /* sql */ `
CREATE TABLE revisions (
  case_id TEXT NOT NULL CHECK (length(case_id) BETWEEN 1 AND 64),
  seq     INTEGER NOT NULL CHECK (seq >= 1),
  at      TEXT NOT NULL,
  summary TEXT NOT NULL CHECK (length(summary) > 0),
  change  TEXT NOT NULL CHECK (json_valid(change)),
  undone  INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  PRIMARY KEY (case_id, seq)
) STRICT;

ALTER TABLE scenarios ADD COLUMN saved INTEGER NOT NULL DEFAULT 0 CHECK (saved IN (0, 1));
UPDATE scenarios SET saved = 1 WHERE source_id IS NULL;
`;
