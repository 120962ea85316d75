// The same article as a standalone HTML page: the export's syntax tree turned into HTML by
// mdast-util-to-hast, cleaned by hast-util-sanitize (GitHub's schema: no script, no event
// handlers, no javascript: URLs, footnote ids prefixed), and written by hast-util-to-html inside a
// page whose own CSP forbids scripts, frames and every network fetch.
import type { Element, Root as HastRoot } from 'hast'
import type { Root } from 'mdast'
import { defaultSchema, sanitize } from 'hast-util-sanitize'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:"

const STYLE = `body{font:18px/1.6 Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;color:#1d1d1f}
blockquote{margin:1.5em 0;padding-left:1em;border-left:3px solid #999}h1{line-height:1.2}
.byline{color:#555}section.footnotes{font-size:.85em;border-top:1px solid #ccc;margin-top:3em}`

/** A whole HTML page for the article; `meta` comes from the front matter, already pseudonymised. */
export function articleHtml(tree: Root, meta: { title: string; byline?: string }): string {
  const body = { ...tree, children: tree.children.filter((n) => n.type !== 'yaml') }
  // toHast already prefixes footnote ids (user-content-); the sanitizer must not prefix them again.
  const content = sanitize(toHast(body) as HastRoot, { ...defaultSchema, clobberPrefix: '' }) as HastRoot
  const el = (tagName: string, properties: Element['properties'], children: Element['children']): Element => ({ type: 'element', tagName, properties, children })
  const t = (value: string) => ({ type: 'text' as const, value })
  const page: HastRoot = {
    type: 'root',
    children: [
      { type: 'doctype' },
      el('html', { lang: 'en' }, [
        el('head', {}, [
          el('meta', { charSet: 'utf-8' }, []),
          el('meta', { httpEquiv: 'Content-Security-Policy', content: PAGE_CSP }, []),
          el('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }, []),
          el('title', {}, [t(meta.title)]),
          el('style', {}, [t(STYLE)])
        ]),
        el('body', {}, [
          el('article', {}, [
            el('h1', {}, [t(meta.title)]),
            ...(meta.byline ? [el('p', { className: ['byline'] }, [t(meta.byline)])] : []),
            ...(content.children as Element[])
          ])
        ])
      ])
    ]
  }
  return `${toHtml(page)}\n`
}
