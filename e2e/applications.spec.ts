// A person deploys a three-service application from a file, scales it, rolls out a new version while watching old and
// new replicas side by side, and fails a host to see its replicas come back on the others. Each step waits for a state
// that lasts until the person acts (a rollout held back by a host port), so a slow machine cannot make it miss one.
import { writeFileSync } from 'node:fs';
import { test, expect } from './fixtures/webApp.ts';
import { applicationsView, expectReady, hostColumn, openApplications, replicaGrid, replicaName, replicas, serviceCard } from './support/applicationsUi.ts';

// Images pull and start in simulated seconds; ten simulated seconds per real one keeps the test short.
test.use({ serverSpeed: 10 });
// Long flows of many steps: on a busy machine they take longer, which must not fail them.
test.slow();

const shop = `name: shop
services:
  web:
    image: nginx:1.27
    replicas: 3
    ports: ["8080:80"]
    # One replica per host publishes port 8080: with max unavailable 0, a surge replica waits for a free host.
    update: { max_surge: 1, max_unavailable: 0 }
    depends_on: [api]
  api:
    image: virtlab/shop-api:1.0
    replicas: 2
    resources: { requests: { cpus: 500m, memory: 512Mi } }
    depends_on: [db]
  db:
    image: postgres:16
    resources: { requests: { cpus: 1, memory: 1Gi } }
`;

test('deploy from a file, scale, roll out a new version and survive a host failure', async ({ appPage: page }, testInfo) => {
  const file = testInfo.outputPath('shop.yaml');
  writeFileSync(file, shop);
  await openApplications(page);
  await expect(applicationsView(page)).toContainText('No application is deployed');

  // Deploy: choose the file, deploy it.
  await applicationsView(page).getByRole('button', { name: 'Deploy application…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Deploy application' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await expect(dialog.getByLabel('Application file', { exact: true })).toHaveValue(/name: shop/);
  await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(applicationsView(page).getByRole('heading', { name: 'shop' })).toBeVisible();
  await expectReady(page, 'db', 1, 1);
  await expectReady(page, 'api', 2, 2);
  await expectReady(page, 'web', 3, 3);
  // Spread: three web replicas on three different hosts.
  const webOnHosts = async () => {
    const hosts: string[] = [];
    for (const host of ['Workstation', 'Node 1', 'Node 2', 'Node 3']) if ((await replicas(hostColumn(page, host), replicaName('shop', 'web')).count()) > 0) hosts.push(host);
    return hosts;
  };
  expect(await webOnHosts()).toHaveLength(3);
  await page.screenshot({ path: testInfo.outputPath('deployed.png') });

  // Scale web to 4: a fourth replica starts, on the host that had none.
  const web = serviceCard(page, 'web');
  await web.getByLabel('Replicas', { exact: true }).fill('4');
  await web.getByRole('button', { name: 'Scale', exact: true }).click();
  await expectReady(page, 'web', 4, 4);
  expect(await webOnHosts()).toHaveLength(4);

  // Roll out nginx:1.25. Every host already publishes port 8080 and no old replica may go before a new one is ready,
  // so the first new replica waits, next to the four old ones, until a host has the port free.
  await web.getByRole('button', { name: 'Roll out…' }).click();
  const rollout = page.getByRole('dialog', { name: 'Roll out web' });
  await rollout.getByRole('combobox', { name: 'New image' }).press('Enter');
  await page.getByRole('listbox', { name: 'New image' }).getByRole('option', { name: /^nginx:1\.25/ }).click();
  await rollout.getByRole('button', { name: 'Roll out', exact: true }).click();
  await expect(rollout).toBeHidden();
  const status = web.getByRole('status', { name: 'Rollout of web' });
  await expect(status).toContainText('nginx:1.27 → nginx:1.25');
  await expect(status).toContainText('0 of 4 new ready · 4 old');
  const grid = replicaGrid(page);
  await expect(replicas(grid, /^shop-web-\d+, Ready, revision 1/)).toHaveCount(4);
  await expect(replicas(hostColumn(page, 'Not placed'), /^shop-web-\d+, Pending, revision 2/)).toHaveCount(1);
  await expect(hostColumn(page, 'Not placed')).toContainText('0/4 hosts have host port 8080 free');
  await page.screenshot({ path: testInfo.outputPath('rolling-out.png') });

  // Scaling back to three frees a host: the new version takes it, and the rollout replaces the old replicas one by one.
  await web.getByLabel('Replicas', { exact: true }).fill('3');
  await web.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(status).toContainText('Rolled out');
  await expect(replicas(grid, /^shop-web-\d+, Ready, revision 2/)).toHaveCount(3);
  await expect(replicas(grid, /^shop-web-\d+, [^,]+, revision 1/)).toHaveCount(0);
  await expect(web).toContainText('nginx:1.25');
  await expect(applicationsView(page).getByRole('list', { name: 'Application events' })).toContainText('web: rolled out nginx:1.25 (revision 2)');

  // Fail the host that runs the database: its replicas are evicted and come back on the other hosts.
  const dbHost = await (async () => {
    for (const host of ['Workstation', 'Node 1', 'Node 2', 'Node 3']) if ((await replicas(hostColumn(page, host), replicaName('shop', 'db')).count()) > 0) return host;
    throw new Error('the database replica is on no host');
  })();
  await hostColumn(page, dbHost).getByRole('button', { name: `Fail host ${dbHost}` }).click();
  await expect(hostColumn(page, dbHost)).toContainText('Down');
  await expect(hostColumn(page, dbHost)).toContainText('no replicas');
  await expect(applicationsView(page).getByRole('list', { name: 'Application events' })).toContainText(`host ${dbHost} failed`);
  await expectReady(page, 'db', 1, 1);
  await expectReady(page, 'api', 2, 2);
  await expectReady(page, 'web', 3, 3);
  await expect(replicas(hostColumn(page, dbHost), /./)).toHaveCount(0);
  await expect(replicas(grid, replicaName('shop', 'db'))).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('host-failed.png') });

  // The host comes back, empty: Kubernetes does not move running replicas back either.
  await hostColumn(page, dbHost).getByRole('button', { name: `Recover host ${dbHost}` }).click();
  await expect(hostColumn(page, dbHost)).toContainText('Up');
  await expect(hostColumn(page, dbHost)).toContainText('no replicas');
});

test('a bad application file is refused with the field and line, and nothing is deployed', async ({ appPage: page }) => {
  await openApplications(page);
  await applicationsView(page).getByRole('button', { name: 'Deploy application…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Deploy application' });
  await dialog.getByLabel('Application file', { exact: true }).fill(shop.replace('replicas: 2', 'replicas: two'));
  await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'services.' })).toHaveText('services.api.replicas: must be a number of replicas (line 12)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(applicationsView(page)).toContainText('No application is deployed');
});
