// Connecting a workspace that has records to a portal that has records of its own: a server and a sandbox portal
// of the test's own.
import { expect, test } from './fixtures'
import { ADMIN, startSandboxPortal, startServer } from './server.mjs'

test('a workspace with records connects to a portal with records: the plan, accepted, carried out', async ({ newContext, signIn, shot }) => {
  test.setTimeout(240_000)
  const portal = await startSandboxPortal()
  const demo = ['demo-data', '--universities', '2', '--companies', '8', '--students', '30', '--openings', '6', '--applications', '30']
  const second = await startServer({ env: { INTERNHUB_BITRIX24_WEBHOOK_URL: portal.webhook }, setup: [demo] })
  try {
    const page = await (await newContext()).newPage()
    await signIn(page, ADMIN.email, ADMIN.password, second.base)
    await page.goto(`${second.base}/bitrix24`)
    const card = page.getByTestId('connection')
    await expect(card.getByText('Ждёт подтверждения')).toBeVisible({ timeout: 60_000 })
    await expect(card.getByText('Ни здесь, ни в Битрикс24 ещё ничего не записано', { exact: false })).toBeVisible()
    const toCreate = await card.getByRole('row', { name: /^Работодатели/ }).getByRole('cell').allInnerTexts()
    expect(Number(toCreate[1]), `all 8 employers are to be created in Bitrix24: ${toCreate}`).toBe(8)
    await shot(page, '15-bitrix24-connection-plan')
    await card.getByRole('button', { name: 'Принять план' }).click()
    await expect(card.getByText('Обе стороны согласованы', { exact: false })).toBeVisible({ timeout: 120_000 })
    await expect(card.getByText(/^Отправлено в Битрикс24: (\d+) из \1$/)).toBeVisible()
    await shot(page, '15-bitrix24-connection-done')
  } finally {
    await second.stop()
    portal.stop()
  }
})
