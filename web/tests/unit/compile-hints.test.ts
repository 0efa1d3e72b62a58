import { expect, it } from 'vitest'
import { compileHintsPlugin } from '../../modules/compile-hints'

type Output = { type: 'chunk'; fileName: string; code: string } | { type: 'asset'; fileName: string; source: string }

function generate(bundle: Record<string, Output>) {
  const hook = compileHintsPlugin().generateBundle as unknown as { handler: (options: object, bundle: Record<string, Output>) => void }
  hook.handler({}, bundle)
}

it('puts the compile hint in front of every chunk, and moves a chunk’s source map down the same line', () => {
  // `import …` on the first line has no mapping; the code on the second maps to the source's line 3 (`AAEA`).
  const map = { version: 3, file: 'page.js', sources: ['page.vue'], names: [], mappings: ';AAEA' }
  const bundle: Record<string, Output> = {
    'page.js': { type: 'chunk', fileName: 'page.js', code: 'import { a } from "./entry.js"\nexport const b = a' },
    'page.js.map': { type: 'asset', fileName: 'page.js.map', source: JSON.stringify(map) },
    'entry.js': { type: 'chunk', fileName: 'entry.js', code: 'export const a = 1' },
    'entry.css': { type: 'asset', fileName: 'entry.css', source: 'a{}' },
  }
  generate(bundle)
  const code = (name: string) => (bundle[name] as { code: string }).code
  expect(code('page.js').split('\n')).toEqual(['//# allFunctionsCalledOnLoad', 'import { a } from "./entry.js"', 'export const b = a'])
  expect(code('entry.js')).toBe('//# allFunctionsCalledOnLoad\nexport const a = 1')
  // Now the code is on the third line: two lines without mappings, then the same one.
  const moved = JSON.parse((bundle['page.js.map'] as { source: string }).source)
  expect(moved).toEqual({ ...map, mappings: ';;AAEA' })
  expect((bundle['entry.css'] as { source: string }).source).toBe('a{}')
})
