// Reports: ordered, made in the background, listed with a download.
import { expect, test } from './fixtures'

test('order a report, see it made and listed with a download', async ({ page, session, shot, baseURL }) => {
  await session()
  await page.goto('/')
  await page.getByRole('link', { name: 'Отчёты' }).click()
  await page.getByRole('button', { name: 'Сформировать' }).click()
  await expect(page.getByRole('region', { name: /Notifications/ }).getByText('Отчёт поставлен в очередь')).toBeVisible()
  const download = page.getByRole('link', { name: 'Скачать «Общий отчёт»' }).first()
  await expect(download).toBeVisible({ timeout: 60_000 })
  const file = await page.request.get(new URL((await download.getAttribute('href'))!, baseURL).href)
  expect(file.ok(), `the report did not download: ${file.status()}`).toBe(true)
  expect((await file.body()).length).toBeGreaterThan(1000)
  await shot(page, '17-reports')
})
