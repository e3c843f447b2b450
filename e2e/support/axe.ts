// Accessibility check of what the page shows now: axe's serious and critical violations, listed readably (none expected).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on the whole page and expects no serious or critical violation; `where` names the screen in the report. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}${v.nodes[0]?.failureSummary ? ` — ${v.nodes[0].failureSummary.replace(/\s+/g, ' ').slice(0, 240)}` : ''}`);
  // Soft: one run reports every screen's problems, not only the first.
  expect.soft(serious, `axe on ${where}`).toEqual([]);
}
