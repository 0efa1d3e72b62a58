// What every browser test gets: a real server that no other test uses at the same time (global-setup.ts: a fresh
// SQLite database, the built web UI, an admin), an API client for data a test does not click through, contexts whose requests may not leave the loopback
// interface, the project's language and the words it shows, and named screenshots in test-results/screenshots.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'
import { ADMIN, apiClient } from './server.mjs'
import { words, type Lang, type Words } from './words'

export { ADMIN, expect }
export type Options = { lang: Lang }
export type Api = (method: string, path: string, body?: unknown) => Promise<any>

const shotsDir = join(new URL('../..', import.meta.url).pathname, 'test-results', 'screenshots')

/** Blocks and records every request that leaves this machine; opens the app in the project's language. */
async function guard(context: BrowserContext, external: string[], lang: Lang) {
  context.setDefaultTimeout(20_000)
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    // The browser's own pages (its PDF viewer) are not requests that leave the machine.
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || !url.protocol.startsWith('http')) return route.continue()
    external.push(url.href)
    return route.abort()
  })
  if (lang !== 'ru') {
    // The language a person picked is remembered on the device (plugins/locale.client.ts).
    await context.addInitScript((picked) => {
      try {
        localStorage.setItem('internhub_locale', picked)
      } catch {
        // a frame of another site without storage
      }
    }, lang)
  }
}

type WorkerFixtures = { lang: Lang; server: { base: string } }
type TestFixtures = {
  external: string[]
  api: Api
  /** A new browser context like the test's own (size, touch, language), guarded the same way. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
  /** The words the app shows in the project's language. */
  w: Words
  /** Short and unique: names made by a test carry it. */
  uid: string
  shot: (page: Page, name: string) => Promise<void>
  /** Signs in through the form and waits for the app. */
  signIn: (page: Page, email?: string, password?: string, at?: string) => Promise<void>
  /** Signs the test's own context in without the form (for tests about something else). */
  session: (email?: string, password?: string) => Promise<void>
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  lang: ['ru', { option: true, scope: 'worker' }],
  server: [
    async ({}, use, workerInfo) => {
      const base = (JSON.parse(process.env.E2E_SERVERS ?? '[]') as string[])[workerInfo.parallelIndex]
      if (!base) throw new Error('no server for this worker: the global setup starts them (npx playwright test)')
      await use({ base })
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.base),
  external: async ({}, use) => {
    const external: string[] = []
    await use(external)
    expect([...new Set(external)], 'requests left the machine').toEqual([])
  },
  context: async ({ context, external, lang }, use) => {
    await guard(context, external, lang)
    await use(context)
  },
  newContext: async ({ browser, external, lang, viewport, isMobile, hasTouch, locale, baseURL }, use) => {
    const made: BrowserContext[] = []
    await use(async (options = {}) => {
      const context = await browser.newContext({ viewport, isMobile, hasTouch, locale, baseURL, ...options })
      await guard(context, external, lang)
      made.push(context)
      return context
    })
    for (const context of made) await context.close()
  },
  api: async ({ server }, use) => use(await apiClient(server.base, ADMIN.email, ADMIN.password)),
  w: async ({ lang }, use) => use(words[lang]),
  uid: async ({}, use) => use(`${Date.now()}`.slice(-6)),
  shot: async ({}, use, testInfo) => {
    const dir = join(shotsDir, testInfo.project.name)
    mkdirSync(dir, { recursive: true })
    await use(async (page, name) => {
      await page.waitForLoadState('networkidle').catch(() => undefined)
      const path = join(dir, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      await testInfo.attach(name, { path, contentType: 'image/png' })
    })
  },
  signIn: async ({ w, isMobile, baseURL }, use) => {
    await use(async (page, email = ADMIN.email, password = ADMIN.password, at = baseURL) => {
      await page.goto(`${at}/login`)
      await page.getByLabel(w.email).fill(email)
      await page.getByLabel(w.password).fill(password)
      await page.getByRole('button', { name: w.signIn }).click()
      await expect(page).not.toHaveURL(/\/login/)
      // On a phone the menu waits behind a button.
      if (!isMobile) await expect(page.getByRole('navigation', { name: w.menu })).toBeVisible()
    })
  },
  session: async ({ context, baseURL }, use) => {
    await use(async (email = ADMIN.email, password = ADMIN.password) => {
      const answer = await context.request.post(`${baseURL}/api/v1/auth/login`, { data: { email, password } })
      expect(answer.ok(), `sign-in failed: ${answer.status()}`).toBe(true)
    })
  },
})

/** The number a stat card shows (its accessible name is "label: number"). */
export async function stat(page: Page, label: string) {
  const el = page.getByLabel(new RegExp(`^${label}: `))
  await expect(el).toBeVisible()
  return Number((await el.getAttribute('aria-label'))!.split(': ')[1]!.replace(/\D/g, ''))
}

/** Waits until the stat card shows `n`. */
export async function expectStat(page: Page, label: string, n: number) {
  await expect(page.getByLabel(new RegExp(`^${label}: `))).toHaveAttribute('aria-label', new RegExp(`: ${n}$`))
}

/** The page does not scroll sideways (a phone's width holds it). */
export async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, `${new URL(page.url()).pathname} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(1)
}

/** Picks a record in an entity select by typing part of its name. */
export async function pickEntity(page: Page, label: string, search: string, option: string) {
  const trigger = page.getByRole('button', { name: new RegExp(`^${label}`) })
  for (let i = 0; i < 5 && !(await page.getByRole('listbox').isVisible()); i++) {
    await trigger.click()
    await page.waitForTimeout(300)
  }
  await expect(page.getByRole('listbox')).toBeVisible()
  await page.keyboard.type(search)
  await page.getByRole('option', { name: option }).click()
  await expect(page.getByRole('listbox')).toBeHidden()
  await page.waitForTimeout(300)
}

/** Next year: openings past their end take no applications. */
export const nextYear = new Date().getFullYear() + 1

// A real one-page PDF: CVs are checked as whole files.
export const ONE_PAGE_PDF = Buffer.from(
  'JVBERi0xLjMKJeLjz9MKMSAwIG9iago8PAovUHJvZHVjZXIgKHB5cGRmKQo+PgplbmRvYmoKMiAwIG9iago8PAovVHlwZSAvUGFnZXMKL0NvdW50IDEKL0tpZHMgWyA0IDAgUiBdCj4+CmVuZG9iagozIDAgb2JqCjw8Ci9UeXBlIC9DYXRhbG9nCi9QYWdlcyAyIDAgUgo+PgplbmRvYmoKNCAwIG9iago8PAovVHlwZSAvUGFnZQovUmVzb3VyY2VzIDw8Cj4+Ci9NZWRpYUJveCBbIDAuMCAwLjAgMjAwIDIwMCBdCi9QYXJlbnQgMiAwIFIKPj4KZW5kb2JqCnhyZWYKMCA1CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAxNSAwMDAwMCBuIAowMDAwMDAwMDU0IDAwMDAwIG4gCjAwMDAwMDAxMTMgMDAwMDAgbiAKMDAwMDAwMDE2MiAwMDAwMCBuIAp0cmFpbGVyCjw8Ci9TaXplIDUKL1Jvb3QgMyAwIFIKL0luZm8gMSAwIFIKPj4Kc3RhcnR4cmVmCjI1NgolJUVPRgo=',
  'base64',
)
