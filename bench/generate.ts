// Synthetic interviews for the benchmarks: realistic shapes (speakers, times, formats), words
// drawn with a Zipf-like skew so that common words are common, as in speech.

const WORDS = (
  'the of and to a in that it is was i for on you he be with as by at have are this not but had his they from she ' +
  'which or we an there her were one do been all their has would will what if can when so no said who more about up ' +
  'them some could him into its then two time like only other new people my also just over know than first after ' +
  'troops square protest government channel journalist editor camera rally police officials names victims torture ' +
  'cases prosecutors january kharkiv almaty invasion coverage evidence statement report source interview record ' +
  'хабар первым стал давать регулярные сюжеты вторжение журналист редактор площадь алаңда болдым адамдар'
).split(' ')

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function words(random: () => number, n: number): string {
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(WORDS.length * random() ** 2.5)] ?? 'the')
  return out.join(' ')
}

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(Math.floor(s % 60))}`

/** One interview of about `wordCount` words, in one of the formats Verbatim imports. */
export function generateInterview(index: number, wordCount: number): { name: string; text: string } {
  const random = rng(index + 1)
  const speakers = ['Lena Moretti', `Speaker ${index}`]
  const turns: { speaker: string; text: string; at: number }[] = []
  let at = 0
  for (let left = wordCount, t = 0; left > 0; t++) {
    const n = Math.min(left, 20 + Math.floor(random() * 120))
    turns.push({ speaker: speakers[t % 2] ?? '', text: words(random, n), at })
    at += n / 2.5
    left -= n
  }
  switch (index % 4) {
    case 0:
      return {
        name: `interview-${index}.vtt`,
        text: `WEBVTT\n\n${turns.map((t, i) => `${i + 1}\n${clock(t.at)}.000 --> ${clock(t.at + 5)}.000\n<v ${t.speaker}>${t.text}`).join('\n\n')}\n`
      }
    case 1:
      return {
        name: `interview-${index}.srt`,
        text: turns.map((t, i) => `${i + 1}\r\n${clock(t.at)},000 --> ${clock(t.at + 5)},000\r\n${t.speaker.toUpperCase()}: ${t.text}`).join('\r\n\r\n')
      }
    case 2:
      return {
        name: `interview-${index}.md`,
        text: `# Interview ${index}\n\nDate: 2023-03-20\nInterviewer: Lena Moretti\n\n${turns.map((t) => `${t.speaker}: [${clock(t.at)}] ${t.text}`).join('\n\n')}\n`
      }
    default:
      return {
        name: `interview-${index}.csv`,
        text: `timestamp,speaker,words,tags\n${turns.map((t) => `[${clock(t.at)}],${t.speaker === 'Lena Moretti' ? 'LM:' : 'SP:'},"${t.text}",${random() < 0.2 ? 'career;protest' : ''}`).join('\n')}\n`
      }
  }
}
