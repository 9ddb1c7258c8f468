import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors.js';

describe('error codes', () => {
  it('are snake_case, with an English and a Hindi message each', () => {
    for (const [code, def] of Object.entries(errorCodes)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(def.en.length, code).toBeGreaterThan(5);
      expect(def.hi, code).toMatch(/[\u0900-\u097F]/);
      expect(def.hi).not.toBe(def.en);
      expect(def.status).toBeGreaterThanOrEqual(400);
    }
  });
});
