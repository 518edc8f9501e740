// Migrations are applied in order, each in its own transaction; PRAGMA user_version records the last one applied.
import initial from './001-initial.ts';
import revisions from './002-revisions.ts';
import scenarioDates from './004-scenario-dates.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'revisions', sql: revisions },
  // 003 is reserved for work on another branch; versions only need to increase.
  { version: 4, name: 'scenario-dates', sql: scenarioDates },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
