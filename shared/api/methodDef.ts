// What every API method declares: its input and output schemas and one line saying what it does.
import type { z } from 'zod';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly doc: string;
}
