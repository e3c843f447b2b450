// The views, the details pane and the dialogs, each loaded as its own chunk: the first screen evaluates only the code
// it shows (chart.js, the wizards and the other views are most of the bundle).
import { defineAsyncComponent } from 'vue';

export const MachineDetails = defineAsyncComponent(() => import('./components/MachineDetails.vue'));
export const NewMachineWizard = defineAsyncComponent(() => import('./components/NewMachineWizard.vue'));
export const RemoveMachineDialog = defineAsyncComponent(() => import('./components/RemoveMachineDialog.vue'));
export const ShutdownIgnoredDialog = defineAsyncComponent(() => import('./components/ShutdownIgnoredDialog.vue'));
export const NetworkManagerDialog = defineAsyncComponent(() => import('./components/NetworkManagerDialog.vue'));
export const MediaManagerDialog = defineAsyncComponent(() => import('./components/MediaManagerDialog.vue'));
export const InstallPlatformDialog = defineAsyncComponent(() => import('./components/InstallPlatformDialog.vue'));
export const HostsView = defineAsyncComponent(() => import('./components/HostsView.vue'));
export const ActivityTableView = defineAsyncComponent(() => import('./components/ActivityTableView.vue'));
export const ApplicationsView = defineAsyncComponent(() => import('./components/applications/ApplicationsView.vue'));
export const CloneMachineWizard = defineAsyncComponent(() => import('./components/CloneMachineWizard.vue'));
export const MachineSettingsDialog = defineAsyncComponent(() => import('./components/MachineSettingsDialog.vue'));
export const ExportApplianceWizard = defineAsyncComponent(() => import('./components/ExportApplianceWizard.vue'));
export const ImportApplianceWizard = defineAsyncComponent(() => import('./components/ImportApplianceWizard.vue'));
export const LibraryDialog = defineAsyncComponent(() => import('./components/LibraryDialog.vue'));
export const ClusterView = defineAsyncComponent(() => import('./components/ClusterView.vue'));
export const MigrateWizard = defineAsyncComponent(() => import('./components/MigrateWizard.vue'));
export const SprawlView = defineAsyncComponent(() => import('./components/sprawl/SprawlView.vue'));
export const SelectionSummary = defineAsyncComponent(() => import('./components/bulk/SelectionSummary.vue'));
export const BulkProgressDialog = defineAsyncComponent(() => import('./components/bulk/BulkProgressDialog.vue'));
export const MoveToGroupDialog = defineAsyncComponent(() => import('./components/bulk/MoveToGroupDialog.vue'));
export const TagsDialog = defineAsyncComponent(() => import('./components/bulk/TagsDialog.vue'));
export const BulkSnapshotDialog = defineAsyncComponent(() => import('./components/bulk/BulkSnapshotDialog.vue'));
export const BulkConfirmDialog = defineAsyncComponent(() => import('./components/bulk/BulkConfirmDialog.vue'));
