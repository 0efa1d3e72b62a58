// Every script the build writes starts with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`
// (https://v8.dev/blog/explicit-compile-hints, Chrome 136 and later; other engines read a comment). Without it,
// V8 pre-parses a script as it arrives and compiles each function on its first call, on the main thread: on
// Lighthouse's mobile profile that was about half a second of the dashboard's first load (a trace's V8.ParseFunction,
// V8.PreParse and V8.CompileCode). With it, the whole script is compiled while it streams in, off the main thread.
// It suits this app's chunks: each is the code of a screen or of what a screen shows, and is loaded when it runs.
import { addVitePlugin, defineNuxtModule } from '@nuxt/kit'
import type { Plugin } from 'vite'

const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

/** Puts the hint in front of every chunk; a chunk's source map, when the build writes one, moves down a line too. */
export function compileHintsPlugin(): Plugin {
  return {
    name: 'internhub:compile-hints',
    enforce: 'post',
    // After Vite's own last touches (the entry's preload map is put in front of its code in generateBundle).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue
          chunk.code = `${COMPILE_HINT}\n${chunk.code}`
          // A source map's lines are separated by `;`: one more in front, or every position it names is a line off.
          const map = bundle[`${chunk.fileName}.map`]
          if (map?.type === 'asset' && typeof map.source === 'string') map.source = withLineInFront(map.source)
        }
      },
    },
  }
}

/** A source map (JSON) for the same code with one more line in front. */
export function withLineInFront(map: string): string {
  const parsed = JSON.parse(map) as { mappings: string }
  return JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` })
}

export default defineNuxtModule({
  meta: { name: 'compile-hints' },
  setup() {
    addVitePlugin(compileHintsPlugin(), { server: false })
  },
})
