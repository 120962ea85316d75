import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSession, type Session } from '../../src/core/session'
import { SHARED, tempDir } from '../support/temp'

export const STORY = new URL('../fixtures/claims-story/', import.meta.url).pathname
export const SHARED_STORY = join(SHARED, 'fixtures/interviews')
export const hasSharedStory = existsSync(join(SHARED_STORY, 'expected.json'))

/** A fresh archive holding the repo's own Riverton story (test/fixtures/claims-story.md). */
export async function riverton(): Promise<Session> {
  const session = await openSession(await tempDir())
  const report = await session.client.call('import.files', { paths: [STORY] })
  if (report.failed.length || report.imported.length !== 3) throw new Error(`the Riverton story did not import: ${JSON.stringify(report)}`)
  return session
}

/** A folder that lives until `done` is called (for a suite's beforeAll; tempDir() is emptied after each test). */
export function suiteDir(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-suite-'))
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The seven interviews from ../shared/fixtures. */
export async function sharedStory(dir?: string): Promise<Session> {
  const session = await openSession(dir ?? (await tempDir()))
  const files = ['marat-seitkali.vtt', 'saule-bekova.srt', 'yerlan-dzhaksybekov-notes.md', 'aigul-otter-export.txt', 'olga-kravets-ru-cp1251.txt', 'dana-kz.txt', 'timur-akhmetov.docx']
  const report = await session.client.call('import.files', { paths: files.map((f) => join(SHARED_STORY, f)) })
  if (report.failed.length) throw new Error(`the shared story did not import: ${JSON.stringify(report.failed)}`)
  return session
}

/** Makes a claim and accepts every proposal with the stance Verbatim suggests, as an editor pressing Enter down the list would. */
export async function claimWithEvidence(session: Session, text: string): Promise<string> {
  const claim = await session.client.call('claims.create', { text })
  const { proposals } = await session.client.call('claims.propose', { claimId: claim.id })
  for (const p of proposals) {
    await session.client.call('claims.addEvidence', { claimId: claim.id, interviewId: p.interviewId, segmentId: p.segmentId, stance: p.stance === 'context' ? 'context' : p.stance })
  }
  return claim.id
}

export async function review(session: Session, id: string) {
  const { claims } = await session.client.call('claims.review', { ids: [id] })
  const c = claims[0]
  if (!c) throw new Error(`no claim ${id}`)
  return c
}
