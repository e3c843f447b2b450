// Number and time formatting for the views (sizes in VirtualBox's units, simulated clock).
const grouping = new Intl.NumberFormat('en-US');

// Sizes stay ungrouped ("2048 MiB") as VirtualBox prints them and people type them in the wizard.
export function formatMiB(mib: number): string {
  return `${mib} MiB`;
}

export function formatGiB(gib: number): string {
  return `${gib} GiB`;
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${grouping.format(n)} ${n === 1 ? singular : plural}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Simulated time since the engine started, as "hh:mm:ss" with a day count once it passes 24 h. */
export function formatSimClock(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** Space in a storage pool: one rule for the views, the CLI and the backend's texts, kept in shared/. */
export { formatSpace } from '../../shared/format/quantities.ts';
