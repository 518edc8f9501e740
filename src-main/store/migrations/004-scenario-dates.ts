// 004: a scenario may carry the date its document was tabled (case format v1, optional `date`).
export default /* sql */ `
ALTER TABLE scenarios ADD COLUMN date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
`;
