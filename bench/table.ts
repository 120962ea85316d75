// One row of `npm run bench`'s table: Verbatim's figure beside the yardstick measured in the same
// run. Every bench module returns rows; bench/run.ts prints them and writes bench/results.md.
export interface BenchRow {
  /** What was measured: "one edit, p95", "cold open to first answer". */
  what: string
  /** Archive size the row was measured at (interviews), when it depends on one. */
  size?: number
  /** Verbatim's figure, with its unit: "3.1 ms". */
  verbatim: string
  /** The yardstick's figure in the same run, and what it is: "naive lowdb rewrite: 169 ms". */
  yardstick?: string
  /** Verbatim against the yardstick: "0.02x". */
  ratio?: string
  /** The goal from the issue ("< 5 ms") and whether this run met it. */
  goal?: string
  met?: boolean
  /** Anything a reader needs: agreement with a linear scan, what limits a missed goal. */
  note?: string
}
