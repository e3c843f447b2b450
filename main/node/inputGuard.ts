// Screens untrusted input before schema validation: only plain data, bounded depth and size, no prototype keys.
import { AppError } from '../../shared/errors.ts';

export const inputLimits = {
  /** Our schemas are at most three levels deep; anything far deeper is hostile or broken. */
  maxDepth: 16,
  /** Values (objects, arrays, primitives) counted across the whole input. */
  maxNodes: 10_000,
  /** Our field names are short words; a long one only serves to bloat error messages. */
  maxKeyLength: 100,
} as const;

/** Keys that could reach `Object.prototype` if some code ever merged input into an object. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const join = (path: readonly (string | number)[]): string => path.map(String).join('.');

const tooLarge = (): AppError =>
  new AppError('VALIDATION', `The request is too large (more than ${inputLimits.maxNodes} values); send less data.`);

/** Throws a VALIDATION AppError when `input` is not plain, bounded data; walks iteratively so depth cannot blow the stack. */
export function assertSafeInput(input: unknown): void {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    nodes += 1;
    if (nodes > inputLimits.maxNodes) throw tooLarge();
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
        throw new AppError('VALIDATION', `${join(path) || 'The request'} has a value type that is not accepted (${typeof value}).`, join(path) || undefined);
      }
      continue;
    }
    if (path.length >= inputLimits.maxDepth) {
      throw new AppError('VALIDATION', `The request is nested too deeply (more than ${inputLimits.maxDepth} levels).`, join(path));
    }
    if (Array.isArray(value)) {
      if (nodes + stack.length + value.length > inputLimits.maxNodes) throw tooLarge();
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    if (!isPlainObject(value)) {
      throw new AppError('VALIDATION', `${join(path) || 'The request'} must be plain data (a ${Object.prototype.toString.call(value).slice(8, -1)} was sent).`, join(path) || undefined);
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') throw new AppError('VALIDATION', 'The request contains a symbol key, which is not accepted.', join(path) || undefined);
      if (key.length > inputLimits.maxKeyLength) {
        throw new AppError('VALIDATION', `A field name is too long (${key.length} characters; at most ${inputLimits.maxKeyLength}).`, join(path) || undefined);
      }
      if (forbiddenKeys.has(key)) {
        throw new AppError('VALIDATION', `Field name "${key}" is not allowed.`, join([...path, key]));
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
}
