// Numbers and units in OVF descriptors: whole numbers and the programmatic units ("byte * 2^20") tools write.
import { AppError } from '../../../shared/errors.ts';

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message);
};

/** Multipliers of OVF's programmatic units ("byte * 2^20", "byte * 1024") and the common names VMware and VirtualBox write. */
export function unitBytes(units: string | undefined, context: string): number {
  const text = (units ?? 'byte').trim().toLowerCase().replace(/\s+/g, ' ');
  const named: Record<string, number> = { byte: 1, bytes: 1, kilobytes: 2 ** 10, kb: 2 ** 10, megabytes: 2 ** 20, mb: 2 ** 20, gigabytes: 2 ** 30, gb: 2 ** 30, terabytes: 2 ** 40, tb: 2 ** 40 };
  if (named[text] !== undefined) return named[text];
  const power = /^byte ?\* ?2 ?\^ ?(\d{1,2})$/.exec(text);
  if (power) return 2 ** Number(power[1]);
  const factor = /^byte ?\* ?(\d{1,7})$/.exec(text);
  if (factor) return Number(factor[1]);
  return fail(`${context}: unit "${units ?? ''}" is not understood`);
}

export function wholeNumber(text: string | undefined, context: string): number {
  const value = (text ?? '').trim();
  if (!/^\d{1,20}$/.test(value)) return fail(`${context} "${value}" is not a whole number`);
  return Number(value);
}
