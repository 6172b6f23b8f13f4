// Test harness for the schema dialect: better-sqlite3 opened directly, wrapped as core's
// Queryable, and a script runner that behaves like Retort's runner (one transaction per
// script unless it starts with `-- retort:no-transaction`).
import Database from 'better-sqlite3';
import type { Queryable } from '@retort/core';
import type { Schema } from '@retort/schema';
import { sqliteSchemaDialect } from '../sqlite-schema-dialect.js';

export type Db = Database.Database;

export function openMemory(file = ':memory:'): Db {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  return db;
}

export function queryable(db: Db): Queryable {
  return {
    async runScript(script) {
      db.exec(script.text);
    },
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return db.prepare(sql).all(...params) as Row[];
    },
    async execute(sql: string) {
      db.exec(sql);
    },
  };
}

export function introspect(db: Db): Promise<Schema> {
  return sqliteSchemaDialect.introspect(queryable(db));
}

/** Runs a rendered script as the runner would. */
export function runScript(db: Db, sql: string): void {
  if (sql.trim() === '') return;
  if (/^-- retort:no-transaction/.test(sql)) {
    try {
      db.exec(sql);
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.pragma('foreign_keys = ON');
    }
    return;
  }
  db.exec('BEGIN');
  try {
    db.exec(sql);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
