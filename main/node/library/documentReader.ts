// Reads one library document: JSON, schema version and migrations, then the schema; says precisely what is wrong.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { isNotFound } from './atomicFile.ts';
import { describeIssues } from './documentSchemas.ts';
import { isAccessError } from './fsErrors.ts';
import { migrateDocument } from './migrations.ts';
import type { DocumentKind } from './migrations.ts';

export type ReadResult<T> =
  | { readonly status: 'ok'; readonly value: T; readonly fromVersion: number }
  | { readonly status: 'missing' }
  | { readonly status: 'tooNew'; readonly reason: string }
  /** Not ours to read right now (permissions, a read-only mount): not damaged, and fixed outside Virtlab. */
  | { readonly status: 'unreadable'; readonly reason: string }
  /** Not usable: bad JSON, failed schema, an I/O error. */
  | { readonly status: 'damaged'; readonly reason: string };

/** Reads a file's text; injectable so tests can meet errors the test user cannot cause (root ignores file modes). */
export type ReadText = (file: string) => Promise<string>;

export const readText: ReadText = (file) => readFile(file, 'utf8');

/** Returns what is wrong with a valid document in its context (e.g. an id that does not match the file name). */
export type DocumentCheck<T> = (value: T) => string | undefined;

export async function readDocument<T>(
  file: string,
  kind: DocumentKind,
  schema: z.ZodType<T>,
  check?: DocumentCheck<T>,
  read: ReadText = readText,
): Promise<ReadResult<T>> {
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    if (isNotFound(error)) return { status: 'missing' };
    const detail = error instanceof Error ? error.message : String(error);
    if (isAccessError(error)) return { status: 'unreadable', reason: `cannot be read: permission denied (${detail})` };
    return { status: 'damaged', reason: `cannot be read (${detail})` };
  }
  return parseDocument(text, kind, schema, check);
}

export function parseDocument<T>(text: string, kind: DocumentKind, schema: z.ZodType<T>, check?: DocumentCheck<T>): ReadResult<T> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { status: 'damaged', reason: 'empty file' };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return { status: 'damaged', reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const migrated = migrateDocument(kind, raw);
  if (migrated.status === 'tooNew') return { status: 'tooNew', reason: migrated.reason };
  if (migrated.status === 'invalid') return { status: 'damaged', reason: migrated.reason };
  const parsed = schema.safeParse(migrated.doc);
  if (!parsed.success) return { status: 'damaged', reason: describeIssues(parsed.error) };
  const wrong = check?.(parsed.data);
  if (wrong !== undefined) return { status: 'damaged', reason: wrong };
  return { status: 'ok', value: parsed.data, fromVersion: migrated.fromVersion };
}
