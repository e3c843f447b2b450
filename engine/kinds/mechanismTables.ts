// Building blocks for the kinds' mechanism tables: native, hardware-assisted, binary-translating, paravirtual, hosted, emulated.
import type { ArchEvent } from '../mechanisms/archEvents.ts';
import {
  binaryTranslationCosts as bt,
  emulationCosts,
  hardwareAssistCosts as hw,
  hostedCosts,
  hypercallCostPerUpdateUs,
  ioPathCosts,
  nestedPagingCosts,
  paravirtCosts as pv,
  processVmCosts,
} from '../mechanisms/eventCosts.ts';
import { direct } from '../mechanisms/mechanisms.ts';
import type { EventHandling, MechanismId } from '../mechanisms/mechanisms.ts';
import type { IoPath } from '../sim/types.ts';
import type { MechanismTable } from './kindModule.ts';

type Table = Record<ArchEvent, EventHandling>;

const by = (mechanism: MechanismId, extra: number): EventHandling => ({ mechanism, extra });

/** Everything runs on the hardware as it would without virtualization. */
export function nativeTable(): Table {
  return {
    userInstructions: direct,
    kernelInstructions: direct,
    systemCalls: direct,
    interrupts: direct,
    pageFaults: direct,
    pageTableUpdates: direct,
    contextSwitches: direct,
    timerTicks: direct,
    deviceAccesses: direct,
    ioOperations: direct,
    tlbMisses: direct,
  };
}

/**
 * Trap-and-emulate with VT-x/AMD-V: guest code, kernel included, runs directly and system calls never exit. Without
 * nested paging the VMM keeps shadow page tables (page faults, page-table writes and CR3 switches exit); with it those
 * run natively and every TLB miss walks two levels of tables instead.
 */
export function hardwareAssistedTable(nestedPaging: boolean): Table {
  const table = nativeTable();
  table.interrupts = by('trapAndEmulate', hw.interruptUs);
  table.timerTicks = by('trapAndEmulate', hw.timerTickUs);
  if (nestedPaging) {
    table.tlbMisses = by('nestedPaging', nestedPagingCosts.tlbMissUs);
  } else {
    table.pageFaults = by('shadowPaging', hw.pageFaultUs);
    table.pageTableUpdates = by('shadowPaging', hw.pageTableUpdateUs);
    table.contextSwitches = by('shadowPaging', hw.contextSwitchUs);
  }
  return table;
}

/** A software VMM: user code runs directly, kernel code is translated; privileged events become callouts. */
export function binaryTranslationTable(): Table {
  const table = nativeTable();
  table.kernelInstructions = by('binaryTranslation', bt.kernelSlowdown);
  table.systemCalls = by('binaryTranslation', bt.systemCallUs);
  table.interrupts = by('binaryTranslation', bt.interruptUs);
  table.timerTicks = by('binaryTranslation', bt.interruptUs);
  table.pageFaults = by('shadowPaging', bt.pageFaultUs);
  table.pageTableUpdates = by('shadowPaging', bt.pageTableUpdateUs);
  table.contextSwitches = by('shadowPaging', bt.contextSwitchUs);
  return table;
}

/** The VMM of a hardware-assisted or translating guest, whichever applies. */
export function vmmTable(hwAssist: boolean, nestedPaging: boolean): Table {
  return hwAssist ? hardwareAssistedTable(nestedPaging) : binaryTranslationTable();
}

/**
 * Device I/O on a bare-metal VMM's path: an emulated device traps on every register access (an exit, or a callout
 * when translating); a paravirtual driver posts to a ring instead of touching registers; a passed-through device is
 * the guest's own; a partition without a device sends each operation to the control partition.
 */
export function withIoPath(table: Table, io: IoPath, hwAssist: boolean): Table {
  switch (io) {
    case 'native':
      return table;
    case 'emulated':
      table.deviceAccesses = by('emulatedDevice', hwAssist ? hw.deviceAccessUs : bt.deviceAccessUs);
      table.ioOperations = by('emulatedDevice', ioPathCosts.emulatedOperationUs);
      return table;
    case 'paravirtual':
      table.deviceAccesses = by('paravirtualRing', 0);
      table.ioOperations = by('paravirtualRing', ioPathCosts.paravirtualOperationUs);
      return table;
    case 'passthrough':
      table.ioOperations = by('passthrough', ioPathCosts.passthroughOperationUs);
      return table;
    case 'controlPartition':
      table.deviceAccesses = by('controlPartition', 0);
      table.ioOperations = by('controlPartition', ioPathCosts.controlPartitionOperationUs);
      return table;
  }
}

/**
 * A VMM that is an application of a host OS: interrupts arrive at the host first, each I/O operation is done by the
 * host on the VMM's behalf (a world switch out and one back; a paravirtual driver batches to one), and the host
 * scheduler runs the VMM's threads at every virtual timer tick.
 */
export function hostedTable(table: Table, io: IoPath): Table {
  const w = hostedCosts.worldSwitchUs;
  table.interrupts = by('worldSwitch', w);
  table.timerTicks = by('hostOsScheduling', hostedCosts.timerTickUs);
  table.ioOperations = by('worldSwitch', io === 'paravirtual' ? w : 2 * w);
  return table;
}

/**
 * Xen-style paravirtualization: system calls go straight to the guest kernel's fast handler, page-table updates are
 * validated in batched hypercalls, page faults bounce through the hypervisor, interrupts are event channels.
 */
export function paravirtTable(hypercallBatch: number): Table {
  const table = nativeTable();
  table.pageFaults = by('hypercall', pv.pageFaultUs);
  table.pageTableUpdates = by('hypercall', hypercallCostPerUpdateUs(hypercallBatch));
  table.contextSwitches = by('hypercall', pv.contextSwitchUs);
  table.interrupts = by('eventChannel', pv.interruptUs);
  table.timerTicks = by('eventChannel', pv.timerTickUs);
  return table;
}

/**
 * An emulator runs every guest instruction, user or kernel, through an interpreter (N host instructions each) or a
 * dynamic translator (its warm-up is simulated; the table states the warm cost); devices are models in its process.
 */
export function emulatorTable(mode: 'interpreter' | 'dbt', hostInstrPerGuestInstr: number): Table {
  const table = nativeTable();
  const instructions = by(mode === 'interpreter' ? 'interpreter' : 'dynamicTranslation', hostInstrPerGuestInstr - 1);
  table.userInstructions = instructions;
  table.kernelInstructions = instructions;
  table.deviceAccesses = by('emulatedDevice', 0);
  table.ioOperations = by('emulatedDevice', emulationCosts.deviceOperationUs);
  return table;
}

/** A process VM interprets or JIT-compiles its bytecode; its system calls are the host process's own. */
export function processVmTable(): Table {
  const table = nativeTable();
  table.userInstructions = by('bytecodeJit', processVmCosts.jitN - 1);
  return table;
}

/** Containers are processes of the host kernel: only their packets cross extra virtual network devices. */
export function containerTable(): Table {
  const table = nativeTable();
  table.ioOperations = by('containerNetwork', ioPathCosts.containerNetworkUs);
  return table;
}

export function freeze(table: Table): MechanismTable {
  return Object.freeze(table);
}
