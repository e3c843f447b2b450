// Sizes, CPU amounts and durations as people write them in Compose and Kubernetes files ("256Mi", "500m", "5s").

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const fail = (message: string): Parsed<never> => ({ ok: false, message });
const shown = (raw: unknown): string => (typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : String(raw));

/** MiB per unit; Kubernetes' binary (Ki, Mi, Gi) and decimal (K, M, G) suffixes, and Docker's lowercase b/k/m/g (binary). */
const memoryUnits: Readonly<Record<string, number>> = {
  '': 1,
  ki: 1 / 1024,
  mi: 1,
  gi: 1024,
  ti: 1024 * 1024,
  kib: 1 / 1024,
  mib: 1,
  gib: 1024,
  k: 1000 / 1048576,
  m: 1,
  g: 1024,
  kb: 1000 / 1048576,
  mb: 1_000_000 / 1_048_576,
  gb: 1_000_000_000 / 1_048_576,
  b: 1 / 1_048_576,
};

/**
 * A memory size in MiB, rounded up. A bare number is MiB. Suffixes: Ki/Mi/Gi (binary), KB/MB/GB (decimal), and
 * Docker's lowercase k/m/g, which are binary ("512m" = 512 MiB). Kubernetes' uppercase M and G are decimal.
 */
export function parseMemoryMiB(raw: unknown): Parsed<number> {
  const help = 'write it like 256Mi, 1Gi or a number of MiB';
  if (typeof raw === 'number') return Number.isFinite(raw) && raw > 0 ? { ok: true, value: Math.ceil(raw) } : fail(`${shown(raw)} is not a memory size; ${help}`);
  if (typeof raw !== 'string') return fail(`must be a memory size; ${help}`);
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(raw);
  if (!match) return fail(`${shown(raw)} is not a memory size; ${help}`);
  const suffix = match[2]!;
  // Kubernetes' "M"/"G"/"K" are decimal; Docker's "m"/"g"/"k" are binary. Keep the case that decides it.
  const key = suffix === 'M' ? 'mb' : suffix === 'G' ? 'gb' : suffix === 'K' ? 'kb' : suffix.toLowerCase();
  const perUnit = memoryUnits[key];
  if (perUnit === undefined) return fail(`${shown(raw)} has an unknown unit "${suffix}"; ${help}`);
  const mib = Number(match[1]) * perUnit;
  if (!(mib > 0)) return fail(`${shown(raw)} must be more than 0`);
  return { ok: true, value: Math.ceil(mib - 1e-9) };
}

/** CPUs as cores: a number (0.5), a numeric string ("1.5") or Kubernetes millicores ("500m"). */
export function parseCpus(raw: unknown): Parsed<number> {
  const help = 'write it like 0.5, 2 or 500m (millicores)';
  let cores: number;
  if (typeof raw === 'number') cores = raw;
  else if (typeof raw === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(m?)\s*$/.exec(raw);
    if (!match) return fail(`${shown(raw)} is not an amount of CPU; ${help}`);
    cores = Number(match[1]) / (match[2] === 'm' ? 1000 : 1);
  } else return fail(`must be an amount of CPU; ${help}`);
  if (!Number.isFinite(cores) || cores <= 0) return fail(`${shown(raw)} must be more than 0 CPUs`);
  return { ok: true, value: Math.round(cores * 1000) / 1000 };
}

const durationUnits: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** A duration in seconds: a number of seconds, or "500ms", "5s", "1m", "1m30s". */
export function parseDurationS(raw: unknown): Parsed<number> {
  const help = 'write it like 5s, 500ms, 1m or a number of seconds';
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? { ok: true, value: raw } : fail(`${shown(raw)} is not a duration; ${help}`);
  if (typeof raw !== 'string' || !/^\s*(\d+(\.\d+)?(ms|s|m|h)\s*)+$/.test(raw)) return fail(`${shown(raw)} is not a duration; ${help}`);
  let seconds = 0;
  for (const part of raw.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) seconds += Number(part[1]) * durationUnits[part[2]!]!;
  return { ok: true, value: Math.round(seconds * 1000) / 1000 };
}

/** "512 MiB", "1.5 GiB". */
export function formatMemory(mib: number): string {
  if (mib >= 1024) {
    const gib = mib / 1024;
    return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
  }
  return `${Math.round(mib)} MiB`;
}

/** "2 CPUs", "1 CPU", "0.25 CPU". */
export function formatCpus(cores: number): string {
  const value = Math.round(cores * 1000) / 1000;
  return `${value} CPU${value === 1 || value < 1 ? '' : 's'}`;
}
