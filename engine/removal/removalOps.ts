// Removing a machine three ways (forget it and keep its files, delete its files, delete its linked clones too), priced by a dry run.
import { AppError } from '../../shared/errors.ts';
import { isPoweredDown, machineStateLabels } from '../../shared/domain/machineState.ts';
import type { RemovalChoice, RemovalMode, RemovalPlan } from '../../shared/domain/removal.ts';
import { hostProcessRemoval } from '../containers/hostProcessRules.ts';
import type { OpsContext } from '../opsContext.ts';
import type { DiskStore } from '../storage/diskStore.ts';
import { formatGiB } from '../storage/diskStore.ts';

/** Machines reading an image `machineId` owns (its linked clones, and clones of those), in creation order. */
export function dependentsOf(ctx: OpsContext, machineId: string): string[] {
  const owned = new Set([...ctx.configs.disks.images.values()].filter((image) => image.ownerMachineId === machineId).map((image) => image.id));
  return ctx.machineIds().filter((other) => other !== machineId && ctx.configs.configs.has(other) && [...ctx.configs.imagesOf(other)].some((image) => owned.has(image)));
}

/** What a machine's files become: removeOnly keeps its images (named after it), the other modes free what nothing else reads. */
function release(disks: DiskStore, machineId: string, name: string, keepFiles: boolean): void {
  if (!keepFiles) {
    disks.releaseMachine(machineId);
    return;
  }
  for (const [key, state] of [...disks.memoryStates]) if (state.machineId === machineId) disks.memoryStates.delete(key);
  for (const image of disks.images.values()) {
    if (image.ownerMachineId !== machineId) continue;
    image.ownerMachineId = undefined;
    image.formerOwnerName = name;
  }
}

/** The machines a mode removes, clones first (newest first) so the base goes last. */
export function removalSet(ctx: OpsContext, machineId: string, mode: RemovalMode): string[] {
  return mode === 'deleteWithClones' ? [...dependentsOf(ctx, machineId).reverse(), machineId] : [machineId];
}

/** Applies a mode to `disks` (the real store, or a copy for a dry run). */
function applyTo(ctx: OpsContext, disks: DiskStore, machineId: string, mode: RemovalMode): void {
  for (const id of removalSet(ctx, machineId, mode)) release(disks, id, ctx.nameOf(id), mode === 'removeOnly');
}

/** MiB the pools would gain (as they show it, rounded per pool) and MiB of this machine's files that would stay. */
function price(ctx: OpsContext, machineId: string, mode: RemovalMode): { freedMiB: number; keptMiB: number } {
  const dry = ctx.configs.disks.copy();
  const before = dry.shownUsedMiB();
  const mine = new Set([...dry.images.values()].filter((image) => image.ownerMachineId === machineId).map((image) => image.id));
  applyTo(ctx, dry, machineId, mode);
  const kept = [...mine].reduce((sum, id) => sum + (dry.images.get(id)?.allocatedMiB ?? 0), 0);
  return { freedMiB: Math.max(0, before - dry.shownUsedMiB()), keptMiB: Math.round(kept) };
}

/** Why the machine itself cannot be removed now, if it cannot. */
function refusalOf(ctx: OpsContext, machineId: string): string | undefined {
  const view = ctx.guest(machineId);
  if (view.state === 'Stopping') return `Wait for "${view.name}" to finish stopping before deleting it`;
  if (!isPoweredDown(view.state)) return `Stop "${view.name}" before deleting it (it is ${machineStateLabels[view.state]})`;
  if (view.hostsPlatform) return `"${view.name}" has a platform installed in it; it cannot be removed while a platform runs in it`;
  return undefined;
}

const list = (ctx: OpsContext, ids: readonly string[]) => ids.map((id) => `"${ctx.nameOf(id)}"`).join(', ');

export function planRemoval(ctx: OpsContext, machineId: string): RemovalPlan {
  const name = ctx.nameOf(machineId);
  const dependents = dependentsOf(ctx, machineId);
  const ref = (id: string) => ({ machineId: id, name: ctx.nameOf(id), state: ctx.stateOf(id) });
  const memory = [...ctx.configs.disks.memoryStates.values()].filter((s) => s.machineId === machineId).reduce((sum, s) => sum + s.sizeMiB, 0);
  // A container or process VM has no disk files to keep: removing it deletes its writable layer (or working directory).
  const processRemoval = hostProcessRemoval(ctx.guest(machineId).kind, name);
  if (processRemoval !== undefined) {
    const plan: RemovalPlan = { machineId, name, dependents: [], choices: [{ mode: 'deleteAll', ...price(ctx, machineId, 'deleteAll'), alsoRemoves: [], summary: processRemoval }] };
    const refusal = refusalOf(ctx, machineId);
    if (refusal !== undefined) plan.refusal = refusal;
    return plan;
  }
  const choices: RemovalChoice[] = [];
  const removeOnly = price(ctx, machineId, 'removeOnly');
  choices.push({
    mode: 'removeOnly',
    ...removeOnly,
    alsoRemoves: [],
    summary:
      `"${name}" is forgotten; its disk files (${formatGiB(removeOnly.keptMiB)}) stay in the pool and show up as orphaned disks in the Media Manager` +
      (memory > 0 ? `; its saved memory (${formatGiB(memory)}) is deleted` : ''),
  });
  const deleteAll = price(ctx, machineId, 'deleteAll');
  choices.push({
    mode: 'deleteAll',
    ...deleteAll,
    alsoRemoves: [],
    summary:
      dependents.length === 0
        ? `"${name}", its disks, snapshots and saved memory are deleted`
        : `"${name}" and its own files are deleted; the shared base (${formatGiB(deleteAll.keptMiB)}) stays for its linked clone${dependents.length === 1 ? '' : 's'} ${list(ctx, dependents)}`,
  });
  if (dependents.length > 0) {
    const busy = dependents.find((id) => !isPoweredDown(ctx.stateOf(id)) || ctx.guest(id).hostsPlatform);
    const choice: RemovalChoice = {
      mode: 'deleteWithClones',
      ...price(ctx, machineId, 'deleteWithClones'),
      alsoRemoves: dependents.map(ref),
      summary: `"${name}" and its linked clone${dependents.length === 1 ? '' : 's'} ${list(ctx, dependents)} are deleted with all their files`,
    };
    if (busy !== undefined) choice.refusal = refusalOf(ctx, busy) ?? `"${ctx.nameOf(busy)}" cannot be removed now`;
    choices.push(choice);
  }
  const plan: RemovalPlan = { machineId, name, dependents: dependents.map(ref), choices };
  const refusal = refusalOf(ctx, machineId);
  if (refusal !== undefined) plan.refusal = refusal;
  return plan;
}

/**
 * Removes the machine (and, for deleteWithClones, its linked clones) from the configurations and pools; the caller
 * deletes the guests. Throws, changing nothing, when a machine concerned cannot be removed. Returns what was freed.
 */
export function commitRemoval(ctx: OpsContext, machineId: string, mode: RemovalMode): { freedMiB: number; removed: string[] } {
  const plan = planRemoval(ctx, machineId);
  const refuse = (code: 'INVALID_STATE' | 'VALIDATION', message: string, field: string): never => {
    ctx.log(machineId, 'refusal', message);
    throw new AppError(code, message, field);
  };
  if (plan.refusal !== undefined) refuse('INVALID_STATE', plan.refusal, 'state');
  const choice = plan.choices.find((c) => c.mode === mode);
  if (!choice) {
    // Said without the API's mode names: the CLI's flags and the dialog's choices both show this text.
    const only = plan.choices.length === 1 ? `"${plan.name}" keeps no files that could stay behind; it can only be deleted with all its files` : `"${plan.name}" has no linked clones to delete with it; remove it alone, keeping or deleting its files`;
    return refuse('VALIDATION', only, 'mode');
  }
  if (choice.refusal !== undefined) refuse('INVALID_STATE', choice.refusal, 'mode');
  const removed = removalSet(ctx, machineId, mode);
  const before = ctx.configs.disks.shownUsedMiB();
  applyTo(ctx, ctx.configs.disks, machineId, mode);
  for (const id of removed) {
    ctx.configs.releaseLeases(ctx.configs.require(id));
    ctx.configs.configs.delete(id);
  }
  return { freedMiB: Math.max(0, before - ctx.configs.disks.shownUsedMiB()), removed };
}
