/** 75.5 → "1:15", 3725 → "1:02:05": how a reporter reads a recording's clock. Used by every door. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return ''
  const s = Math.floor(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}
