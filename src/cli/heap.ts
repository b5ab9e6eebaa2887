/**
 * How a batch that makes much short-lived garbage keeps its resident memory flat: V8 is told to
 * collect the old generation once it has grown this many percent past what the last full
 * collection kept alive. Under V8's own growing factor (up to 4×) promoted dead rows piled up
 * before a full collection: `timeline` (every row priced on ~60 law dates) peaked at 175 MB at
 * 100,000 rows, `calc --format ndjson` under the default scenario at 168 MB, for a live heap of
 * 20–25 MB. At 20% the old generation is collected every few MB: 120–130 MB at any size, for ~3%
 * more CPU (README, "Every batch command streams").
 */
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 20;

/** Collect the old generation often from now on (the process ends with the batch). */
export function collectOftenForBatch(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
