// Building the world: hosts, platforms where the nesting rules allow, guests after the fit check, and deleting guests.
import { AppError } from '../../shared/errors.ts';
import { machineNameKey } from '../../shared/domain/machine.ts';
import { kindModule } from '../kinds/registry.ts';
import { platformPhrase } from '../kinds/kindText.ts';
import { resolveHost } from './catalogue.ts';
import { fitCheck } from './fitCheck.ts';
import { F_HOSTING, S_OFF, S_RUNNING, S_STOPPING } from './guestArrays.ts';
import { resolveGuest } from './guestDefaults.ts';
import { configureSlot } from './guestSetup.ts';
import { placePlatform } from './nesting.ts';
import type { GuestInput, HostInput, HostModel, PlatformInput, ResolvedGuest } from './types.ts';
import { createPool } from './worldOrder.ts';
import type { GuestRec, PlatformRec, PoolRec } from './worldModel.ts';
import type { WorldState } from './worldState.ts';

export function addHost(w: WorldState, input: HostInput): HostModel {
  const model = resolveHost(input);
  if (w.hostById.has(model.id)) throw new AppError('CONFLICT', `A host with id "${model.id}" already exists`, 'id');
  const index = w.hosts.length;
  const pool = newPool(w, index, undefined, model);
  w.hosts.push({ model, id: model.id, index, pool: pool.index, devicesFree: Math.min(model.nics, model.diskControllers), nextIp: 2, ports: new Map(), committedDiskGiB: 0, power: 'on' });
  w.hostById.set(model.id, w.hosts[index]!);
  w.hostBusyS = grow(w.hostBusyS, w.hosts.length);
  w.hostMemS = grow(w.hostMemS, w.hosts.length);
  return model;
}

/** Installs a platform where its nesting rules allow; a refusal is logged for the host and thrown. */
export function addPlatform(w: WorldState, input: PlatformInput): PlatformRec {
  try {
    return installPlatform(w, input);
  } catch (error) {
    if (error instanceof AppError) {
      const hostId = hostIdFor(w, input);
      const phrase = platformPhrase(kindModule(input.kind).description, input.name);
      w.events.add(w.nowMs, hostId, { id: input.id ?? input.name, label: input.name, guestId: undefined }, 'refusal', `Cannot install ${phrase}: ${error.message}`);
    }
    throw error;
  }
}

function hostIdFor(w: WorldState, input: PlatformInput): string {
  const on = input.on;
  if ('host' in on) return on.host;
  if ('guest' in on) {
    const guest = w.guestById.get(on.guest);
    return guest ? w.hostOf(guest).id : '';
  }
  const parent = w.platformById.get(on.platform);
  return parent ? w.hosts[parent.host]!.id : '';
}

function installPlatform(w: WorldState, input: PlatformInput): PlatformRec {
  const id = input.id ?? input.name;
  if (w.platformById.has(id)) throw new AppError('CONFLICT', `A platform with id "${id}" already exists`, 'id');
  const module = kindModule(input.kind);
  const place = placePlatform(w, input);
  const host = w.hosts[place.host]!;
  let pool = place.pool >= 0 ? w.pools[place.pool]! : undefined;
  const control = module.controlPartition?.(input) ?? { cores: 0, memoryMiB: 0 };
  if (control.cores >= host.model.cores) {
    throw new AppError('INSUFFICIENT_RESOURCES', `The control partition (${control.cores} cores) would leave no core of "${host.model.name}" for partitions`, 'controlPartition.cores');
  }
  if (!pool) {
    const partition = w.guestById.get(place.partitionId!)!;
    pool = newPool(w, place.host, partition);
    partition.hostsPool = pool.index;
    w.g.flags[partition.slot] = w.g.flags[partition.slot]! | F_HOSTING;
  }
  const index = w.platforms.length;
  if (module.ownsMachine) {
    pool.owner = index;
    pool.dedicated = module.dedicatedResources;
    pool.useReservations = module.reservations;
    pool.controlCores = control.cores;
  }
  pool.platformCores += module.platformCores;
  pool.platformMiB += module.platformMemoryMiB(input) + control.memoryMiB;
  const rec: PlatformRec = {
    id,
    name: input.name,
    input,
    kind: input.kind,
    module,
    index,
    host: place.host,
    pool: pool.index,
    parentPlatform: place.parentPlatform,
    parentGuest: place.partitionId === undefined ? undefined : w.guestById.get(place.partitionId),
    hostProcesses: undefined,
    hwAssist: place.hwAssist,
    controlCores: control.cores,
    controlMiB: control.memoryMiB,
  };
  w.platforms.push(rec);
  w.platformById.set(id, rec);
  const processes = module.hostProcesses?.(input);
  if (processes) addHostProcesses(w, rec, processes);
  w.logPlatform(rec, 'config', `${platformPhrase(module.description, rec.name)} installed on ${place.where}`);
  return rec;
}

/** A host OS's own processes: a hidden guest that competes for CPU and memory like any process. */
function addHostProcesses(w: WorldState, platform: PlatformRec, processes: { cores: number; memoryMiB: number }): void {
  const host = w.hosts[platform.host]!;
  const spec = resolveGuest({ name: '', platform: platform.id, vcpus: processes.cores, memoryMiB: processes.memoryMiB, io: 'native' }, platform, host.model, 0);
  const rec = createGuest(w, `${platform.id}#host-processes`, `${platform.name} (host processes)`, { ...spec, io: 'native' }, platform, true, `workload:${platform.id}#host-processes`);
  platform.hostProcesses = rec;
  const pool = w.pools[platform.pool]!;
  pool.hostOsCores += processes.cores;
  pool.hostOsMiB += processes.memoryMiB;
  // Host processes run whenever the machine under them runs.
  if (!pool.partition || w.g.state[pool.partition.slot] === S_RUNNING) w.g.state[rec.slot] = S_RUNNING;
}

/**
 * Creates a guest after the fit check; a refusal is logged and thrown as the first refused reason.
 * `restoring` re-creates a guest accepted before: capacity refusals are ignored so it never vanishes.
 */
export function addGuest(w: WorldState, input: GuestInput, options: { restoring?: boolean } = {}): GuestRec {
  const id = input.id ?? input.name;
  if (w.guestById.has(id)) throw new AppError('CONFLICT', `A guest with id "${id}" already exists`, 'id');
  const verdict = fitCheck(w, input);
  const refusal = verdict.reasons.find((r) => r.severity === 'refused' && !(options.restoring && r.code === 'INSUFFICIENT_RESOURCES'));
  if (refusal) {
    const platform = w.platformById.get(input.platform);
    const hostId = platform ? w.hosts[platform.host]!.id : '';
    w.events.add(w.nowMs, hostId, { id, label: input.name, guestId: id }, 'refusal', `Cannot create "${input.name}": ${refusal.message}`);
    throw new AppError(refusal.code, refusal.message, refusal.field);
  }
  const platform = w.platformById.get(input.platform)!;
  const host = w.hosts[platform.host]!;
  const spec = resolveGuest(input, platform, host.model, host.devicesFree);
  const rec = createGuest(w, id, input.name.trim(), spec, platform, false, `workload:${input.seedKey ?? id}`, input.createdAtMs);
  const warnings = verdict.reasons.map((r) => r.message).join('; ');
  w.logGuest(rec, 'config', `Created on ${platformPhrase(platform.module.description, platform.name)}${warnings ? ` (${warnings})` : ''}`);
  return rec;
}

function createGuest(w: WorldState, id: string, name: string, spec: ResolvedGuest, platform: PlatformRec, hidden: boolean, seedKey: string, createdAtMs = w.nowMs): GuestRec {
  const slot = w.slotCount;
  if (slot >= w.g.capacity) {
    w.g.grow(slot + 1);
    w.seconds.grow(w.g.capacity);
  }
  const host = w.hosts[platform.host]!;
  const rec: GuestRec = {
    id,
    name,
    spec,
    seedKey,
    slot,
    platform: platform.index,
    pool: platform.pool,
    host: platform.host,
    hidden,
    // A container gets an address on its host's bridge network.
    ip: platform.module.bridgeAddress && !hidden ? `10.88.${host.index}.${host.nextIp++}` : undefined,
    device: spec.io === 'passthrough',
    startMs: 0,
    stopMs: 0,
    lastStartCmdMs: -1,
    lastStartTookMs: -1,
    stateSinceMs: w.nowMs,
    hostsPool: -1,
    createdAtMs,
    deleted: false,
    aborted: false,
    saved: undefined,
    stopEnding: undefined,
    restoringMiB: 0,
  };
  w.slotCount += 1;
  w.guests[slot] = rec;
  w.guestById.set(id, rec);
  if (!hidden) w.guestByNameKey.set(machineNameKey(name), rec);
  joinPool(w, rec);
  configureSlot(w, rec);
  w.layoutDirty = true;
  return rec;
}

/** Counts the guest in its pool and host (members, committed resources, disk, device, ports). */
export function joinPool(w: WorldState, rec: GuestRec): void {
  const pool = w.pools[rec.pool]!;
  const host = w.hosts[rec.host]!;
  pool.members.add(rec);
  if (rec.hidden) return;
  pool.committedVcpus += rec.spec.vcpus;
  pool.committedMiB += rec.spec.memoryMiB;
  host.committedDiskGiB += rec.spec.diskGiB;
  if (rec.device) host.devicesFree -= 1;
  for (const port of rec.spec.ports) host.ports.set(port, rec.id);
}

/** Undoes joinPool. */
export function leavePool(w: WorldState, rec: GuestRec): void {
  const pool = w.pools[rec.pool]!;
  const host = w.hosts[rec.host]!;
  pool.members.delete(rec);
  if (rec.hidden) return;
  pool.committedVcpus -= rec.spec.vcpus;
  pool.committedMiB -= rec.spec.memoryMiB;
  host.committedDiskGiB -= rec.spec.diskGiB;
  if (rec.device) host.devicesFree += 1;
  for (const [port, owner] of host.ports) if (owner === rec.id) host.ports.delete(port);
}

/**
 * Deletes a powered-off guest: it stops counting anywhere (pools, fit checks, metrics), its device and ports are
 * freed and its slot disappears at the next layout. Refused while it is not Powered Off or while a platform runs inside it.
 */
export function deleteGuest(w: WorldState, rec: GuestRec): void {
  const state = w.g.state[rec.slot]!;
  if (state !== S_OFF) {
    const message = state === S_STOPPING ? `Wait for "${rec.name}" to finish stopping before deleting it` : `Stop "${rec.name}" before deleting it`;
    w.logGuest(rec, 'refusal', message);
    throw new AppError('INVALID_STATE', message, 'state');
  }
  if (rec.hostsPool >= 0) {
    const inside = w.platforms.filter((p) => p.pool === rec.hostsPool).map((p) => `"${p.name}"`).join(', ');
    throw new AppError('INVALID_STATE', `Partition "${rec.name}" runs platform ${inside}; it cannot be deleted while a platform is installed in it`, 'state');
  }
  leavePool(w, rec);
  if (w.g.balloonFloor[rec.slot]! > 0) w.balloonFloors -= 1;
  w.logGuest(rec, 'config', 'Deleted');
  w.guestById.delete(rec.id);
  w.guestByNameKey.delete(machineNameKey(rec.name));
  rec.deleted = true;
  w.g.clearSlot(rec.slot);
  w.g.pool[rec.slot] = -1;
  w.seconds.clearSlot(rec.slot);
  w.guests[rec.slot] = undefined;
  w.layoutDirty = true;
}

function newPool(w: WorldState, host: number, partition: GuestRec | undefined, model = w.hosts[host]!.model): PoolRec {
  const pool = createPool(w, w.pools.length, host, model, partition);
  w.pools.push(pool);
  w.layoutDirty = true;
  return pool;
}

function grow(array: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  if (array.length >= length) return array;
  const bigger = new Float64Array(length);
  bigger.set(array);
  return bigger;
}
