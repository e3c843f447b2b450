// Changing the labels (group, owner, purpose, tags, expiry) of many machines at once: checked for all first, then applied.
import { applyLabelPatch } from '../shared/domain/machineLabels.ts';
import type { LabelledFields, ParsedLabelPatch } from '../shared/domain/machineLabels.ts';
import type { MachineConfigStore } from './machineConfigStore.ts';

/** All or nothing: every machine's new labels are computed (a refusal throws) before any is stored. */
export function labelMachines(configs: MachineConfigStore, ids: readonly string[], patch: ParsedLabelPatch): void {
  const next = new Map<string, LabelledFields>();
  for (const id of ids) next.set(id, applyLabelPatch(configs.require(id).labels, patch));
  for (const [id, labels] of next) configs.require(id).labels = labels;
}
