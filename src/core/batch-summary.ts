/**
 * What a batch comes to, as the renderers read it: the rows read, priced and rejected, the sums
 * per currency (a file may mix US and Chinese imports), and each rejected row. The batch layer
 * (src/batch/pricer.ts) keeps them; the render layer prints them without depending on it.
 */

/** A row that could not be priced: where, why, and its fields as read. */
export interface Rejection {
  line: number;
  /** the column at fault, when one is */
  column: string | null;
  message: string;
  /** a stable code for programs: the (`value-invalid` …), `row-ragged`, `record-malformed` */
  code: string;
  /** the row's id column, when it has one */
  id?: string | null;
  fields: string[];
  /**
   * CSV input: the record's text as read (after a delimiter other than the comma was rewritten),
   * without its line ending — written to the rejects file as it is, so that nothing is lost
   */
  raw?: string;
}

/** Running totals of a batch in one currency, in its minor units. */
export interface CurrencyTotals {
  currency: string;
  minorDigits: number;
  rows: number;
  customsValue: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  dutyByAuthority: Map<string, number>;
}

export interface BatchSummary {
  readonly read: number;
  readonly priced: number;
  readonly rejected: number;
  /** of the rejected rows, those whose goods were excluded from importation on their date */
  readonly prohibited: number;
  readonly byCurrency: ReadonlyMap<string, CurrencyTotals>;
}
