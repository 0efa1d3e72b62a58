// The main route's JavaScript and stylesheet against their budgets (tests/e2e/bundle-size.mjs prints the biggest files).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, nextYear, test } from './fixtures'

const BUDGET_KB = 300
// Scripts, counted: over HTTP/1.1 a browser fetches six at a time, so on a phone's line each further batch of small
// scripts costs a round trip before the page can start. 37 before the toolbar’s selects were deferred.
const SCRIPTS_BUDGET = 24
// The stylesheet uncompressed: every rule is parsed and matched against the page on a phone's CPU, however well it
// compresses. Nuxt UI's styles for the components the app uses, not for its whole library (190 KB before).
const CSS_BUDGET_KB = 150
const publicDir = join(new URL('../..', import.meta.url).pathname, '.output', 'public')

test('the main route’s JavaScript stays within its budget', async ({ context, page, api, session, uid }, testInfo) => {
  // One application, so the counts by status have something to show.
  const university = await api('POST', '/universities', { name: `Томский политехнический университет ${uid}` })
  const company = await api('POST', '/companies', { name: `ООО «Сибирские системы» ${uid}` })
  const opening = await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-аналитик ${uid}`, status: 'active', starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const student = await api('POST', '/students', { university_id: university.id, full_name: `Алексеева Дарья ${uid}`, email: `daria${uid}@example.com`, course: 3 })
  await api('POST', '/applications', { opening_id: opening.id, student_id: student.id })
  await session()
  await page.goto('/')
  await expect(page.getByRole('navigation', { name: 'Меню' })).toBeVisible()
  // A fresh tab, so what counts is a person opening `/` with a session.
  const probe = await context.newPage()
  const scripts = new Set<string>()
  const stylesheets = new Set<string>()
  probe.on('request', (r) => {
    if (!r.url().includes('/_nuxt/')) return
    if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname)
    if (r.resourceType() === 'stylesheet') stylesheets.add(new URL(r.url()).pathname)
  })
  await probe.goto('/')
  await expect(probe.getByRole('list', { name: 'Отклики по статусам сейчас' }).getByRole('listitem').filter({ hasText: /^Новый\s*\d+$/ })).toBeVisible()
  let gz = 0
  for (const path of scripts) gz += gzipSync(readFileSync(join(publicDir, path)), { level: 9 }).length
  const kb = gz / 1024
  testInfo.annotations.push({ type: 'main route', description: `${scripts.size} scripts, ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)` })
  console.log(`main route: ${scripts.size} scripts, ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`)
  expect(kb, `the main route's JavaScript is over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`).toBeLessThanOrEqual(BUDGET_KB)
  expect(scripts.size, `the main route asks for ${scripts.size} scripts`).toBeLessThanOrEqual(SCRIPTS_BUDGET)
  let css = 0
  for (const path of stylesheets) css += readFileSync(join(publicDir, path)).length
  const cssKb = css / 1024
  testInfo.annotations.push({ type: 'main route', description: `${stylesheets.size} stylesheets, ${cssKb.toFixed(1)} KB (budget ${CSS_BUDGET_KB} KB)` })
  console.log(`main route: ${stylesheets.size} stylesheets, ${cssKb.toFixed(1)} KB (budget ${CSS_BUDGET_KB} KB)`)
  expect(stylesheets.size, 'no stylesheet was requested').toBeGreaterThan(0)
  expect(cssKb, `the main route's stylesheet is over budget by ${(cssKb - CSS_BUDGET_KB).toFixed(1)} KB`).toBeLessThanOrEqual(CSS_BUDGET_KB)
})

test('every script of the first load asks to be compiled as it arrives, off the main thread', async ({ page, session, w }) => {
  await session()
  const scripts = new Set<string>()
  page.on('request', (r) => {
    if (r.url().includes('/_nuxt/') && r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname)
  })
  await page.goto('/')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(scripts.size).toBeGreaterThan(5)
  for (const path of scripts) {
    const served = await page.request.get(path)
    expect((await served.text()).split('\n', 1)[0]!.slice(0, 60), path).toBe('//# allFunctionsCalledOnLoad')
  }
})
