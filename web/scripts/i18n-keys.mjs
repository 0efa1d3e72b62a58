// Lists the message keys the app uses literally (t('…')) that a locale file lacks. Used by the i18n test.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(vue|ts)$/.test(name)) yield path
  }
}

export function usedKeys(appDir) {
  const keys = new Set()
  for (const file of files(appDir)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(m[1])
  }
  return [...keys].sort()
}

export function has(messages, key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), messages) !== undefined
}

export function flatKeys(messages, prefix = '') {
  return Object.entries(messages).flatMap(([k, v]) => (v && typeof v === 'object' ? flatKeys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

if (process.argv[1] && process.argv[1].endsWith('i18n-keys.mjs')) {
  const root = new URL('..', import.meta.url).pathname
  for (const locale of ['ru', 'en']) {
    const messages = JSON.parse(readFileSync(join(root, 'i18n/locales', `${locale}.json`), 'utf8'))
    const missing = usedKeys(join(root, 'app')).filter((k) => !has(messages, k))
    console.log(locale, missing.join('\n'))
  }
}
