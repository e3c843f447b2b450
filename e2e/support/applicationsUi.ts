// How a person finds things in the Applications view and the container details, by their accessible names.
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp, viewTab } from './virtlabUi.ts';

export const applicationsView = (page: Page): Locator => page.getByRole('region', { name: 'Applications', exact: true });
export const serviceCard = (page: Page, service: string): Locator => applicationsView(page).getByRole('region', { name: `Service ${service}`, exact: true });
export const replicaGrid = (page: Page): Locator => applicationsView(page).getByRole('region', { name: 'Replicas by host' });
/** A host's column in the replica grid ("Node 1", or "Not placed"). */
export const hostColumn = (page: Page, host: string): Locator => replicaGrid(page).getByRole('article', { name: host === 'Not placed' ? host : `Host ${host}`, exact: true });
/** Replica entries; their accessible names read "shop-web-1, Ready, revision 1". */
export const replicas = (scope: Locator, pattern: RegExp): Locator => scope.getByRole('listitem', { name: pattern });

export async function openApplications(page: Page): Promise<void> {
  await viewTab(page, 'Applications view').click();
  await expect(applicationsView(page)).toBeVisible();
}

/** The "x / y" ready figure of a service card. */
export async function expectReady(page: Page, service: string, ready: number, desired: number): Promise<void> {
  await expect(serviceCard(page, service).getByLabel(`${ready} of ${desired} replicas ready`)).toBeVisible();
}

export const replicaName = (app: string, service: string): RegExp => new RegExp(`^${escapeRegExp(app)}-${escapeRegExp(service)}-\\d+,`);
