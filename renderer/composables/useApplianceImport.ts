// The Import wizard's session: upload in chunks, check (preview), edit the choices, then commit all or nothing, or cancel.
import { computed, ref } from 'vue';
import { maxManifestBytes } from '../../shared/domain/appliance.ts';
import type { ImportPreview } from '../../shared/domain/appliance.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { AppError } from '../../shared/errors.ts';
import { useApi } from '../api/apiInstance.ts';
import { useMachinesStore } from '../stores/machinesStore.ts';
import { useCatalogStore } from '../stores/catalogStore.ts';
import { describeError, useNotificationsStore } from '../stores/notificationsStore.ts';
import { formatCount } from '../format/units.ts';
import { useOperationProgress } from './useOperationProgress.ts';
import { applianceFileProblem, UploadCancelled, uploadAppliance } from './uploadAppliance.ts';
import type { UploadHandle } from './uploadAppliance.ts';
import { choiceFromSystem, locateImportError, validateChoices } from './importChoiceForm.ts';
import type { ImportChoiceField, ImportChoiceValues, ImportFieldErrors } from './importChoiceForm.ts';

export type ImportPhase = 'choose' | 'uploading' | 'checking' | 'preview' | 'importing';

export function useApplianceImport() {
  const machines = useMachinesStore();
  const catalog = useCatalogStore();
  const progress = useOperationProgress();
  const phase = ref<ImportPhase>('choose');
  const fileName = ref('');
  /** The .mf sent along with an .ovf, when one was chosen or dropped with it. */
  const manifestName = ref<string | null>(null);
  const totalBytes = ref(0);
  const sentBytes = ref(0);
  const preview = ref<ImportPreview | null>(null);
  const values = ref<ImportChoiceValues[]>([]);
  const serverErrors = ref<ImportFieldErrors[]>([]);
  /** Shown above the form: why the file was refused. */
  const alert = ref<string | null>(null);
  /** Why the last commit was refused, shown next to Import; `index` is the system it names (null: none). */
  const refusal = ref<{ message: string; index: number | null } | null>(null);
  let upload: UploadHandle | null = null;

  const busy = computed(() => phase.value === 'uploading' || phase.value === 'checking' || phase.value === 'importing');
  const uploadPercent = computed(() => (totalBytes.value > 0 ? Math.round((sentBytes.value / totalBytes.value) * 100) : 0));
  const validation = computed(() => validateChoices(values.value, preview.value?.systems ?? [], new Set(machines.items.map((m) => machineNameKey(m.name)))));
  const errors = computed(() => values.value.map((_, i) => ({ ...serverErrors.value[i], ...validation.value.errors[i] })));
  const includedCount = computed(() => values.value.filter((v) => v.include).length);
  // Only a system still ticked can block the import: unticking the refused one is a way out.
  const blockedByServer = computed(
    () =>
      serverErrors.value.some((e, i) => values.value[i]?.include === true && Object.keys(e).length > 0) ||
      (refusal.value?.index != null && values.value[refusal.value.index]?.include === true),
  );
  const canCommit = computed(() => phase.value === 'preview' && validation.value.choices !== null && !blockedByServer.value);

  function reset(): void {
    phase.value = 'choose';
    preview.value = null;
    values.value = [];
    serverErrors.value = [];
    refusal.value = null;
    sentBytes.value = 0;
    totalBytes.value = 0;
    upload = null;
  }

  /** Uploads and checks `file` (with its .mf, when given); ends in `preview`, or back in `choose` with the reason in `alert`. */
  async function start(file: File, manifestFile: File | null = null): Promise<void> {
    if (busy.value) return;
    reset();
    fileName.value = file.name;
    manifestName.value = manifestFile?.name ?? null;
    alert.value = applianceFileProblem(file) ?? (manifestFile && manifestFile.size > maxManifestBytes ? `The manifest "${manifestFile.name}" is larger than ${maxManifestBytes / 1024} KiB` : null);
    if (alert.value) return;
    const manifest = manifestFile ? { fileName: manifestFile.name, text: await manifestFile.text() } : undefined;
    phase.value = 'uploading';
    totalBytes.value = file.size;
    const handle: UploadHandle = { uploadId: null, cancelled: false };
    upload = handle;
    let uploadId: string;
    try {
      uploadId = await uploadAppliance(file, handle, (sent) => (sentBytes.value = sent), manifest);
    } catch (error) {
      if (!(error instanceof UploadCancelled)) {
        alert.value = describeError(error);
        if (handle.uploadId) void useApi().cancelImport({ uploadId: handle.uploadId }).catch(() => undefined);
      }
      reset();
      return;
    }
    phase.value = 'checking';
    const operationId = progress.begin();
    try {
      const checked = await useApi().readImport({ uploadId, operationId });
      preview.value = checked;
      values.value = checked.systems.map(choiceFromSystem);
      serverErrors.value = checked.systems.map(() => ({}));
      phase.value = 'preview';
    } catch (error) {
      alert.value = describeError(error);
      void useApi().cancelImport({ uploadId }).catch(() => undefined);
      reset();
    } finally {
      progress.stop();
    }
  }

  function edit(index: number, field: ImportChoiceField | 'include', value: unknown): void {
    const target = values.value[index];
    if (!target || phase.value !== 'preview') return;
    if (field === 'include') target.include = value === true;
    else if (field === 'diskAllocation') target.diskAllocation = value === 'fixed' ? 'fixed' : 'dynamic';
    else if (field === 'macPolicy') target.macPolicy = value === 'keep' ? 'keep' : 'new';
    else target[field] = value === null || value === undefined ? '' : String(value);
    // A new host means choosing among its platforms, starting from its default one.
    if (field === 'hostId') {
      target.platformId = catalog.defaultPlatformFor(target.hostId)?.id ?? '';
      delete serverErrors.value[index]?.platformId;
    }
    if (field === 'include') serverErrors.value[index] = {};
    else delete serverErrors.value[index]?.[field];
    // A change to the refused system (or anything, when the refusal named none) is worth another try.
    if (refusal.value && (refusal.value.index === null || refusal.value.index === index)) refusal.value = null;
    alert.value = null;
  }

  /** Imports the included systems; resolves true when the machines exist (listed and the first selected). */
  async function commit(): Promise<boolean> {
    const choices = validation.value.choices;
    const uploadId = preview.value?.uploadId;
    if (!canCommit.value || !choices || !uploadId) return false;
    phase.value = 'importing';
    alert.value = null;
    refusal.value = null;
    const operationId = progress.begin();
    try {
      const result = await useApi().commitImport({ uploadId, systems: choices, operationId });
      for (const machine of result.machines) machines.applyUpsert(machine);
      const first = result.machines[0];
      if (first) machines.select(first.id);
      void catalog.refreshHosts();
      const names = result.machines.map((m) => `"${m.name}"`).join(', ');
      useNotificationsStore().show(`Imported ${formatCount(result.machines.length, 'machine')}: ${names}`);
      reset();
      return true;
    } catch (error) {
      phase.value = 'preview';
      const message = describeError(error);
      const place = locateImportError(error instanceof AppError ? error.field : undefined, values.value);
      const errorsOfSystem = place ? serverErrors.value[place.index] : undefined;
      if (place?.field && errorsOfSystem) errorsOfSystem[place.field] = message;
      refusal.value = { message, index: place?.index ?? null };
      return false;
    } finally {
      progress.stop();
    }
  }

  /** Stops an upload between chunks, or drops a checked upload; the backend keeps nothing. */
  function cancel(): void {
    if (phase.value === 'uploading' && upload) {
      upload.cancelled = true;
      return;
    }
    const uploadId = preview.value?.uploadId;
    if (phase.value === 'preview' && uploadId) void useApi().cancelImport({ uploadId }).catch(() => undefined);
    if (phase.value === 'preview' || phase.value === 'choose') {
      reset();
      alert.value = null;
    }
  }

  return {
    phase,
    fileName,
    manifestName,
    totalBytes,
    sentBytes,
    uploadPercent,
    preview,
    values,
    errors,
    includedCount,
    canCommit,
    alert,
    refusal,
    busy,
    progress,
    start,
    edit,
    commit,
    cancel,
  };
}
