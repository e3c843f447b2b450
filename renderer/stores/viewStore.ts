// Which main view the window shows (machines, hosts, cluster, activity, applications, sprawl), and a pending request to show a machine's snapshots.
import { ref } from 'vue';
import { defineStore } from 'pinia';

export type MainView = 'machines' | 'hosts' | 'cluster' | 'activity' | 'applications' | 'sprawl';
export const mainViews: readonly MainView[] = ['machines', 'hosts', 'cluster', 'activity', 'applications', 'sprawl'];

/** Set by the Snapshot menu; the details pane switches to Snapshots and the panel takes it (opening Take when asked). */
export interface SnapshotsRequest {
  readonly take: boolean;
}

export const useViewStore = defineStore('view', () => {
  const current = ref<MainView>('machines');
  const snapshotsRequest = ref<SnapshotsRequest | null>(null);

  function show(view: MainView): void {
    current.value = view;
  }

  function requestSnapshots(take: boolean): void {
    snapshotsRequest.value = { take };
  }

  /** The Snapshots panel calls this once it shows; returns whether to open Take Snapshot. */
  function takeSnapshotsRequest(): SnapshotsRequest | null {
    const request = snapshotsRequest.value;
    snapshotsRequest.value = null;
    return request;
  }

  return { current, snapshotsRequest, show, requestSnapshots, takeSnapshotsRequest };
});
