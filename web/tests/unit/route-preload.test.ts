import { afterEach, describe, expect, it } from 'vitest'
import { chunkFiles, type Manifest, pageMeta, preloadScript, preloadTable, routePattern } from '../../modules/route-preload'

// A build manifest in the shape Vite writes it: the entry imports the i18n options, pages and layouts share chunks.
const manifest: Manifest = {
  'node_modules/nuxt/dist/app/entry.js': { file: 'entry.js', isEntry: true, imports: ['i18n/i18n.config.ts'] },
  'i18n/i18n.config.ts': { file: 'i18n.js' },
  'layouts/default.vue': { file: 'default.js', imports: ['node_modules/nuxt/dist/app/entry.js', '_sidebar.js'] },
  'layouts/public.vue': { file: 'public.js', imports: ['node_modules/nuxt/dist/app/entry.js', '_select.js'] },
  'layouts/blank.vue': { file: 'blank.js', imports: ['node_modules/nuxt/dist/app/entry.js'] },
  '_sidebar.js': { file: 'sidebar.js', imports: ['i18n/i18n.config.ts'] },
  '_select.js': { file: 'select.js', imports: ['_popper.js'] },
  '_popper.js': { file: 'popper.js' },
  'pages/index.vue': { file: 'dashboard.js', imports: ['node_modules/nuxt/dist/app/entry.js', '_select.js'] },
  'pages/login.vue': { file: 'login.js', imports: ['node_modules/nuxt/dist/app/entry.js'] },
  'pages/openings/new.vue': { file: 'opening-new.js' },
  'pages/openings/[id].vue': { file: 'opening.js' },
  'pages/catalogue/index.vue': { file: 'catalogue.js', imports: ['_select.js'] },
}

const pages = [
  { path: '/', file: 'pages/index.vue', layout: 'default', public: false },
  { path: '/openings/:id()', file: 'pages/openings/[id].vue', layout: 'default', public: false },
  { path: '/openings/new', file: 'pages/openings/new.vue', layout: 'default', public: false },
  { path: '/login', file: 'pages/login.vue', layout: 'blank', public: true },
  { path: '/catalogue', file: 'pages/catalogue/index.vue', layout: 'public', public: true },
]

describe('route preloads', () => {
  it('turns a route path into a pattern over the path opened', () => {
    const matches = (path: string, opened: string) => new RegExp(routePattern(path)).test(opened)
    expect(matches('/', '/')).toBe(true)
    expect(matches('/', '/openings')).toBe(false)
    expect(matches('/catalogue/:id()', '/catalogue/12')).toBe(true)
    expect(matches('/catalogue/:id()', '/catalogue/12/')).toBe(true)
    expect(matches('/catalogue/:id()', '/catalogue')).toBe(false)
    expect(matches('/catalogue/:id()', '/catalogue/12/apply')).toBe(false)
    expect(matches('/frame/:kind()/:id()', '/frame/contact/7')).toBe(true)
  })

  it('lists a chunk with what it imports, leaving out the entry and what the entry already brings', () => {
    expect(chunkFiles(manifest, 'layouts/default.vue')).toEqual(['default.js', 'sidebar.js'])
    expect(chunkFiles(manifest, 'pages/catalogue/index.vue')).toEqual(['catalogue.js', 'select.js', 'popper.js'])
    expect(chunkFiles(manifest, 'layouts/missing.vue')).toEqual([])
  })

  it("reads a page's layout and whether it is public from definePageMeta", () => {
    expect(pageMeta("definePageMeta({ layout: 'public', public: true })")).toEqual({ layout: 'public', public: true })
    expect(pageMeta("definePageMeta({ section: 'dashboard' })")).toEqual({ layout: 'default', public: false })
    expect(pageMeta('<UFileUpload layout="list" />')).toEqual({ layout: 'default', public: false })
  })

  it('gives each page its layout and page chunks, a static path before a parameter', () => {
    const table = preloadTable(pages, manifest)
    const row = (opened: string) => table.find(([pattern]) => new RegExp(pattern).test(opened))
    expect(row('/')).toEqual(['^/$', ['default.js', 'sidebar.js', 'dashboard.js', 'select.js', 'popper.js'], false])
    expect(row('/openings/new')?.[1]).toEqual(['default.js', 'sidebar.js', 'opening-new.js'])
    expect(row('/openings/5')?.[1]).toEqual(['default.js', 'sidebar.js', 'opening.js'])
    expect(row('/catalogue')).toEqual(['^/catalogue/?$', ['public.js', 'select.js', 'popper.js', 'catalogue.js'], true])
  })
})

describe('the inline preload script', () => {
  const script = preloadScript(preloadTable(pages, manifest), '/_nuxt/')
  const preloaded = (path: string, cookie = '') => {
    window.happyDOM.setURL(`http://localhost${path}`)
    document.cookie = 'internhub_signed_in=; Max-Age=0; path=/'
    if (cookie) document.cookie = `${cookie}; path=/`
    new Function(script)()
    return [...document.head.querySelectorAll('link[rel=modulepreload]')].map((link) => link.getAttribute('href'))
  }
  afterEach(() => {
    document.head.querySelectorAll('link[rel=modulepreload]').forEach((link) => link.remove())
  })

  it("preloads a public page's chunks for anyone", () => {
    expect(preloaded('/catalogue')).toEqual(['/_nuxt/public.js', '/_nuxt/select.js', '/_nuxt/popper.js', '/_nuxt/catalogue.js'])
  })

  it("preloads the dashboard for a signed-in person and the sign-in page's chunks for anyone else", () => {
    expect(preloaded('/', 'internhub_signed_in=1')).toContain('/_nuxt/dashboard.js')
    document.head.querySelectorAll('link[rel=modulepreload]').forEach((link) => link.remove())
    expect(preloaded('/')).toEqual(['/_nuxt/blank.js', '/_nuxt/login.js'])
  })

  it('preloads nothing for a path no page answers', () => {
    expect(preloaded('/nowhere')).toEqual([])
  })
})
