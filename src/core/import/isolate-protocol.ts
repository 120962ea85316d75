// The messages between isolate.ts (the app's thread) and worker-main.ts (the import worker).
import type { CodebookEntry, ParsedInterview } from './types'

export interface WorkerJob {
  id: number
  kind: 'interview' | 'codebook'
  /** The file's name: its extension breaks ties between formats. */
  name: string
  bytes: Uint8Array
}

export type WorkerReply =
  | { id: number; ok: true; kind: 'interview'; interview: ParsedInterview }
  | { id: number; ok: true; kind: 'codebook'; entries: CodebookEntry[] }
  /** An ImportError's message (with its "line N: " when it has one) and line. */
  | { id: number; ok: false; message: string; line?: number }
