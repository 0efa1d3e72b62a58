// Writes app/early-requests.ts, bundled and minified, into index.html as an inline script at the end of its head:
// the page's first API requests leave as soon as the stylesheet has arrived, beside the app's code, not once that
// code has arrived and run (on Lighthouse's mobile profile, a second and a half later). Placed ahead of the
// stylesheet they left sooner still, but took the connections the stylesheet and the entry script were waiting for:
// the dashboard showed its data later, not earlier (BENCHMARKS.md). It is built from the same functions the app uses
// to ask (utils/dashboard.ts, utils/catalogue.ts, utils/query.ts), so the two cannot drift apart; the app takes the
// answers by request. Then, once the browser is idle, it makes the page's first number format (see
// warmNumberFormat).
import { defineNuxtModule } from '@nuxt/kit'
import { build, type Plugin } from 'esbuild'
import { addHeadScript } from './utils/head-script'

/** `~/utils/x` as the app writes it, resolved against the app's source folder. */
function appAlias(srcDir: string): Plugin {
  return {
    name: 'app-alias',
    setup(b) {
      b.onResolve({ filter: /^~\// }, (args) => b.resolve(`./${args.path.slice(2)}`, { resolveDir: srcDir, kind: args.kind }))
    },
  }
}

/** The inline script: early-requests.ts and what it imports, as one small function run at once. */
export async function earlyRequestsScript(srcDir: string): Promise<string> {
  const result = await build({
    stdin: { contents: "import { askEarly, warmNumberFormat } from './early-requests'\naskEarly()\nwarmNumberFormat()", resolveDir: srcDir, loader: 'ts', sourcefile: 'early.ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    plugins: [appAlias(srcDir)],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text.trim()
}

export default defineNuxtModule({
  meta: { name: 'early-requests' },
  setup(_options, nuxt) {
    let script: Promise<string> | undefined
    addHeadScript(nuxt, () => (script ??= earlyRequestsScript(nuxt.options.srcDir)))
  },
})
