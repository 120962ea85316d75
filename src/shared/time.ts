/** 75.5 → "1:15", 3725 → "1:02:05": how a reporter reads a recording's clock. Used by every door. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return ''
  const s = Math.floor(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A day, the one way Verbatim shows one everywhere: in the user's locale ("16 May 2026",
 * "May 16, 2026"). An interview's date is written by people ("spring 1998"): what is not a
 * YYYY-MM-DD day or a timestamp is shown as written.
 */
export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return ''
  const day = DAY.exec(value)
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null
  if (!date || Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', ...(day ? { timeZone: 'UTC' } : {}) }).format(date)
}

/** A moment (a save, an import, a backup): the day as formatDate writes it, and the time of day. */
export function formatDateTime(iso: string | null | undefined, locale?: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date)
  return `${formatDate(iso, locale)}, ${time}`
}
