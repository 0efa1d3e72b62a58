import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module shared with the command line
import { flatKeys, has, usedKeys } from '../../scripts/i18n-keys.mjs'

const root = join(__dirname, '..', '..')
const load = (locale: string) => JSON.parse(readFileSync(join(root, 'i18n', 'locales', `${locale}.json`), 'utf8'))
const ru = load('ru')
const en = load('en')

describe('translations', () => {
  it('has every key the app uses, in Russian and in English', () => {
    const used: string[] = usedKeys(join(root, 'app'))
    expect(used.length).toBeGreaterThan(100)
    expect(used.filter((k) => !has(ru, k))).toEqual([])
    expect(used.filter((k) => !has(en, k))).toEqual([])
  })

  it('keeps both languages in step', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(ru).sort())
  })

  it('writes | and @ as literals, which vue-i18n would take for plural forms and links', () => {
    for (const messages of [ru, en]) {
      const flat: string[] = flatKeys(messages).map((k: string) => k.split('.').reduce((o: Record<string, unknown>, part) => o[part] as never, messages) as unknown as string)
      expect(flat.filter((m) => /[|@]/.test(m.replace(/\{'[|@]'\}/g, '')))).toEqual([])
    }
  })

  it('names every status in both languages', () => {
    for (const s of ['new', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn']) {
      expect(has(ru, `status.application.${s}`) && has(en, `status.application.${s}`)).toBe(true)
    }
  })
})
