// Per-event costs of each mechanism, in microseconds on the 3 GHz reference core, each with where it comes from.
import { cyclesToUs } from './archEvents.ts';

/**
 * Binary translation (a software VMM such as VMware's before VT-x). Adams & Agesen, "A Comparison of Software and
 * Hardware Techniques for x86 Virtualization", ASPLOS 2006, Fig. 4 nanobenchmarks on a 3.8 GHz Pentium 4 672:
 * syscall 242 cycles native vs 2,308 under the software VMM; page fault 1,093 native vs 3,813. The other figures are
 * this model's assumptions of the same order ("callouts" of a few hundred to a few thousand cycles).
 */
export const binaryTranslationCosts = {
  systemCallUs: cyclesToUs(2308 - 242),
  pageFaultUs: cyclesToUs(3813 - 1093),
  /** Adaptive BT turns trapping page-table writes into callouts of about a thousand cycles (assumption). */
  pageTableUpdateUs: cyclesToUs(1200),
  /** CR3 write: a callout that switches to the cached shadow page table of the new address space (assumption). */
  contextSwitchUs: cyclesToUs(6000),
  /** The VMM fields the physical interrupt and injects a virtual one (assumption). */
  interruptUs: cyclesToUs(4500),
  /** IN/OUT and MMIO become callouts into the VMM's device model (assumption). */
  deviceAccessUs: cyclesToUs(4500),
  /** Translated kernel code runs slower than native: indirect control flow and privileged-instruction callouts (assumption). */
  kernelSlowdown: 0.3,
} as const;

/**
 * First-generation hardware assist (VT-x / AMD-V without nested paging), same source: system calls run natively
 * (242 cycles in both), but a guest page fault costs 11,242 cycles against 1,093 native, and every write to a
 * write-protected guest page table and every port I/O instruction exits to the VMM, thousands of cycles each.
 */
export const hardwareAssistCosts = {
  pageFaultUs: cyclesToUs(11_242 - 1093),
  /** Exit on the write-protected page, decode, update the shadow entry, resume ("thousands of cycles", A&A 2006). */
  pageTableUpdateUs: cyclesToUs(4000),
  /** CR3 write exits; the VMM switches shadow page tables (assumption: one exit plus the switch). */
  contextSwitchUs: cyclesToUs(5000),
  /** External-interrupt exit plus injecting the virtual interrupt (assumption: one round trip of ~4,500 cycles). */
  interruptUs: cyclesToUs(4500),
  /** Port or MMIO exit plus the in-hypervisor device model ("thousands of cycles", A&A 2006). */
  deviceAccessUs: cyclesToUs(6000),
  /** Timer interrupt exit and re-arming the virtual timer (assumption, same order as an interrupt exit). */
  timerTickUs: cyclesToUs(4500),
} as const;

/**
 * Nested paging (EPT/NPT) removes the page-table exits but a TLB miss walks two levels of page tables: up to 24
 * memory references instead of 4 (Bhargava et al., "Accelerating Two-Dimensional Page Walks", ASPLOS 2008). With
 * page-walk caches most references hit; the model charges ~75 extra cycles per miss (assumption).
 */
export const nestedPagingCosts = {
  tlbMissUs: cyclesToUs(75),
} as const;

/**
 * Paravirtualization (Xen). Barham et al., "Xen and the Art of Virtualization", SOSP 2003, §2.1: guests register a
 * fast handler for system calls that the processor invokes directly (no hypervisor involvement); page faults go
 * through Xen because the faulting address register is privileged; page-table updates are validated by Xen and may
 * be batched in one hypercall; virtual interrupts are event-channel upcalls; I/O uses shared-memory descriptor rings.
 * Amounts are this model's assumptions of the order those mechanisms cost.
 */
export const paravirtCosts = {
  pageFaultUs: cyclesToUs(1500),
  /** Entering the hypervisor once per hypercall, then validating each update in it. */
  hypercallEntryUs: 2.0,
  hypercallPerUpdateUs: 0.15,
  /** A hypercall installs the new page-table base (mmuext_op). */
  contextSwitchUs: cyclesToUs(2000),
  interruptUs: cyclesToUs(900),
  timerTickUs: cyclesToUs(900),
} as const;

/** Cost per update when a paravirtualized guest batches `batch` page-table updates per hypercall. */
export function hypercallCostPerUpdateUs(batch: number): number {
  const b = Math.max(1, Math.floor(batch));
  return (paravirtCosts.hypercallEntryUs + paravirtCosts.hypercallPerUpdateUs * b) / b;
}

/** Guest-side cost of one I/O operation on each device path (device register accesses are charged separately). */
export const ioPathCosts = {
  /** An emulated NIC or disk controller: every register access traps to the device model (deviceAccesses). */
  emulatedOperationUs: 2,
  /** Posting a request and reaping its response in a shared ring; notifications are batched (assumption). */
  paravirtualOperationUs: 1,
  /** A device assigned to the guest: only interrupt remapping through the IOMMU (assumption). */
  passthroughOperationUs: 0.3,
  /** A partition without its own device sends each operation to the control partition (assumption). */
  controlPartitionOperationUs: 12,
  /** CPU the control partition itself spends forwarding one operation. */
  controlPartitionForwardUs: 8,
  /** A container's packet crosses a veth pair, a bridge and NAT; disk I/O is native (assumption). */
  containerNetworkUs: 0.5,
  /** virtio through a user-space device process on the host OS (KVM with QEMU): exit, wake-up, return (assumption). */
  hostedVirtioOperationUs: 4,
} as const;

/**
 * Hosted VMMs (type 2): to do I/O or take an interrupt the VMM switches from its own context to the host OS and back
 * ("world switch": all CPU state saved and restored; Sugerman, Venkitachalam & Lim, "Virtualizing I/O Devices on
 * VMware Workstation's Hosted Virtual Machine Monitor", USENIX 2001). No per-switch figure is published; 30 µs is
 * calibrated so that the modeled web and OLTP slowdowns of a 2003 hosted VMM land in the range of Barham et al.
 * SOSP 2003, Fig. 3. An I/O operation needs two switches (out to the host and back), an interrupt one.
 */
export const hostedCosts = {
  worldSwitchUs: 30,
  /** The host OS wakes and schedules the VMM's thread for each virtual timer tick. */
  timerTickUs: 10,
} as const;

/** Devices a native driver touches per I/O operation (doorbell, status, interrupt acknowledge, ...): assumption. */
export const registerAccessesPerOperation = 4;

/** The textbook figure: interpreting a foreign instruction set costs about ten host instructions per guest instruction. */
export const emulationCosts = {
  interpreterN: 10,
  /** Host instructions per guest instruction once a block is translated and cached (QEMU-like DBT, assumption). */
  dbtWarmN: 4,
  /** The first time a block is met it is translated, then run (assumption). */
  dbtColdN: 40,
  /** Native-equivalent core-seconds of guest execution after which most hot code is translated. */
  dbtWarmupCoreS: 2,
  translationCacheMiB: 64,
  /** Code the guest's hot paths touch; a smaller cache keeps evicting translations. */
  guestCodeFootprintMiB: 32,
  /** An emulated device in the emulator process: each operation is handled by its device model (assumption). */
  deviceOperationUs: 10,
} as const;

/** Highest translation-cache hit rate reachable with a cache of this size. */
export function dbtMaxHitRate(cacheMiB: number): number {
  return 0.99 * Math.min(1, cacheMiB / emulationCosts.guestCodeFootprintMiB);
}

/** Process VMs (JVM-like): bytecode is interpreted until the JIT compiles the hot methods. */
export const processVmCosts = {
  /** Bytecode interpreter cost relative to compiled code. */
  interpreterN: 12,
  jitN: 1.1,
  /** Native-equivalent core-seconds of execution after which most hot methods are compiled. */
  jitWarmupCoreS: 3,
  /** Total CPU the JIT compiler threads spend compiling the hot methods. */
  jitCompileCoreS: 1.5,
  /** Young-generation collection: fixed cost plus tracing what survives (proportional to live data). */
  gcBaseMs: 5,
  gcMsPerLiveMiB: 0.05,
  /** Metaspace, code cache and thread stacks on top of the heap. */
  overheadMiB: 120,
} as const;

/** Operations per second one emulated device model serves. */
export const emulatedMaxOpsPerS = 25_000;
/** Requests stay in a paravirtual ring this long, so a ring of R slots serves at most R / latency per second. */
export const ringServiceLatencyS = 0.002;
/** Driver-domain backend limit per guest regardless of ring size. */
export const ringBackendMaxOpsPerS = 250_000;

/** Operations per second a guest's device path can serve (a passed-through or native device: unlimited here). */
export function ioPathCapacity(io: string, ringSize: number): number {
  if (io === 'emulated') return emulatedMaxOpsPerS;
  if (io === 'paravirtual') return Math.min(ringBackendMaxOpsPerS, ringSize / ringServiceLatencyS);
  return 1e12;
}
