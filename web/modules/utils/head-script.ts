// Both inline scripts of the app shell (early-requests.ts, route-preload.ts) are written the same way: into the
// prerendered index.html, at the end of its head, in the order the modules are set up.
import type { Nuxt } from 'nuxt/schema'

/** `html` with `script` inline at the end of its head; nothing in the script can end the element early. */
export function withScriptInHead(html: string, script: string): string {
  return html.replace('</head>', `<script>${script.replace(/<\/(script)/gi, '<\\/$1')}</script></head>`)
}

/** Writes the script `make` returns (none when it returns nothing) into every prerendered page with a head. */
export function addHeadScript(nuxt: Nuxt, make: () => string | undefined | Promise<string | undefined>) {
  nuxt.hook('nitro:init', (nitro) => {
    nitro.hooks.hook('prerender:generate', async (route: { route: string; contents?: unknown }) => {
      if (typeof route.contents !== 'string' || !route.contents.includes('</head>')) return
      const script = await make()
      if (script) route.contents = withScriptInHead(route.contents, script)
    })
  })
}
