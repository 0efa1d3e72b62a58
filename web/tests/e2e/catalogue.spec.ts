// The public catalogue, as a visitor without an account sees it.
import { expect, expectNoSidewaysScroll, nextYear, test } from './fixtures'

test('the catalogue finds by every word and by city, keeps its filters in the address, and says when nothing matches', { tag: '@matrix' }, async ({ api, newContext, shot, uid, w }) => {
  const company = await api('POST', '/companies', { name: `ООО «Сибирские системы» ${uid}` })
  const opening = `Стажёр-аналитик ${uid}`
  await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: opening, city: 'Томск', status: 'active', slots: 2, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const past = await api('POST', '/companies', { name: `Прошлое ${uid}` })
  await api('POST', '/openings', { company_id: past.id, kind: 'internship', title: `Летняя школа ${uid}`, city: 'Томск', status: 'active', slots: 1, starts_on: '2020-06-01', ends_on: '2020-08-31' })

  const visitor = await (await newContext()).newPage()
  const askedWhoAmI: string[] = []
  visitor.on('request', (r) => {
    if (r.url().includes('/api/v1/auth/me')) askedWhoAmI.push(r.url())
  })
  await visitor.goto('/catalogue')
  await expect(visitor.getByRole('link', { name: opening })).toBeVisible()
  await expectNoSidewaysScroll(visitor)
  await visitor.getByLabel(w.search).fill(`сибирские томск ${uid}`)
  await expect(visitor).toHaveURL(/q=/)
  await expect(visitor.getByRole('link', { name: opening })).toBeVisible()
  await expect(visitor.getByRole('link', { name: `Летняя школа ${uid}` }), 'an ended opening is offered').toHaveCount(0)
  await visitor.reload()
  await expect(visitor.getByLabel(w.search), 'the search was lost on reload').toHaveValue(`сибирские томск ${uid}`)
  await expect(visitor.getByRole('link', { name: opening })).toBeVisible()
  await visitor.getByLabel(w.search).fill(`томск казань ${uid}`)
  await expect(visitor.getByText(w.noMatch)).toBeVisible()
  await visitor.getByRole('button', { name: w.clearFilters }).click()
  await expect(visitor.getByRole('link', { name: opening })).toBeVisible()
  await visitor.getByRole('combobox', { name: w.city }).click()
  await visitor.getByRole('option', { name: /^Томск \(\d+\)$/ }).click()
  await expect(visitor).toHaveURL(/city=/)
  await expect(visitor.getByRole('link', { name: opening })).toBeVisible()
  await expectNoSidewaysScroll(visitor)
  await shot(visitor, '07b-catalogue-search')
  expect(askedWhoAmI, 'an anonymous visitor’s pages asked /auth/me').toEqual([])
})

test('a filter of the catalogue opens from the keyboard the first time, and the choice sticks', { tag: '@matrix' }, async ({ newContext, w }) => {
  const visitor = await (await newContext()).newPage()
  await visitor.goto('/catalogue')
  const format = visitor.getByRole('combobox', { name: w.format })
  await format.focus()
  await visitor.keyboard.press('ArrowDown')
  const remote = visitor.getByRole('option', { name: w.remote, exact: true })
  await expect(remote, 'the list did not open from the keyboard').toBeVisible()
  await remote.focus()
  await visitor.keyboard.press('Enter')
  await expect(visitor).toHaveURL(/format=remote/)
  await expect(visitor.getByRole('combobox', { name: w.format })).toHaveText(w.remote)
  await expect(visitor.getByRole('combobox', { name: w.format }), 'the focus left the filter').toBeFocused()
})

test('a filter of the catalogue stays in its place while its list’s code loads, and still opens after that code failed to arrive', { tag: '@matrix' }, async ({ newContext, w }) => {
  const visitor = await (await newContext()).newPage()
  await visitor.goto('/catalogue')
  const format = visitor.getByRole('combobox', { name: w.format })
  await expect(format).toBeVisible()
  const before = await format.boundingBox()
  // The line drops: no script arrives.
  await visitor.route('**/_nuxt/*.js', (route) => route.abort('internetdisconnected'))
  await format.click()
  await visitor.waitForTimeout(500)
  await expect(format, 'the filter went away with its code').toBeVisible()
  expect(await format.boundingBox()).toEqual(before)
  // Back, and slow: the filter stays put until its list can open.
  let release = () => {}
  const held = new Promise<void>((ok) => (release = ok))
  await visitor.unroute('**/_nuxt/*.js')
  await visitor.route('**/_nuxt/*.js', async (route) => {
    await held
    await route.continue()
  })
  await format.click()
  await visitor.waitForTimeout(500)
  await expect(format, 'the filter went away while its code loaded').toBeVisible()
  expect(await format.boundingBox()).toEqual(before)
  release()
  await expect(visitor.getByRole('option', { name: w.remote, exact: true })).toBeVisible()
  expect(await visitor.getByRole('listbox').count(), 'more than one list opened').toBe(1)
})

test('a filter shows the value from the address before its list of choices has arrived', async ({ api, newContext, uid, w }) => {
  const company = await api('POST', '/companies', { name: `ООО «Томские сети» ${uid}` })
  await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-сетевик ${uid}`, city: 'Томск', status: 'active', starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const visitor = await (await newContext()).newPage()
  let release = () => {}
  const held = new Promise<void>((ok) => (release = ok))
  await visitor.route('**/api/v1/public/cities', async (route) => {
    await held
    await route.continue()
  })
  await visitor.goto(`/catalogue?city=${encodeURIComponent('Томск')}`)
  await expect(visitor.getByRole('combobox', { name: w.city })).toHaveText('Томск')
  release()
  await expect(visitor.getByRole('combobox', { name: w.city })).toHaveText(/^Томск \(\d+\)$/)
})

test('the catalogue’s title and introduction show before the app’s scripts have run, and nothing moves when the app takes over', { tag: '@matrix' }, async ({ newContext, w }) => {
  const visitor = await (await newContext()).newPage()
  let release = () => {}
  const held = new Promise<void>((ok) => (release = ok))
  await visitor.route(/\/_nuxt\/.*\.js$/, async (route) => {
    await held
    await route.continue()
  })
  // (The page's scripts are held, so its load events wait: the test waits for what it looks at.)
  // Another path's first screen depends on the session: nothing is drawn there before the app.
  await visitor.goto('/login', { waitUntil: 'commit' })
  await expect(visitor.locator('#first-paint')).toBeAttached()
  await expect(visitor.locator('#first-paint')).toBeHidden()

  await visitor.goto('/catalogue', { waitUntil: 'commit' })
  const first = visitor.locator('#first-paint')
  await expect(first.getByText(w.catalogueTitle, { exact: true }).last(), 'the title waits for the scripts').toBeVisible()
  const intro = first.getByText(w.catalogueIntro)
  await expect(intro).toBeVisible()
  const drawn = await intro.boundingBox()
  release()
  await expect(visitor.getByRole('heading', { level: 1, name: w.catalogueTitle })).toBeVisible()
  await expect(first, 'the first paint stays over the app').toHaveCount(0)
  const real = await visitor.getByRole('main').getByText(w.catalogueIntro).boundingBox()
  expect(real, 'the introduction moved when the app took over').toEqual(drawn)
})

test('nothing on the catalogue moves while it fills in', { tag: '@matrix' }, async ({ api, newContext, uid }) => {
  // More openings than fit one screen, so the list grows past the bottom of the first one.
  const company = await api('POST', '/companies', { name: `ООО «Енисейские сети» ${uid}` })
  for (let i = 1; i <= 6; i++) {
    await api('POST', '/openings', { company_id: company.id, kind: 'vacancy', title: `Инженер данных ${i} ${uid}`, city: 'Красноярск', status: 'active', slots: 1, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  }
  const visitor = await (await newContext()).newPage()
  await visitor.addInitScript(() => {
    const shifts: { value: number; nodes: string[] }[] = []
    Object.assign(window, { shifts })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
        if (!entry.hadRecentInput) shifts.push({ value: entry.value, nodes: (entry.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 80) ?? '?') })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
  await visitor.goto('/catalogue')
  await expect(visitor.getByRole('main').getByRole('listitem').nth(5)).toBeVisible()
  await visitor.waitForLoadState('networkidle')
  const shifts = await visitor.evaluate(() => (window as unknown as { shifts: { value: number; nodes: string[] }[] }).shifts)
  expect(shifts, 'something on the first screen moved as the catalogue filled in').toEqual([])
})
