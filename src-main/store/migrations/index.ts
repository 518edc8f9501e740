// Migrations are applied in order, each in its own transaction; PRAGMA user_version records the last one applied.
import initial from './001-initial.ts';
import revisions from './002-revisions.ts';
import incompatibleTerms from './003-incompatible-terms.ts';
import scenarioDates from './004-scenario-dates.ts';
import classroom from './005-classroom.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'revisions', sql: revisions },
  { version: 3, name: 'incompatible terms', sql: incompatibleTerms },
  { version: 4, name: 'scenario-dates', sql: scenarioDates },
  { version: 5, name: 'classroom', sql: classroom },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
