// The Bitrix24 screen of a workspace connected to the built-in sandbox portal.
import { expect, test } from './fixtures'

test.beforeEach(async ({ session }) => session())

test('the Bitrix24 mapping offers the portal’s pipelines and stages by name', async ({ page, shot }) => {
  await page.goto('/')
  await page.getByRole('link', { name: 'Битрикс24' }).click()
  await page.getByRole('tab', { name: 'Воронки и стадии' }).click()
  await expect(page.getByText(/^InternHub: отклики \(\d+\)$/)).toBeVisible()
  await expect(page.getByText(/^Deal successful · C\d+:WON$/).first()).toBeVisible()
  await shot(page, '15-bitrix24-mapping')
  await page.getByRole('tab', { name: 'Конфликты' }).click()
  await expect(page.getByText('Конфликтов нет: все изменения из Битрикс24 применены')).toBeVisible()
})

test('matching the portal’s records again once they are linked finds nothing to decide', async ({ page, api, uid }) => {
  // A record made here reaches the portal on its own; once linked, matching again must not plan it a second time.
  const company = await api('POST', '/companies', { name: `ООО «Обские системы» ${uid}` })
  await expect.poll(async () => (await api('GET', `/companies/${company.id}`)).bitrix24_company_id, { timeout: 60_000 }).toBeTruthy()
  await page.goto('/bitrix24')
  const card = page.getByTestId('connection')
  await expect(card.getByText('Записи этого портала ещё не сопоставлены с нашими', { exact: false })).toBeVisible()
  await card.getByRole('button', { name: 'Сопоставить записи' }).click()
  await expect(card.getByText('Обе стороны согласованы', { exact: false })).toBeVisible({ timeout: 60_000 })
  const linked = await card.getByRole('row', { name: /^Всего/ }).getByRole('cell').allInnerTexts()
  expect(linked.every((cell) => cell.trim() === '0'), `records linked already were planned again: ${linked}`).toBe(true)
})
