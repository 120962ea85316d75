// Processes racing for the lock a SIGKILLed process left behind. Each round: the lock belongs to a
// process that was killed while it held it; `racers` fresh processes, all loaded and waiting, are
// told to open the archive at the same moment; exactly one may win, and every other must be
// refused with `locked` and a message naming the winner. The winner is then killed while it holds
// the lock, which makes the stale lock of the next round.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOCK_FILE } from '../../../src/core/archive/lock'
import type { Child, Children } from './children'

export interface RaceStats {
  rounds: number
  singleWinner: number
  failures: string[]
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function runLockRaces(children: Children, rounds: number, racers = 2): Promise<RaceStats> {
  const stats: RaceStats = { rounds: 0, singleWinner: 0, failures: [] }
  const dir = await mkdtemp(join(tmpdir(), 'verbatim-race-'))
  try {
    for (let round = 0; round < rounds; round++) {
      const where = `race ${round}`
      const stale = await readFile(join(dir, LOCK_FILE), 'utf8').then(
        (t) => JSON.parse(t) as { pid: number },
        () => null
      )
      if (!stale) {
        // The first round (or after a failed one): a process opens the archive and is killed holding it.
        const holder = children.spawn('lock-child', [dir, 'holder'])
        await holder.waitFor((l) => l.startsWith('OPEN '))
        await holder.kill()
      } else if (isAlive(stale.pid)) stats.failures.push(`${where}: the lock's process ${stale.pid} is still alive`)
      const group: Child[] = Array.from({ length: racers }, (_, i) => children.spawn('lock-child', [dir, `racer ${i}`, '--wait']))
      await Promise.all(group.map((c) => c.waitFor((l) => l.startsWith('W '))))
      for (const c of group) c.send('go')
      const results = await Promise.all(group.map((c) => c.waitFor((l) => l.startsWith('OPEN ') || l.startsWith('REFUSED '))))
      stats.rounds++
      const winners = group.filter((_, i) => results[i]?.startsWith('OPEN '))
      const winner = winners[0]
      if (winners.length === 1 && winner) {
        stats.singleWinner++
        results.forEach((r, i) => {
          if (r.startsWith('OPEN ')) return
          if (!r.startsWith('REFUSED locked ') || !r.includes(`process ${winner.pid}`) || !r.includes('racer')) {
            stats.failures.push(`${where}: racer ${group[i]?.pid} was refused without naming the winner ${winner.pid}: ${r}`)
          }
        })
        const holder = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number }
        if (holder.pid !== winner.pid) stats.failures.push(`${where}: the lock names ${holder.pid}, the winner is ${winner.pid}`)
      } else {
        stats.failures.push(`${where}: ${winners.length} winners: ${results.join(' | ')}`)
      }
      // The next round's stale lock: the winner dies holding it.
      if (winner) await winner.kill()
      for (const c of group) if (c !== winner) c.send('exit')
      await Promise.all(group.map((c) => c.exited))
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return stats
}
