// Every script the build writes starts with V8's explicit compile hint, `//# allFunctionsCalledOnLoad`
// (https://v8.dev/blog/explicit-compile-hints, Chrome 136 and later; other engines read a comment). Without it,
// V8 pre-parses a script as it arrives and compiles each function on its first call, on the main thread: on
// Lighthouse's mobile profile that was about half a second of the dashboard's first load (a trace's V8.ParseFunction,
// V8.PreParse and V8.CompileCode). With it, the whole script is compiled while it streams in, off the main thread.
// It suits this app's chunks: each is the code of a screen or of what a screen shows, and is loaded when it runs.
import { addVitePlugin, defineNuxtModule } from '@nuxt/kit'

const COMPILE_HINT = '//# allFunctionsCalledOnLoad'

export default defineNuxtModule({
  meta: { name: 'compile-hints' },
  setup() {
    addVitePlugin(
      {
        name: 'internhub:compile-hints',
        enforce: 'post',
        // After Vite's own last touches (the entry's preload map is put in front of its code in generateBundle).
        generateBundle: {
          order: 'post',
          handler(_options, bundle) {
            for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = `${COMPILE_HINT}\n${chunk.code}`
          },
        },
      },
      { server: false },
    )
  },
})
