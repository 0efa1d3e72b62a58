// What a signed-in first load asks the server, and when.
import { ADMIN, expect, nextYear, test } from './fixtures'

/** Whether `event` comes within ten seconds: the longest a test holds the page's requests waiting for it. */
function within10s(event: Promise<unknown>): Promise<boolean> {
  return Promise.race([event.then(() => true, () => false), new Promise<boolean>((ok) => setTimeout(() => ok(false), 10_000))])
}

test('the dashboard’s requests leave beside the session check, not after its answer', async ({ page, session, w }) => {
  await session()
  // The session check is held until the dashboard has asked for its figures (or for at most ten seconds): were the
  // figures asked for only once the check had answered, they would never come while it is held.
  let askedForFigures = () => {}
  const figures = new Promise<void>((ok) => (askedForFigures = ok))
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/analytics/overview')) askedForFigures()
  })
  let heldUntilFigures: boolean | undefined
  await page.route('**/api/v1/auth/me', async (route) => {
    heldUntilFigures = await within10s(figures)
    await route.continue()
  })
  await page.goto('/')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(heldUntilFigures, 'the dashboard waited for the session check before asking for its figures').toBe(true)
})

test('the dashboard’s figures are asked for by the page’s HTML, before the app’s code arrives, and only once', async ({ page, session, w }) => {
  await session()
  // Every script of the app is held until the figures have been asked for (or for at most ten seconds): were they
  // asked for by the app's own code, they could not be while it is held.
  let askedForFigures = () => {}
  const figures = new Promise<void>((ok) => (askedForFigures = ok))
  const asked: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (!url.pathname.startsWith('/api/')) return
    asked.push(url.pathname)
    if (url.pathname === '/api/v1/analytics/overview') askedForFigures()
  })
  let heldUntilFigures = true
  await page.route('**/_nuxt/*.js', async (route) => {
    heldUntilFigures &&= await within10s(figures)
    await route.continue()
  })
  await page.goto('/')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(heldUntilFigures, 'the figures were asked for only once the app’s code had arrived').toBe(true)
  await page.waitForLoadState('networkidle')
  const once = ['/api/v1/auth/me', '/api/v1/analytics/overview', '/api/v1/applications/counts', '/api/v1/analytics/funnel', '/api/v1/analytics/time-to-hire', '/api/v1/analytics/distribution']
  for (const path of once) expect(asked.filter((p) => p === path), `${path} asked for again by the app`).toHaveLength(1)
})

test('the catalogue’s openings are asked for by the page’s HTML, before the app’s code arrives, and only once', async ({ page, api, uid }) => {
  const company = await api('POST', '/companies', { name: `ООО «Томские данные» ${uid}` })
  await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-разработчик ${uid}`, status: 'active', starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  let askedForOpenings = () => {}
  const openings = new Promise<void>((ok) => (askedForOpenings = ok))
  const asked: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname !== '/api/v1/public/openings') return
    asked.push(url.search)
    askedForOpenings()
  })
  let heldUntilOpenings = true
  await page.route('**/_nuxt/*.js', async (route) => {
    heldUntilOpenings &&= await within10s(openings)
    await route.continue()
  })
  await page.goto('/catalogue?kind=internship')
  await expect(page.locator('main ul li a').first()).toBeVisible()
  expect(heldUntilOpenings, 'the openings were asked for only once the app’s code had arrived').toBe(true)
  await page.waitForLoadState('networkidle')
  expect(asked, 'the first page of openings asked for again by the app').toHaveLength(1)
  expect(asked[0]).toContain('kind=internship')
})

test('an answer asked for before a sign-in does not answer the page after it', async ({ page, context, baseURL, w }) => {
  // The hint without a session: index.html asks for the dashboard, and is refused. After signing in, the dashboard
  // asks again and shows its figures, instead of taking those refusals and sending the person back to sign in.
  await context.addCookies([{ name: 'internhub_signed_in', value: '1', url: baseURL! }])
  await page.goto('/')
  await expect(page.getByRole('button', { name: w.signIn })).toBeVisible()
  await page.getByLabel(w.email).fill(ADMIN.email)
  await page.getByLabel(w.password).fill(ADMIN.password)
  await page.getByRole('button', { name: w.signIn }).click()
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(new URL(page.url()).pathname).toBe('/')
})

test('a browser that signed in before but whose session has ended lands on the sign-in page, once', async ({ page, context, baseURL, w }) => {
  // The readable hint says there may be a session; the server knows of none: the dashboard's early requests and
  // the session check are all refused.
  await context.addCookies([{ name: 'internhub_signed_in', value: '1', url: baseURL! }])
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const signInLoads: string[] = []
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame() && new URL(f.url()).pathname === '/login') signInLoads.push(f.url())
  })
  await page.goto('/')
  await expect(page.getByRole('button', { name: w.signIn })).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(new URL(page.url()).pathname).toBe('/login')
  expect(new URL(page.url()).search, 'the dashboard is where a sign-in lands anyway').toBe('')
  expect(errors).toEqual([])
  expect(signInLoads, 'sent to the sign-in page more than once').toHaveLength(1)
})

test('the first number format is made while the app’s code is still on its way, not while the figures are drawn', async ({ page, session, w }) => {
  await session()
  // The first Intl.NumberFormat of a page loads the locale data (about 75 ms on Lighthouse's slowed phone CPU). Every
  // script of the app is held until one has been made (or for at most ten seconds): made by the app's own code, none
  // could be while the scripts are held.
  await page.addInitScript(() => {
    const Original = Intl.NumberFormat
    const record = window as unknown as { numberFormatMade?: boolean }
    Intl.NumberFormat = new Proxy(Original, {
      construct(target, args) {
        record.numberFormatMade = true
        return Reflect.construct(target, args)
      },
    })
  })
  let madeWhileHeld = true
  await page.route('**/_nuxt/*.js', async (route) => {
    madeWhileHeld &&= await within10s(page.waitForFunction(() => (window as unknown as { numberFormatMade?: boolean }).numberFormatMade === true, undefined, { timeout: 10_000, polling: 50 }))
    await route.continue()
  })
  await page.goto('/')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(madeWhileHeld, 'the first number format was made by the app’s code, as it drew the figures').toBe(true)
})

test('a dashboard link with a period it does not know shows the last 30 days, not an error', async ({ page, session, w }) => {
  await session()
  await page.goto('/?period=bogus&kind=intern')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  await expect(page.getByRole('combobox', { name: w.period })).toHaveText(w.last30Days)
})
