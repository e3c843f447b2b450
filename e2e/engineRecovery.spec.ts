// When the engine worker crashes, the app says so, powers machines off and keeps working.
import { test, expect } from './fixtures/webApp.ts';
import { createRunningMachine, expectMachineState, statusBar, toolbarButton } from './support/virtlabUi.ts';

test('recovers from an engine crash', async ({ appPage: page, webApp }) => {
  await createRunningMachine(page, { name: 'db-01', osType: 'Ubuntu (64-bit)' });

  await webApp.crashEngine();

  const notice = page.getByRole('alert').filter({ hasText: 'Engine restarted' });
  await expect(notice).toBeVisible();
  await expectMachineState(page, 'db-01', 'Powered Off');
  await expect(statusBar(page)).toContainText(/(?<!\d)0 running/);

  await toolbarButton(page, 'Start').click();
  await expectMachineState(page, 'db-01', 'Running');
  await expect(statusBar(page)).toContainText(/(?<!\d)1 running/);
});
