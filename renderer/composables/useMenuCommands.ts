// Carries out the desktop menu's commands with the same store actions and dialogs as the toolbar and File menu.
import { onBeforeUnmount } from 'vue';
import type { MenuCommand } from '../../shared/api/desktop.ts';
import { desktopShell } from '../api/desktopShell.ts';
import { useApplianceDialogsStore } from '../stores/applianceDialogsStore.ts';
import { useConnectionStore } from '../stores/connectionStore.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useNotificationsStore } from '../stores/notificationsStore.ts';
import { useViewStore } from '../stores/viewStore.ts';

/** What App.vue owns itself (its dialogs); everything else is done here. */
export interface AppCommandHandlers {
  newMachine(): void;
  delete(): void;
  clone(): void;
  settings(): void;
  migrate(): void;
}

export function handleMenuCommand(command: MenuCommand, app: AppCommandHandlers): void {
  const connection = useConnectionStore();
  const machines = useMachinesStore();
  const dialogs = useApplianceDialogsStore();
  const view = useViewStore();
  // As on the toolbar: nothing that needs the backend runs without it, and machine actions need a machine they fit.
  if (!connection.isOpen && !command.id.startsWith('show')) return;
  const selected = machines.selected;
  switch (command.id) {
    case 'newMachine':
      return app.newMachine();
    case 'importAppliance': {
      const file = command.file ? new File([command.file.bytes as Uint8Array<ArrayBuffer>], command.file.name) : null;
      if (!dialogs.openImport(file)) useNotificationsStore().show(`An import is running; ${command.file?.name ?? 'the file'} was not opened. Try again when it is done.`, 'error');
      return;
    }
    case 'exportAppliance':
      if (machines.total > 0) dialogs.openExport();
      return;
    case 'library':
      return dialogs.openLibrary();
    case 'start':
    case 'pause':
    case 'resume':
    case 'stop':
      if (selected && machines.can(command.id)) void machines.runAction(command.id, selected.id);
      return;
    case 'delete':
      return app.delete();
    case 'clone':
      return app.clone();
    case 'settings':
      return app.settings();
    case 'migrate':
      return app.migrate();
    case 'takeSnapshot':
    case 'showSnapshots':
      if (!selected) return;
      view.show('machines');
      view.requestSnapshots(command.id === 'takeSnapshot');
      return;
    case 'showMachines':
      return view.show('machines');
    case 'showHosts':
      return view.show('hosts');
    case 'showCluster':
      return view.show('cluster');
    case 'showActivity':
      return view.show('activity');
    case 'showApplications':
      return view.show('applications');
  }
}

/** Subscribes for the lifetime of the calling component; does nothing outside Electron. */
export function useMenuCommands(app: AppCommandHandlers): void {
  const shell = desktopShell();
  if (!shell) return;
  const off = shell.onMenuCommand((command) => handleMenuCommand(command, app));
  onBeforeUnmount(off);
}
