// The app shell is the same index.html for every path, so on its own it can name only the entry script: the route's
// layout and page chunks were found once the entry had downloaded and run, one more round trip (and on a slow line,
// a second download wave) before a page could ask the API for its data. This module writes into index.html a short
// inline script with a table of path patterns and the chunks each page needs (its page and layout chunks with their
// static imports); the script picks the row for the path being opened and modulepreloads those chunks beside the
// entry. A page that needs a session, opened without the sign-in hint cookie, preloads the sign-in page instead.
//
// It also stops index.html from prefetching every chunk the entry may import later (Nuxt's default): on a slow line
// those downloads shared the bandwidth with the entry script itself.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { defineNuxtModule } from '@nuxt/kit'
import { joinURL } from 'ufo'
import type { NuxtPage } from 'nuxt/schema'
import { SIGNED_IN_HINT } from '../app/utils/session'
import { addHeadScript } from './utils/head-script'

/** The part of a build manifest's chunk this module reads. */
export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  prefetch?: boolean
}
export type Manifest = Record<string, ManifestChunk>

/** A page as the table needs it: its route path, its file (a manifest key), its layout and whether it is public. */
export interface PreloadPage {
  path: string
  file: string
  layout: string
  public: boolean
}

/** One row of the table: a regular expression over `location.pathname`, the chunks to preload, whether public. */
export type PreloadRow = [pattern: string, files: string[], isPublic: boolean]

/** `/catalogue/:id()` -> `^/catalogue/[^/]+/?$`: a route path as a pattern over the path being opened. */
export function routePattern(path: string): string {
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return parts.length ? `^/${parts.join('/')}/?$` : '^/$'
}

/** The files of `key` and of every chunk it statically imports, except the entry and what the entry imports. */
export function chunkFiles(manifest: Manifest, key: string): string[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)
  const skip = new Set(entry ? [entry[0], ...(entry[1].imports ?? [])] : [])
  const files: string[] = []
  const seen = new Set<string>()
  const visit = (id: string) => {
    if (seen.has(id) || skip.has(id) || !manifest[id]) return
    seen.add(id)
    files.push(manifest[id].file)
    for (const imported of manifest[id].imports ?? []) visit(imported)
  }
  visit(key)
  return files
}

/** The layout a page's `definePageMeta` names (`default` when it names none) and whether it is public. */
export function pageMeta(source: string): { layout: string; public: boolean } {
  const meta = /definePageMeta\(\s*\{([^}]*)\}/.exec(source)?.[1] ?? ''
  return {
    layout: /layout:\s*['"]([\w-]+)['"]/.exec(meta)?.[1] ?? 'default',
    public: /public:\s*true/.test(meta),
  }
}

/** One row per page, most specific first (static segments before parameters), so the first match is the page. */
export function preloadTable(pages: PreloadPage[], manifest: Manifest): PreloadRow[] {
  const rank = (path: string) => path.split('/').map((segment) => (segment.startsWith(':') ? 1 : 0))
  const ordered = [...pages].sort((a, b) => {
    const [ra, rb] = [rank(a.path), rank(b.path)]
    for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!
    return rb.length - ra.length
  })
  return ordered
    .filter((page) => manifest[page.file])
    .map((page) => {
      const files = [...chunkFiles(manifest, `layouts/${page.layout}.vue`), ...chunkFiles(manifest, page.file)]
      return [routePattern(page.path), [...new Set(files)], page.public]
    })
}

/** The inline script: finds the row for the path being opened and adds a modulepreload link per chunk. */
export function preloadScript(table: PreloadRow[], assetsDir: string): string {
  return [
    '(function(t,d,h,s){var p=location.pathname,r,i;',
    'var signedIn=new RegExp("(^|;\\\\s*)"+h+"=[^;]").test(document.cookie);',
    'for(i=0;i<t.length&&!r;i++)if(new RegExp(t[i][0]).test(p))r=t[i];',
    'if(r&&!r[2]&&!signedIn)for(i=0;i<t.length;i++)if(t[i][0]===s)r=t[i];',
    'if(r)r[1].forEach(function(f){var l=document.createElement("link");l.rel="modulepreload";l.crossOrigin="";l.href=d+f;document.head.appendChild(l)})',
    `})(${JSON.stringify(table)},${JSON.stringify(assetsDir)},${JSON.stringify(SIGNED_IN_HINT)},${JSON.stringify(routePattern('/login'))})`,
  ].join('')
}

function flatten(pages: NuxtPage[], parent = ''): NuxtPage[] {
  return pages.flatMap((page) => {
    const path = page.path.startsWith('/') ? page.path : `${parent}/${page.path}`
    return [{ ...page, path }, ...flatten(page.children ?? [], path)]
  })
}

export default defineNuxtModule({
  meta: { name: 'route-preload' },
  setup(_options, nuxt) {
    let pages: PreloadPage[] = []
    let script = ''
    nuxt.hook('pages:resolved', (resolved) => {
      pages = flatten(resolved)
        .filter((page) => page.file)
        .map((page) => ({ path: page.path, file: relative(nuxt.options.srcDir, page.file!), ...pageMeta(readFileSync(page.file!, 'utf8')) }))
    })
    nuxt.hook('build:manifest', (manifest) => {
      for (const chunk of Object.values(manifest)) chunk.prefetch = false
      const table = preloadTable(pages, manifest as Manifest)
      script = preloadScript(table, joinURL(nuxt.options.app.baseURL, nuxt.options.app.buildAssetsDir))
    })
    addHeadScript(nuxt, () => script)
  },
})
