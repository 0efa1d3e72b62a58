// What a signed-in first load asks the server, and when.
import { expect, test } from './fixtures'

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
    heldUntilFigures = await Promise.race([figures.then(() => true), new Promise<boolean>((ok) => setTimeout(() => ok(false), 10_000))])
    await route.continue()
  })
  await page.goto('/')
  await expect(page.getByLabel(new RegExp(`^${w.active}: `))).toBeVisible()
  expect(heldUntilFigures, 'the dashboard waited for the session check before asking for its figures').toBe(true)
})
