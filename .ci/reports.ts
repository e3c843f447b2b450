// Reads test counts from the JSON reports written by vitest and Playwright.
import { existsSync, readFileSync } from 'node:fs';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Vitest's json reporter (Jest-compatible fields); undefined when the report is missing or unreadable. */
export function vitestCounts(file: string): TestCounts | undefined {
  const report = readJson(file) as Record<string, unknown> | undefined;
  if (!report || typeof report.numTotalTests !== 'number') return undefined;
  return {
    passed: num(report.numPassedTests),
    failed: num(report.numFailedTests),
    skipped: num(report.numPendingTests) + num(report.numTodoTests),
  };
}

/** Playwright's json reporter; retries are off, so "flaky" cannot pass silently and counts as failed. */
export function playwrightCounts(file: string): TestCounts | undefined {
  const report = readJson(file) as { stats?: Record<string, unknown> } | undefined;
  const stats = report?.stats;
  if (!stats) return undefined;
  return {
    passed: num(stats.expected),
    failed: num(stats.unexpected) + num(stats.flaky),
    skipped: num(stats.skipped),
  };
}
