// The one basis of every guest CPU and overhead percentage: the share of the guest's own vCPUs (100 % = all of them busy).

/** How that basis is named wherever such a percentage is printed. */
export const vcpuBasisLabel = 'of guest vCPUs';

/**
 * Cores as a percentage of the guest's vCPUs, the basis of telemetry's cpuPct, cpuGuestPct and cpuOverheadPct, so an
 * overhead of 0.1 cores on a 2-vCPU guest reads 5 % in the details, the charts and the host view alike.
 */
export function pctOfVcpus(cores: number, vcpus: number): number {
  return (100 * cores) / Math.max(1e-9, vcpus);
}
