/** Interview notes written to hurt: every line is something a renderer must show as text. */
export const HOSTILE_LINES = [
  '<script>window.__pwned = true</script>',
  '<img src=x onerror="window.__pwned = true">',
  '[click me](javascript:window.__pwned=true)',
  '<a href="javascript:alert(1)">a link</a>',
  '**not bold** and <b>not bold either</b> &lt;still text&gt;',
  '<iframe src="https://example.com"></iframe>',
  '{{ constructor.constructor("window.__pwned = true")() }}'
]

export const HOSTILE_NOTES = `# Interview: Mallory <script>window.__pwned = true</script>
Date: 2024-01-02
Interviewer: Lena Moretti

${HOSTILE_LINES.map((line) => `Mallory: ${line}`).join('\n')}
`
