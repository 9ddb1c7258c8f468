import { z } from 'zod';

/** A comma-separated query parameter parsed item by item (the OpenAPI document shows a string). */
export const csv = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter((x) => x !== ''))
    .pipe(z.array(item) as unknown as z.ZodType<z.output<T>[], string[]>);
