import { UsageError } from '../../errors.js';
import type { Ctx } from '../context.js';
import type { CalcOptions } from './calc.js';

export async function calcBatch(_opts: CalcOptions, _ctx: Ctx): Promise<void> {
  throw new UsageError('CSV input is not available yet');
}
