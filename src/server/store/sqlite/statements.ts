import type Database from 'better-sqlite3';
import type { GroupKey } from '../port.js';

/** A row as better-sqlite3 returns it: checked by the mappers in rows.ts before it leaves the store. */
export type Row = Record<string, unknown>;

/** One connection and its prepared statements: preparing costs more than running most of the queries. */
export class Statements {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  sql(text: string): Database.Statement {
    let statement = this.prepared.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.prepared.set(text, statement);
    }
    return statement;
  }
}

/**
 * Groups as a JSON list for `json_each`, so one statement reads any number of them; queries put it
 * first with CROSS JOIN, which makes SQLite look each group up by key instead of scanning the table.
 */
export const groupsJson = (groups: readonly GroupKey[]) => JSON.stringify(groups.map((g) => [g.rateeNip, g.relationship]));
