// The web UI is a static single-page app: `nuxt generate` writes it to .output/public, which the API serves at /.
const uiIcons = [
  'arrow-down', 'arrow-left', 'arrow-right', 'arrow-up', 'circle-alert', 'check', 'chevrons-left', 'chevrons-right',
  'chevron-down', 'chevron-left', 'chevron-right', 'chevron-up', 'x', 'copy', 'copy-check', 'moon', 'grip-vertical',
  'ellipsis', 'circle-x', 'arrow-up-right', 'eye', 'eye-off', 'file', 'folder', 'folder-open', 'hash', 'info', 'sun',
  'loader-circle', 'menu', 'minus', 'panel-left-close', 'panel-left-open', 'plus', 'rotate-ccw', 'search', 'square',
  'star', 'circle-check', 'monitor', 'lightbulb', 'upload', 'triangle-alert',
].map((name) => `lucide:${name}`)

export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  ssr: false,
  devtools: { enabled: false },
  telemetry: false,
  modules: ['@nuxt/ui', '@nuxtjs/i18n', '@pinia/nuxt'],
  css: ['~/assets/css/main.css'],
  app: {
    head: {
      title: 'InternHub',
      htmlAttrs: { lang: 'ru' },
      meta: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      link: [{ rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    },
  },
  // The system's own typeface (see main.css); no font is downloaded.
  ui: { fonts: false, colorMode: true, experimental: { componentDetection: true } },
  // Icons come from the locally installed @iconify-json/lucide and are bundled into the client.
  icon: {
    // Drawn as inline SVG: the default CSS mode scans every rule of every stylesheet once and writes a style per icon,
    // a tenth of a second of main-thread time on a slow phone.
    mode: 'svg',
    provider: 'none',
    fallbackToApi: false,
    serverBundle: false,
    clientBundle: { scan: true, icons: uiIcons, sizeLimitKb: 256 },
  },
  i18n: {
    vueI18n: './i18n.config.ts',
    // Messages are compiled at build time, so the browser does not need the message compiler.
    bundle: { dropMessageCompiler: true },
    strategy: 'no_prefix',
    defaultLocale: 'ru',
    locales: [
      { code: 'ru', language: 'ru-RU', name: 'Русский', file: 'ru.json' },
      { code: 'en', language: 'en-US', name: 'English', file: 'en.json' },
    ],
    // Russian unless the person picked another language (remembered by plugins/locale.client.ts).
    detectBrowserLanguage: false,
  },
  nitro: {
    output: { publicDir: '.output/public' },
    // A .br and a .gz beside every asset, served by the API to browsers that take them (no work per request).
    // @ts-expect-error Nitro reads it (the build writes the copies), but its config type is not resolved from here
    compressPublicAssets: { gzip: true, brotli: true },
    // One HTML shell; the API answers every client route with index.html.
    prerender: { crawlLinks: false, routes: ['/'] },
  },
  hooks: {
    // Every page starts by loading the i18n options and the Russian messages, which the entry script imports only
    // once it runs: two more round trips before anything shows. Listed as the entry's own imports, they are
    // modulepreloaded by index.html, side by side with the entry. (Registered once the modules are set up, so it runs
    // after @nuxtjs/i18n's own hook, which marks locale files as not to preload.)
    ready(nuxt) {
      nuxt.hook('build:manifest', (manifest) => {
        const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
        if (!entry) return
        for (const [id, chunk] of Object.entries(manifest)) {
          if (!/i18n\.config\.ts$|locales\/ru\.json$/.test(chunk.src ?? id)) continue
          chunk.preload = true
          if (!entry.imports?.includes(id)) entry.imports = [...(entry.imports ?? []), id]
          entry.dynamicImports = entry.dynamicImports?.filter((d) => d !== id)
        }
      })
    },
    'nitro:init'(nitro) {
      // A 404.html would be served for unknown paths instead of the app shell, breaking deep links.
      nitro.hooks.hook('prerender:generate', (route: { route: string; skip?: boolean }) => {
        if (route.route === '/404.html') route.skip = true
      })
    },
  },
  devServer: { port: 3000 },
  vite: {
    server: {
      proxy: { '/api': 'http://127.0.0.1:8000' },
    },
  },
  typescript: { strict: true },
  // Fetch another page's code when a person points at its link, not for every link on screen.
  experimental: { defaults: { nuxtLink: { prefetchOn: { interaction: true, visibility: false } } } },
})
