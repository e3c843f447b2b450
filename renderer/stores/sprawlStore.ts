// The sprawl ledger as the Sprawl view shows it: thresholds in the units people think in, the report, and cleanups.
import { computed, reactive, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { OrphanedMedium, SprawlFinding, SprawlReport } from '../../shared/domain/sprawl.ts';
import { formatSpace } from '../../shared/format/quantities.ts';
import { sprawlDefaults } from '../../shared/domain/sprawl.ts';
import { useApi } from '../api/apiInstance.ts';
import { describeError, useNotificationsStore } from './notificationsStore.ts';
import type { NoticeItem } from './notificationsStore.ts';
import { useBulkStore } from './bulkStore.ts';
import { useBulkDialogsStore } from './bulkDialogsStore.ts';

export type DurationUnit = 'minutes' | 'hours' | 'days';
export const unitDays: Readonly<Record<DurationUnit, number>> = { minutes: 1 / 1440, hours: 1 / 24, days: 1 };

export interface Threshold {
  amount: number;
  unit: DurationUnit;
}

/** Days for the API, or null when the amount is not a usable number. */
export function toDays(threshold: Threshold): number | null {
  if (!Number.isFinite(threshold.amount) || threshold.amount < 0) return null;
  const days = threshold.amount * unitDays[threshold.unit];
  return days <= 3650 ? days : null;
}

export const useSprawlStore = defineStore('sprawl', () => {
  const idle = reactive<Threshold>({ amount: sprawlDefaults.idleDays, unit: 'days' });
  const unused = reactive<Threshold>({ amount: sprawlDefaults.unusedDays, unit: 'days' });
  const expiringDays = ref<number>(sprawlDefaults.expiringDays);
  const report = shallowRef<SprawlReport | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  const thresholdError = computed(() => {
    if (toDays(idle) === null) return 'The idle time must be a number from 0 to 3650 days';
    if (toDays(unused) === null) return 'The unused time must be a number from 0 to 3650 days';
    if (!Number.isFinite(expiringDays.value) || expiringDays.value < 0 || expiringDays.value > 3650) return 'Expiring within must be 0 to 3650 days';
    return null;
  });

  async function load(): Promise<void> {
    if (thresholdError.value) return;
    const mine = ++generation;
    loading.value = true;
    try {
      const next = await useApi().getSprawlReport({ idleDays: toDays(idle)!, unusedDays: toDays(unused)!, expiringDays: expiringDays.value });
      if (mine !== generation) return;
      report.value = next;
      error.value = null;
    } catch (failure) {
      if (mine === generation) error.value = describeError(failure);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Carries out the suggested shutdowns of these findings, then asks before deleting the others (deleting cannot be undone). */
  async function cleanUp(findings: readonly SprawlFinding[]): Promise<void> {
    const stops = findings.filter((f) => f.action === 'stop').map((f) => f.machineId);
    const deletes = findings.filter((f) => f.action === 'delete').map((f) => f.machineId);
    if (stops.length > 0) await useBulkStore().run('stop', stops);
    if (deletes.length > 0) useBulkDialogsStore().show({ kind: 'confirm', action: 'delete', ids: deletes });
    await load();
  }

  /** Moves the expiry date of these machines to `days` from today. */
  async function extend(findings: readonly SprawlFinding[], days = 30): Promise<void> {
    const until = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    await useBulkStore().label(
      findings.map((f) => f.machineId),
      { expiresOn: until },
      `Expiry extended to ${until}`,
    );
    await load();
  }

  const removing = ref(false);
  /** What the last removal of orphaned media did, for the card to say. */
  const lastRemoval = ref<string | null>(null);

  /** Removes orphaned media one by one (each on its own: one refusal stops none of the others); the result goes to the notification center. */
  async function removeOrphans(orphans: readonly OrphanedMedium[]): Promise<void> {
    if (removing.value || orphans.length === 0) return;
    removing.value = true;
    const items: NoticeItem[] = [];
    let freed = 0;
    try {
      for (const orphan of orphans) {
        try {
          const result = await useApi().removeMedium({ mediumId: orphan.mediumId });
          freed += result.freedMiB;
          items.push({ name: orphan.name, ok: true, detail: result.freedMiB > 0 ? `${formatSpace(result.freedMiB)} freed` : 'removed' });
        } catch (failure) {
          items.push({ name: orphan.name, ok: false, detail: describeError(failure) });
        }
      }
    } finally {
      removing.value = false;
    }
    const failed = items.filter((item) => !item.ok).length;
    const removed = items.length - failed;
    const title = `Removed ${removed} of ${items.length} orphaned media${freed > 0 ? `; ${formatSpace(freed)} freed` : ''}${failed > 0 ? `; ${failed} refused` : ''}`;
    useNotificationsStore().record({ title, tone: failed === 0 ? 'success' : removed === 0 ? 'error' : 'warning', items });
    lastRemoval.value = title;
    await load();
  }
  return { idle, unused, expiringDays, report, loading, error, thresholdError, removing, lastRemoval, load, cleanUp, extend, removeOrphans };
});
