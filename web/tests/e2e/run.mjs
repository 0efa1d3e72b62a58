// Browser tests against the real server: what a person does, found by role and label.
// Runs Debian's Chromium through playwright-core (no browser download); every request that leaves
// the loopback interface is blocked and fails the run. Screenshots go to test-results/screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { auditAll } from './a11y.mjs'
import { ADMIN, apiClient, startSandboxPortal, startServer } from './server.mjs'

const webRoot = new URL('../..', import.meta.url).pathname
const shotsDir = join(webRoot, 'test-results', 'screenshots')
mkdirSync(shotsDir, { recursive: true })
const BUDGET_KB = 300
// A real one-page PDF: CVs are checked as whole files.
const ONE_PAGE_PDF = 'JVBERi0xLjMKJeLjz9MKMSAwIG9iago8PAovUHJvZHVjZXIgKHB5cGRmKQo+PgplbmRvYmoKMiAwIG9iago8PAovVHlwZSAvUGFnZXMKL0NvdW50IDEKL0tpZHMgWyA0IDAgUiBdCj4+CmVuZG9iagozIDAgb2JqCjw8Ci9UeXBlIC9DYXRhbG9nCi9QYWdlcyAyIDAgUgo+PgplbmRvYmoKNCAwIG9iago8PAovVHlwZSAvUGFnZQovUmVzb3VyY2VzIDw8Cj4+Ci9NZWRpYUJveCBbIDAuMCAwLjAgMjAwIDIwMCBdCi9QYXJlbnQgMiAwIFIKPj4KZW5kb2JqCnhyZWYKMCA1CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAxNSAwMDAwMCBuIAowMDAwMDAwMDU0IDAwMDAwIG4gCjAwMDAwMDAxMTMgMDAwMDAgbiAKMDAwMDAwMDE2MiAwMDAwMCBuIAp0cmFpbGVyCjw8Ci9TaXplIDUKL1Jvb3QgMyAwIFIKL0luZm8gMSAwIFIKPj4Kc3RhcnR4cmVmCjI1NgolJUVPRgo='
const started = Date.now()
const results = []
const external = []

function assert(condition, message) {
  if (!condition) throw new Error(message)
}

async function step(name, fn) {
  // E2E_ONLY='words|other words' runs only the steps whose names hold them (later steps may need earlier ones).
  if (process.env.E2E_ONLY && !process.env.E2E_ONLY.split('|').some((words) => name.includes(words))) return
  const t0 = Date.now()
  try {
    await fn()
    results.push({ name, ok: true, ms: Date.now() - t0 })
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`)
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - t0, error })
    for (const p of browser.contexts().flatMap((c) => c.pages())) {
      await p.screenshot({ path: join(shotsDir, `failed-${results.length}.png`) }).catch(() => undefined)
    }
    console.log(`  ✗ ${name}\n    ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n    ')}`)
  }
}

const server = await startServer()
const { base } = server
const api = await apiClient(base, ADMIN.email, ADMIN.password)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ru-RU', ...options })
  context.setDefaultTimeout(20_000)
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    // The browser's own pages (its PDF viewer) are not requests that leave the machine.
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || !url.protocol.startsWith('http')) return route.continue()
    external.push(url.href)
    return route.abort()
  })
  return context
}

async function shot(page, name) {
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true })
}

async function signIn(page, email, password, at = base) {
  await page.goto(`${at}/login`)
  await page.getByLabel('Эл. почта').fill(email)
  await page.getByLabel('Пароль').fill(password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.getByRole('navigation', { name: 'Меню' }).waitFor()
}

async function stat(page, label) {
  const el = page.getByLabel(new RegExp(`^${label}: `))
  await el.waitFor()
  return Number((await el.getAttribute('aria-label')).split(': ')[1].replace(/\D/g, ''))
}

async function pickEntity(page, label, search, option) {
  const trigger = page.getByRole('button', { name: new RegExp(`^${label}`) })
  for (let i = 0; i < 5 && !(await page.getByRole('listbox').isVisible()); i++) {
    await trigger.click()
    await page.waitForTimeout(300)
  }
  await page.getByRole('listbox').waitFor()
  await page.keyboard.type(search)
  await page.getByRole('option', { name: option }).click()
  await page.getByRole('listbox').waitFor({ state: 'hidden' })
  await page.waitForTimeout(300)
}

const run = `${Date.now()}`.slice(-5)
const names = {
  university: `Томский политехнический университет ${run}`,
  company: `ООО «Сибирские системы» ${run}`,
  opening: `Стажёр-аналитик ${run}`,
  student: `Алексеева Дарья ${run}`,
}
const ids = {}
const nextYear = new Date().getFullYear() + 1 // openings past their end take no applications

try {
  const context = await newContext()
  const page = await context.newPage()
  const before = {}

  await step('sign in; the menu shows what an admin may see', async () => {
    await page.goto(`${base}/login`)
    await shot(page, '01-login')
    await signIn(page, ADMIN.email, ADMIN.password)
    for (const item of ['Обзор', 'Отклики', 'Вузы', 'Компании', 'Битрикс24']) {
      assert(await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: item }).isVisible(), `menu lacks ${item}`)
    }
    before.active = await stat(page, 'Отклики в работе')
    before.hires = await stat(page, 'Приняты на работу')
    await shot(page, '02-dashboard-empty')
  })

  await step('create a university and an API key shown once', async () => {
    await page.getByRole('link', { name: 'Вузы' }).click()
    await page.getByRole('button', { name: 'Новый вуз' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await dialog.getByText('Обязательное поле').waitFor()
    await dialog.getByLabel('Полное название').fill(names.university)
    await dialog.getByLabel('Краткое название').fill('ТПУ')
    await dialog.getByLabel('Город').fill('Томск')
    await dialog.getByLabel('Почта центра карьеры').fill('career@tpu.example.com')
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await page.waitForURL(/\/universities\/\d+$/)
    ids.university = Number(page.url().split('/').pop())
    await page.getByRole('tab', { name: 'API-ключи' }).click()
    await page.getByLabel('Название ключа').fill('Выгрузка из 1С')
    await page.getByRole('button', { name: 'Создать ключ' }).click()
    const key = await page.getByTestId('new-api-key').textContent()
    assert(key && key.length > 20, `no key shown: ${key}`)
    await shot(page, '03-university-api-key')
  })

  await step('create a company', async () => {
    await page.getByRole('link', { name: 'Компании' }).click()
    await page.getByRole('button', { name: 'Новая компания' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Название').fill(names.company)
    await dialog.getByLabel('ИНН').fill('12')
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await dialog.getByText('ИНН — 10 или 12 цифр').waitFor()
    await dialog.getByLabel('ИНН').fill('')
    await dialog.getByLabel('Отрасль').fill('ИТ')
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await page.waitForURL(/\/companies\/\d+$/)
    ids.company = Number(page.url().split('/').pop())
    await shot(page, '04-company')
  })

  await step('create an opening, see validation, publish it', async () => {
    await page.getByRole('link', { name: 'Вакансии и стажировки' }).click()
    await page.getByRole('link', { name: 'Новая вакансия' }).click()
    await page.getByRole('button', { name: 'Создать черновик' }).click()
    await page.getByText('Обязательное поле').first().waitFor()
    await page.getByLabel('Название').fill(names.opening)
    await pickEntity(page, 'Компания', 'Сибирские', names.company)
    await page.getByLabel('Город').fill('Томск')
    await page.getByLabel('Описание').fill('Аналитика данных, SQL, дашборды.')
    await page.getByLabel('Начало').fill(`${nextYear}-07-01`)
    await page.getByLabel('Окончание').fill(`${nextYear}-06-01`)
    await page.getByRole('button', { name: 'Создать черновик' }).click()
    await page.getByText('Дата окончания раньше даты начала').waitFor()
    await page.getByLabel('Окончание').fill(`${nextYear}-09-01`)
    await page.getByRole('button', { name: 'Создать черновик' }).click()
    await page.waitForURL(/\/openings\/\d+$/)
    ids.opening = Number(page.url().split('/').pop())
    await page.getByText('Черновик').first().waitFor()
    await page.getByText('Аналитика данных, SQL, дашборды.').waitFor()
    await page.getByText('Томск', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Опубликовать' }).click()
    await page.getByText('Опубликована', { exact: true }).waitFor()
    await shot(page, '05-opening-published')
    await page.getByRole('link', { name: 'Вакансии и стажировки' }).click()
    await page.getByRole('link', { name: names.opening }).waitFor()
    await shot(page, '06-openings-list')
  })

  await step('apply (public form when the server has it, else through the API)', async () => {
    const publicApi = await fetch(`${base}/api/v1/public/openings`)
    if (publicApi.status !== 404) {
      const visitor = await (await newContext()).newPage()
      await visitor.goto(`${base}/catalogue`)
      await visitor.getByRole('link', { name: names.opening }).click()
      await visitor.getByLabel('ФИО').fill(names.student)
      await visitor.getByLabel('Эл. почта').fill(`daria${run}@example.com`)
      await visitor.getByLabel('Вуз').fill('политехнический')
      // The universities the API knows are offered as the applicant types.
      await visitor.locator(`#apply-universities option[value="${names.university}"]`).waitFor({ state: 'attached' })
      if ((await visitor.getByLabel('Вуз').getAttribute('list')) !== 'apply-universities') throw new Error('the university field offers no suggestions')
      await visitor.getByLabel('Вуз').fill('ТПУ')
      await visitor.getByRole('spinbutton', { name: /^Курс/ }).fill('3')
      await visitor.locator('input[type=file]').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: Buffer.from(ONE_PAGE_PDF, 'base64') })
      await visitor.getByText('На что я даю согласие').click() // the text consented to is there to read
      await visitor.getByTestId('consent-text').getByText(/Я даю согласие на обработку моих персональных данных/).waitFor()
      await visitor.getByLabel('Я согласен(на) на обработку персональных данных').check()
      await visitor.getByRole('button', { name: 'Отправить отклик' }).click()
      await visitor.getByText('Отклик отправлен').waitFor()
      await shot(visitor, '07-public-applied')
      await visitor.getByRole('link', { name: 'Открыть страницу статуса' }).click()
      await visitor.getByText('Новый').first().waitFor()
      await shot(visitor, '08-public-status')
    } else {
      const visitor = await (await newContext()).newPage()
      await visitor.goto(`${base}/catalogue`)
      await visitor.getByText('Скоро появится').waitFor()
      await shot(visitor, '07-public-catalogue-not-available')
      const student = await api('POST', '/students', { university_id: ids.university, full_name: names.student, email: `daria${run}@example.com`, course: 3 })
      await api('POST', '/applications', { opening_id: ids.opening, student_id: student.id, cover_letter: 'Хочу к вам на стажировку.' })
    }
    await page.getByRole('link', { name: 'Обзор' }).click()
    await page.waitForFunction(
      ([label, n]) => document.querySelector(`[aria-label^="${label}: "]`)?.getAttribute('aria-label')?.endsWith(`: ${n}`),
      ['Отклики в работе', before.active + 1],
    )
  })

  await step('the catalogue finds by every word and by city, keeps its filters in the address, and says when nothing matches', async () => {
    const company = await api('POST', '/companies', { name: `Прошлое ${run}` })
    await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Летняя школа ${run}`, city: 'Томск', status: 'active', slots: 1, starts_on: '2020-06-01', ends_on: '2020-08-31' })
    const visitorContext = await newContext()
    const visitor = await visitorContext.newPage()
    const askedWhoAmI = []
    visitor.on('request', (r) => r.url().includes('/api/v1/auth/me') && askedWhoAmI.push(r.url()))
    await visitor.goto(`${base}/catalogue`)
    await visitor.getByRole('link', { name: names.opening }).waitFor()
    await visitor.getByLabel('Поиск').fill(`сибирские томск ${run}`)
    await visitor.waitForURL(/q=/)
    await visitor.getByRole('link', { name: names.opening }).waitFor()
    assert((await visitor.getByRole('link', { name: `Летняя школа ${run}` }).count()) === 0, 'an ended opening is offered')
    await visitor.reload()
    assert((await visitor.getByLabel('Поиск').inputValue()) === `сибирские томск ${run}`, 'the search was lost on reload')
    await visitor.getByRole('link', { name: names.opening }).waitFor()
    await visitor.getByLabel('Поиск').fill(`томск казань ${run}`)
    await visitor.getByText('По этим условиям ничего не нашлось').waitFor()
    await visitor.getByRole('button', { name: 'Сбросить фильтры' }).click()
    await visitor.getByRole('link', { name: names.opening }).waitFor()
    await visitor.getByRole('combobox', { name: 'Город' }).click()
    await visitor.getByRole('option', { name: /^Томск \(\d+\)$/ }).click()
    await visitor.waitForURL(/city=/)
    await visitor.getByRole('link', { name: names.opening }).waitFor()
    await shot(visitor, '07b-catalogue-search')
    assert(askedWhoAmI.length === 0, `an anonymous visitor's pages asked /auth/me ${askedWhoAmI.length} times`)
    await visitorContext.close()
  })

  await step('move the application across the board; a refused move snaps back', async () => {
    await page.getByRole('link', { name: 'Отклики' }).click()
    const card = page.getByRole('article', { name: new RegExp(names.student) })
    await card.waitFor()
    // The card's preview shows the candidate without leaving the board.
    await card.getByRole('button', { name: 'Кандидат' }).click()
    await card.getByText(names.university).waitFor()
    await card.getByRole('link', { name: 'Открыть резюме' }).waitFor()
    await card.getByRole('button', { name: 'Кандидат' }).click()
    const column = (status) => page.locator(`section[data-status="${status}"]`)
    await card.dragTo(column('interview'))
    await page.getByRole('region', { name: /Notifications/ }).getByText('Отклик переведён: Собеседование').waitFor()
    await column('interview').getByRole('article', { name: new RegExp(names.student) }).waitFor()
    await card.dragTo(column('new'))
    const toasts = page.getByRole('region', { name: /Notifications/ })
    await toasts.getByText('Перемещение отклонено').waitFor()
    await toasts.getByText(/Нельзя перевести из «Собеседование» в «Новый»\. Можно перевести в: Оффер, Принят/).waitFor()
    await column('interview').getByRole('article', { name: new RegExp(names.student) }).waitFor()
    assert((await column('new').getByRole('article', { name: new RegExp(names.student) }).count()) === 0, 'card did not snap back')
    await shot(page, '09-board')
    // Hiring e-mails the candidate: it is confirmed, and can be undone for a few seconds.
    await card.getByRole('button', { name: /Перевести отклик/ }).click()
    await page.getByRole('menuitem', { name: 'Принят' }).click()
    await page.getByRole('dialog', { name: 'Принять кандидата?' }).getByRole('button', { name: 'Принять' }).click()
    await column('hired').getByRole('article', { name: new RegExp(names.student) }).waitFor()
    await toasts.getByRole('button', { name: 'Отменить' }).click()
    await column('interview').getByRole('article', { name: new RegExp(names.student) }).waitFor()
    await page.waitForTimeout(6500) // past the undo window: nothing was sent
    assert((await api('GET', `/applications?status=interview&q=${encodeURIComponent(names.student)}`)).total === 1, 'an undone move reached the server')
    await card.getByRole('button', { name: /Перевести отклик/ }).click()
    await page.getByRole('menuitem', { name: 'Принят' }).click()
    await page.getByRole('dialog', { name: 'Принять кандидата?' }).getByRole('button', { name: 'Принять' }).click()
    await column('hired').getByRole('article', { name: new RegExp(names.student) }).waitFor()
    const detail = column('hired').getByRole('article', { name: new RegExp(names.student) }).getByRole('link')
    await detail.click()
    const history = page.getByRole('heading', { name: 'История' })
    // The board re-renders after the move; on a busy machine the first click can land on the old card.
    await history.waitFor({ timeout: 10_000 }).catch(async () => {
      await detail.click()
      await history.waitFor()
    })
    await page.getByText('Собеседование → Принят').waitFor()
    ids.application = Number(page.url().split('/').pop())
    await shot(page, '10-application-detail')
  })

  await step('the application page shows the candidate whole, and the CV opens in the browser’s viewer', async () => {
    const card = page.getByTestId('candidate')
    await card.getByText(names.university).waitFor()
    await card.getByText(`daria${run}@example.com`).waitFor()
    await card.getByText(/^3 курс/).waitFor()
    const [viewer] = await Promise.all([page.waitForEvent('popup'), card.getByRole('link', { name: 'Открыть резюме' }).click()])
    await viewer.waitForLoadState('load')
    assert((await viewer.evaluate(() => document.contentType)) === 'application/pdf', 'the CV did not open as a PDF')
    await viewer.close()
    const download = card.getByRole('link', { name: 'Скачать' })
    assert((await download.getAttribute('href')).endsWith('/cv?download=true'), 'no download link')
  })

  await step('the dashboard numbers change', async () => {
    await page.getByRole('link', { name: 'Обзор' }).click()
    await page.waitForFunction(
      ([label, n]) => document.querySelector(`[aria-label^="${label}: "]`)?.getAttribute('aria-label')?.endsWith(`: ${n}`),
      ['Приняты на работу', before.hires + 1],
    )
    assert((await stat(page, 'Отклики в работе')) === before.active, 'active applications should be back where they were')
    await page.getByRole('img', { name: /Принят: 1/ }).waitFor()
    await page.getByTestId('time-to-hire').getByText(/дн\./).first().waitFor()
    await page.getByRole('combobox', { name: 'Период' }).or(page.getByRole('button', { name: /^Период/ })).first().click()
    await page.getByRole('option', { name: 'Год' }).click()
    await page.waitForURL(/period=365d/)
    await page.reload()
    await page.getByRole('img', { name: /Принят: 1/ }).waitFor()
    assert(page.url().includes('period=365d'), 'the period was lost on reload')
    await shot(page, '11-dashboard')
  })

  await step('create a routing rule and explain where an application goes', async () => {
    const rule = `Томск ${run}`
    await page.getByRole('link', { name: 'Маршрутизация' }).click()
    await page.getByRole('article', { name: 'По умолчанию' }).waitFor()
    await page.getByRole('button', { name: 'Новое правило' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Сохранить' }).click()
    await dialog.getByText('Обязательное поле').waitFor()
    await dialog.getByLabel('Название').fill(rule)
    await dialog.getByLabel('Порядок').fill('1')
    await dialog.getByRole('checkbox', { name: 'Стажировка' }).check()
    await dialog.getByLabel('Города вакансии').fill('Томск, Новосибирск')
    await dialog.getByLabel('Метки').fill(`томск-${run}`)
    // A university picked, then the assignee chosen by name with one click: the click after a pick counts.
    await dialog.getByRole('button', { name: /^Вузы/ }).click()
    await page.keyboard.type('Томский')
    await page.getByRole('option', { name: 'ТПУ', exact: true }).click()
    await dialog.getByRole('list', { name: 'Вузы' }).getByText('ТПУ').waitFor()
    await dialog.getByRole('button', { name: /^Ответственный/ }).click()
    await page.getByRole('option', { name: /admin@example\.com/ }).click()
    await dialog.getByRole('button', { name: /^Ответственный/ }).getByText('admin@example.com').waitFor()
    await dialog.getByRole('button', { name: 'Сохранить' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const card = page.getByRole('article', { name: rule })
    await card.getByText('Ответственный: admin@example.com').waitFor()
    await card.getByText(/города: Томск, Новосибирск/i).waitFor()
    await card.getByText(`томск-${run}`).waitFor()
    await page.getByLabel('Номер отклика').fill(String(ids.application))
    await page.getByRole('button', { name: 'Объяснить' }).click()
    const steps = page.getByRole('list', { name: 'Проверка правил по порядку' })
    await steps.getByRole('listitem', { name: `${rule}: сработало` }).waitFor()
    await steps.getByRole('listitem', { name: 'По умолчанию: подходит, но раньше сработало другое' }).waitFor()
    await steps.getByText(`раньше решило правило «${rule}»`).waitFor() // the API's reason code, worded in Russian
    await page.getByText(`Решение: ${rule}`).waitFor()
    await shot(page, '16-routing-explain')
  })

  await step('order a report, see it made and listed with a download', async () => {
    await page.getByRole('link', { name: 'Отчёты' }).click()
    await page.getByRole('button', { name: 'Сформировать' }).click()
    await page.getByRole('region', { name: /Notifications/ }).getByText('Отчёт поставлен в очередь').waitFor()
    const download = page.getByRole('link', { name: 'Скачать «Общий отчёт»' }).first()
    await download.waitFor({ timeout: 60_000 })
    const file = await page.request.get(new URL(await download.getAttribute('href'), base).href)
    assert(file.ok() && (await file.body()).length > 1000, `the report did not download: ${file.status()}`)
    await shot(page, '17-reports')
  })

  await step('the Bitrix24 mapping offers the portal’s pipelines and stages by name', async () => {
    await page.getByRole('link', { name: 'Битрикс24' }).click()
    await page.getByRole('tab', { name: 'Воронки и стадии' }).click()
    await page.getByText(/^InternHub: отклики \(\d+\)$/).waitFor()
    await page.getByText(/^Deal successful · C\d+:WON$/).first().waitFor()
    await shot(page, '15-bitrix24-mapping')
    await page.getByRole('tab', { name: 'Конфликты' }).click()
    await page.getByText('Конфликтов нет: все изменения из Битрикс24 применены').waitFor()
  })

  await step('matching the portal’s records again once they are linked finds nothing to decide', async () => {
    const card = page.getByTestId('connection')
    await card.getByText('Записи этого портала ещё не сопоставлены с нашими', { exact: false }).waitFor()
    await card.getByRole('button', { name: 'Сопоставить записи' }).click()
    await card.getByText('Обе стороны согласованы', { exact: false }).waitFor({ timeout: 60_000 })
    const linked = await card.getByRole('row', { name: /^Всего/ }).getByRole('cell').allInnerTexts()
    assert(linked.every((cell) => cell.trim() === '0'), `records linked already were planned again: ${linked}`)
  })

  await step('an admin adds a user, gives them a company, and closes their access; the settings screen shows the setup', async () => {
    await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Пользователи' }).click()
    await page.getByRole('button', { name: 'Новый пользователь' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Эл. почта').fill(`hr${run}@example.com`)
    await dialog.getByLabel('Имя').fill(`Рекрутер ${run}`)
    await dialog.getByLabel('Пароль').fill('a-long-enough-password')
    await dialog.getByRole('combobox', { name: /^Роль/ }).or(dialog.getByRole('button', { name: /^Роль/ })).first().click()
    await page.getByRole('option', { name: /Рекрутер компании/ }).click()
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await dialog.getByText('Обязательное поле').waitFor() // a recruiter needs a company
    await pickEntity(page, 'Компания', 'Сибирские', names.company)
    await dialog.getByRole('button', { name: 'Создать' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = page.getByRole('row', { name: new RegExp(`Рекрутер ${run}`) })
    await row.getByText(names.company).waitFor()
    await row.getByRole('button', { name: `Изменить: Рекрутер ${run}` }).click()
    await page.getByRole('dialog').getByRole('switch', { name: 'Доступ открыт' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click()
    await row.getByText('Отключён').waitFor()
    await shot(page, '17b-users')
    await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Настройки' }).click()
    await page.getByLabel('Название организации').fill(`Центр карьеры ${run}`)
    await page.getByRole('button', { name: 'Сохранить' }).click()
    await page.getByText('Сохранено').first().waitFor()
    await page.getByText('Письма сохраняются в базе (не отправляются)').waitFor()
    await page.getByRole('link', { name: /\/catalogue\?workspace=/ }).waitFor()
    await shot(page, '17c-settings')
  })

  await step('an admin reads who changed what, and from which side, in the audit log', async () => {
    await page.getByRole('link', { name: 'Журнал изменений' }).click()
    const log = page.getByRole('list', { name: 'Журнал изменений' })
    await log.getByText(names.university).first().waitFor()
    await log.getByText('Пользователь').first().waitFor()
    await shot(page, '18-audit')
  })

  await step('screens for students, import, Bitrix24, routing and reports render', async () => {
    for (const [path, name, text] of [
      ['/students', '12-students', names.student],
      ['/students/import', '13-students-import', 'Импорт из CSV'],
      ['/universities', '14-universities', names.university],
      ['/bitrix24', '15-bitrix24', 'Битрикс24'],
    ]) {
      await page.goto(`${base}${path}`)
      await page.getByText(text).first().waitFor()
      await shot(page, name)
    }
    await page.goto(`${base}/students/import`)
    await page.locator('input[type=file]').setInputFiles({
      name: 'students.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`full_name,email,university_id,course\nГромов Илья ${run},ilya${run}@example.com,${ids.university},2\nБез почты,,${ids.university},9\n`),
    })
    await page.getByText('Готовы к импорту: 1').waitFor()
    await page.getByText('email: Обязательное поле').waitFor()
    await page.getByRole('button', { name: 'Импортировать 1' }).click()
    await page.getByText('Импорт завершён: добавлено 1, ошибок 0').waitFor()
    await shot(page, '13-students-import-done')
  })

  await step('switch language', async () => {
    await page.goto(`${base}/`)
    await page.getByRole('button', { name: /Учётная запись$/ }).click()
    await page.getByRole('menuitem', { name: 'Язык' }).click()
    await page.getByRole('menuitemcheckbox', { name: 'English' }).click()
    await page.keyboard.press('Escape')
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Overview' }).waitFor()
    await page.getByLabel(/^Hired: /).waitFor()
    await shot(page, '18-dashboard-english')
    await page.reload()
    await page.getByRole('navigation', { name: 'Menu' }).waitFor()
    await page.getByRole('button', { name: /Account$/ }).click()
    await page.getByRole('menuitem', { name: 'Language' }).click()
    await page.getByRole('menuitemcheckbox', { name: 'Русский' }).click()
    await page.keyboard.press('Escape')
    await page.getByRole('navigation', { name: 'Меню' }).waitFor()
  })

  await step('measure the main route’s JavaScript', async () => {
    const probe = await context.newPage()
    const scripts = new Set()
    probe.on('request', (r) => {
      if (r.resourceType() === 'script' && r.url().includes('/_nuxt/')) scripts.add(new URL(r.url()).pathname)
    })
    await probe.goto(`${base}/`)
    await probe.getByRole('img', { name: /Принят/ }).waitFor()
    let gz = 0
    for (const path of scripts) gz += gzipSync(readFileSync(join(webRoot, '.output', 'public', path)), { level: 9 }).length
    const kb = gz / 1024
    console.log(`    main route: ${scripts.size} scripts, ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`)
    await probe.close()
    assert(kb <= BUDGET_KB, `the main route's JavaScript is over budget by ${(kb - BUDGET_KB).toFixed(1)} KB`)
  })

  await step('a phone-width screen works', async () => {
    const phone = await (await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage()
    await signIn(phone, ADMIN.email, ADMIN.password).catch(async () => {
      // On a phone the menu is behind a button; sign-in lands on the dashboard either way.
      await phone.getByLabel(/^Приняты на работу: /).waitFor()
    })
    await phone.getByLabel(/^Приняты на работу: /).waitFor()
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(overflow <= 1, `the dashboard scrolls sideways by ${overflow}px on a phone`)
    await shot(phone, '19-phone-dashboard')
    await phone.goto(`${base}/applications`)
    await phone.getByRole('article', { name: new RegExp(names.student) }).waitFor()
    await shot(phone, '20-phone-board')
  })

  await step('a university coordinator cannot see another university’s students', async () => {
    const other = await api('POST', '/universities', { name: `Другой университет ${run}` })
    await api('POST', '/students', { university_id: other.id, full_name: `Чужой Студент ${run}`, email: `other${run}@example.com`, course: 2 })
    await api('POST', '/students', { university_id: ids.university, full_name: `Свой Студент ${run}`, email: `own${run}@example.com`, course: 2 })
    const coordinator = { email: `coordinator${run}@example.com`, password: 'coordinator-password-1' }
    await api('POST', '/users', { ...coordinator, full_name: 'Координатор ТПУ', role: 'university', university_id: ids.university })
    const p = await (await newContext()).newPage()
    await signIn(p, coordinator.email, coordinator.password)
    const menu = p.getByRole('navigation', { name: 'Меню' })
    assert((await menu.getByRole('link', { name: 'Компании' }).count()) === 0, 'a coordinator sees Companies')
    await menu.getByRole('link', { name: 'Студенты' }).click()
    await p.getByText(`Свой Студент ${run}`).waitFor()
    assert((await p.getByText(`Чужой Студент ${run}`).count()) === 0, 'another university’s student is listed')
    await p.getByPlaceholder('ФИО или почта').fill('Чужой')
    await p.getByText('Студентов не найдено').waitFor()
    await shot(p, '21-coordinator-students')
    await p.goto(`${base}/universities/${other.id}`)
    await p.getByText('Не получилось').waitFor()
    await shot(p, '22-coordinator-other-university')
  })

  await step('a workspace with records connects to a portal with records: the plan, accepted, carried out', async () => {
  const portal = await startSandboxPortal()
  const demo = ['demo-data', '--universities', '2', '--companies', '8', '--students', '30', '--openings', '6', '--applications', '30']
  const second = await startServer({ env: { INTERNHUB_BITRIX24_WEBHOOK_URL: portal.webhook }, setup: [demo] })
  const context = await newContext()
  try {
    const page = await context.newPage()
    await signIn(page, ADMIN.email, ADMIN.password, second.base)
    await page.goto(`${second.base}/bitrix24`)
    const card = page.getByTestId('connection')
    await card.getByText('Ждёт подтверждения').waitFor({ timeout: 60_000 })
    await card.getByText('Ни здесь, ни в Битрикс24 ещё ничего не записано', { exact: false }).waitFor()
    const toCreate = await card.getByRole('row', { name: /^Работодатели/ }).getByRole('cell').allInnerTexts()
    assert(Number(toCreate[1]) === 8, `all 8 employers are to be created in Bitrix24: ${toCreate}`)
    await shot(page, '15-bitrix24-connection-plan')
    await card.getByRole('button', { name: 'Принять план' }).click()
    await card.getByText('Обе стороны согласованы', { exact: false }).waitFor({ timeout: 120_000 })
    await card.getByText(/^Отправлено в Битрикс24: (\d+) из \1$/).waitFor()
    await shot(page, '15-bitrix24-connection-done')
  } finally {
    await context.close()
    await second.stop()
    portal.stop()
  }
})

await step('inside a Bitrix24 portal: the app opens from its menu, the deal, contact and company cards show our record, a forged sign-in is refused', async () => {
  // The portal on one site (localhost), InternHub on another (127.0.0.1): the frame's session must work across sites.
  const portal = await startSandboxPortal({ domain: 'localhost', seedDemo: false })
  const app = await startServer({
    env: {
      INTERNHUB_BITRIX24_CLIENT_ID: 'local.sandbox0000000001',
      INTERNHUB_BITRIX24_CLIENT_SECRET: 'sandbox-client-secret',
      INTERNHUB_BITRIX24_OAUTH_URL: `${portal.base}/oauth/token/`,
    },
  })
  const context = await newContext()
  // The portal's JS library (api.bitrix24.com) stands in here as a recorder of what the page asks of the frame.
  await context.route('https://api.bitrix24.com/api/v1/', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "window.__bx24 = []; window.BX24 = { init(cb) { cb() }, fitWindow() { __bx24.push('fitWindow') }, resizeWindow(w, h) { __bx24.push('resizeWindow') } }",
    }),
  )
  const ours = (page) => page.frames().find((f) => f.url().startsWith(app.base))
  async function inFrame(page, fn, arg) {
    for (let i = 0; i < 100 && !ours(page); i++) await page.waitForTimeout(100)
    return await ours(page).evaluate(fn, arg)
  }
  try {
    const installed = await fetch(`${portal.base}/sandbox/install-app`, {
      method: 'POST',
      body: new URLSearchParams({ handler_url: `${app.base}/api/v1/bitrix24/events`, app_url: `${app.base}/api/v1/bitrix24/app` }),
    })
    assert(installed.ok, `install: ${installed.status}`)
    // The install binds our tab in the deal card (placement.bind) once the first connection is through.
    for (let i = 0; !(await (await fetch(`${portal.base}/crm/deal/details/1/`)).text()).includes('<iframe'); i++) {
      assert(i < 240, 'the deal card tab was never bound')
      await new Promise((r) => setTimeout(r, 250))
    }
    const page = await context.newPage()
    await page.goto(`${portal.base}/marketplace/app/?user_id=1`)
    const frame = page.frameLocator('iframe')
    await frame.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Отклики' }).waitFor()
    await frame.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Обзор' }).waitFor()
    await page.locator('iframe').screenshot({ path: join(shotsDir, '16-bitrix24-app-page.png') })
    const calls = await inFrame(page, () => window.__bx24 ?? [])
    assert(calls.includes('fitWindow'), `the page did not ask the portal to fit its frame: ${calls}`)

    // Data made by the portal's administrator, signed in through the frame (the session lives in the frame).
    const made = await inFrame(page, async (next) => {
      const post = async (path, body) => {
        const res = await fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
        return await res.json()
      }
      const university = await post('/universities', { name: 'Уральский федеральный университет' })
      const company = await post('/companies', { name: 'ООО «Уральские системы»' })
      const opening = await post('/openings', { company_id: company.id, kind: 'internship', title: 'Стажёр-разработчик', city: 'Екатеринбург', status: 'active', slots: 2, starts_on: `${next}-06-01`, ends_on: `${next}-08-31` })
      const student = await post('/students', { university_id: university.id, full_name: 'Кузнецова Мария Игоревна', email: 'maria.k@example.com', course: 4, skills: ['Python', 'SQL'] })
      const application = await post('/applications', { opening_id: opening.id, student_id: student.id, cover_letter: 'Хочу работать над настоящими задачами.' })
      return { application: application.id, student: student.id, company: company.id }
    }, nextYear)
    let deal = null
    for (let i = 0; !deal; i++) {
      assert(i < 240, 'the application never reached the portal as a deal')
      deal = await inFrame(page, async (id) => (await (await fetch(`/api/v1/applications/${id}`)).json()).bitrix24_deal_id, made.application)
      if (!deal) await page.waitForTimeout(250)
    }

    // A manager of the portal (user 2, new here) opens the deal: our tab shows the candidate, with status moves.
    await page.goto(`${portal.base}/crm/deal/details/${deal}/?user_id=2`)
    const card = frame.getByTestId('candidate')
    await card.getByText('maria.k@example.com').waitFor({ timeout: 30_000 })
    await card.getByText('Python').waitFor()
    await frame.getByRole('group', { name: 'Перевести' }).getByRole('button', { name: 'Отбор' }).waitFor()
    await page.waitForLoadState('networkidle').catch(() => undefined)
    // Chromium paints another site's frame only in a shot of the frame itself. E2E_UPDATE_DOCS=1 refreshes the
    // README's picture too.
    const tab = await page.locator('iframe').screenshot({ path: join(shotsDir, '17-bitrix24-deal-tab.png') })
    if (process.env.E2E_UPDATE_DOCS) writeFileSync(join(webRoot, '..', 'docs', 'bitrix24-deal-tab.png'), tab)

    // The contact's card shows the student's page (applications and placements); the employer's card shows its
    // openings and the pipeline of their applications.
    const linked = await inFrame(page, async ({ student, company }) => ({
      contact: (await (await fetch(`/api/v1/students/${student}`)).json()).bitrix24_contact_id,
      company: (await (await fetch(`/api/v1/companies/${company}`)).json()).bitrix24_company_id,
    }), made)
    assert(linked.contact && linked.company, `not linked in the portal: ${JSON.stringify(linked)}`)
    await page.goto(`${portal.base}/crm/contact/details/${linked.contact}/?user_id=2`)
    await frame.getByRole('heading', { name: 'Кузнецова Мария Игоревна' }).waitFor({ timeout: 30_000 })
    await frame.getByRole('list', { name: 'Отклики' }).getByText('Стажёр-разработчик').waitFor()
    await page.goto(`${portal.base}/crm/company/details/${linked.company}/?user_id=2`)
    await frame.getByRole('heading', { name: 'ООО «Уральские системы»' }).waitFor({ timeout: 30_000 })
    await frame.getByRole('heading', { name: /^Воронка заявок \(1\)$/ }).waitFor()

    // A made-up sign-in gets the refusal page, not a session.
    await page.setContent(`<form method="post" action="${app.base}/api/v1/bitrix24/app?DOMAIN=${new URL(portal.base).host}&LANG=ru"><input name="AUTH_ID" value="forged"><input name="member_id" value="sandbox0member0id0000000000000001"><input name="PLACEMENT" value="DEFAULT"></form>`)
    await Promise.all([page.waitForNavigation(), page.evaluate(() => document.forms[0].submit())])
    await page.getByRole('alert').getByText('не подтвердил этот вход', { exact: false }).waitFor()
  } finally {
    await context.close()
    await app.stop()
    portal.stop()
  }
})

await step('every screen passes axe with no critical or serious violation, on a desktop and on a phone', async () => {
  const company = (await api('GET', '/companies?limit=1')).items[0].id
  const found = await auditAll({ base, email: ADMIN.email, password: ADMIN.password, newContext, ids: { ...ids, company } })
  assert(found.length === 0, `axe found ${found.length} critical or serious violations:\n      ${found.join('\n      ')}`)
})

await step('nothing was requested from outside this machine', async () => {
    assert(external.length === 0, `requests left the machine: ${[...new Set(external)].join(', ')}`)
  })
} finally {
  await browser.close()
  await server.stop()
}

const failed = results.filter((r) => !r.ok)
console.log(`\n${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${shotsDir}`)
process.exit(failed.length ? 1 : 0)
