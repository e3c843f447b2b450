// How each kind's guests stop, lose power, save their state and reset: ACPI for machines, signals for containers, exit for process VMs.
import type { SimOs } from '../sim/catalogue.ts';
import type { KindPower } from '../../shared/domain/kinds.ts';
import { formatMs } from '../sim/formatMs.ts';

/** What a kind is told when a guest is asked to shut down. */
export interface ShutdownRequest {
  readonly name: string;
  readonly os: SimOs | undefined;
  /** Guest CPU over the last simulated second ÷ its vCPUs: 0 idle, 1 every vCPU busy. */
  readonly busyShare: number;
  /** The kind's normal shutdown time for this guest. */
  readonly stopMs: number;
}

/** Accepted: the guest powers off after `inMs` (`how` is logged now, `ending` when it powers off). Refused: it ignored the request. */
export type ShutdownPlan =
  | { readonly accepted: true; readonly inMs: number; readonly how: string; readonly ending?: string }
  | { readonly accepted: false; readonly why: string };

export type SaveStateRule =
  | { readonly supported: true; /** "saved state", "checkpoint" */ readonly noun: string }
  | { readonly supported: false; readonly why: string };

export interface PowerRules {
  /** The polite stop as menus name it: "ACPI Shutdown", "Stop (SIGTERM)", "Exit". */
  readonly shutdownLabel: string;
  /** One sentence on what the polite stop does and when it can fail. */
  readonly shutdownHint: string;
  shutdown(request: ShutdownRequest): ShutdownPlan;
  /** How Power Off ends a guest of this kind, as a noun phrase the event log and the menus both use. */
  readonly powerOffHow: string;
  /** How Reset restarts one. */
  readonly resetHow: string;
  readonly saveState: SaveStateRule;
}

/** Above this share of its vCPUs busy, a guest whose OS answers ACPI only when idle ignores the power button. */
export const busyShareLimit = 0.8;

/** Docker's default: SIGTERM, then SIGKILL when the process has not exited after this long. */
export const containerGraceMs = 10_000;

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** Virtual machines and partitions: the power button raises an ACPI event, which the guest OS may or may not act on. */
export function acpiPower(options: { shutdownLabel: string; via: string }): PowerRules {
  return {
    shutdownLabel: options.shutdownLabel,
    shutdownHint: `${options.via}; the guest OS shuts itself down in a few seconds, or ignores it (no ACPI support, or busy programs blocking the shutdown)`,
    shutdown: ({ os, busyShare, stopMs }) => {
      if (os?.acpi === 'no') return { accepted: false, why: `${os.label} has no ACPI support, so nothing in the guest answers the power button` };
      if (os?.acpi === 'idleOnly' && busyShare > busyShareLimit) {
        return { accepted: false, why: `${os.label} ignores the power button while programs keep it busy (its vCPUs are ${pct(busyShare)} busy) and block the shutdown` };
      }
      return { accepted: true, inMs: stopMs, how: `${options.via.toLowerCase()}; the guest shuts down in ${formatMs(stopMs)}` };
    },
    powerOffHow: 'power cut without asking the guest OS',
    resetHow: 'hard reset, as with the reset button',
    saveState: { supported: true, noun: 'saved state' },
  };
}

/** Containers have no firmware and no ACPI: the runtime signals the main process, then kills it after the grace period. */
export const containerPower: PowerRules = {
  shutdownLabel: 'Stop (SIGTERM)',
  shutdownHint: `Sends SIGTERM to the container's main process; if it has not exited after ${formatMs(containerGraceMs)} it gets SIGKILL`,
  shutdown: ({ busyShare, stopMs }) => {
    // A process busy with work (no idle signal handling) finishes only when killed.
    if (busyShare > busyShareLimit) {
      return {
        accepted: true,
        inMs: containerGraceMs,
        how: `SIGTERM sent; the main process is busy (${pct(busyShare)} of its CPU limit), SIGKILL follows after the ${formatMs(containerGraceMs)} grace period`,
        ending: `SIGKILL after the ${formatMs(containerGraceMs)} grace period`,
      };
    }
    return { accepted: true, inMs: stopMs, how: `SIGTERM sent; the main process exits in ${formatMs(stopMs)}`, ending: 'exited on SIGTERM' };
  },
  powerOffHow: 'SIGKILL, with no grace period',
  resetHow: 'SIGKILL, then started again',
  saveState: { supported: true, noun: 'checkpoint' },
};

/** A process VM is a process: asked to exit it runs its shutdown hooks; killing it ends it at once. */
export const processPower: PowerRules = {
  shutdownLabel: 'Exit',
  shutdownHint: 'Asks the VM to exit: it runs its shutdown hooks and the process ends',
  shutdown: ({ stopMs }) => ({ accepted: true, inMs: stopMs, how: `exit requested; shutdown hooks run for ${formatMs(stopMs)}`, ending: 'the process exited' }),
  powerOffHow: 'process killed',
  resetHow: 'process killed and started again',
  saveState: { supported: false, why: 'a process VM is an operating-system process: its heap cannot be written to disk and resumed; stop it and start it again' },
};

/** The part of the rules the UI shows (KindDescription.power). */
export function powerDescription(rules: PowerRules): KindPower {
  return { shutdownLabel: rules.shutdownLabel, shutdownHint: rules.shutdownHint, powerOffHow: rules.powerOffHow, resetHow: rules.resetHow, saveState: { ...rules.saveState } };
}
