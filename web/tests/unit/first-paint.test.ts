import { afterEach, describe, expect, it } from 'vitest'
import { firstPaintTemplate } from '../../modules/first-paint'

const words = {
  ru: { title: 'Вакансии & стажировки', intro: 'Откликнуться <можно> без регистрации.' },
  en: { title: 'Internships', intro: 'Apply </script><script>alert(1)</script> now.' },
}

/** Puts the template into the page and runs its script, as the browser does with index.html. */
function open(path: string, saved?: string): HTMLElement {
  window.history.replaceState(null, '', path)
  if (saved) localStorage.setItem('internhub_locale', saved)
  document.body.innerHTML = firstPaintTemplate(words, 'ru')
  new Function(document.body.querySelector('script')!.textContent!)()
  return document.getElementById('first-paint')!
}

describe('the first paint of index.html', () => {
  afterEach(() => {
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('is drawn on the catalogue, in the language this device chose, with the words as text', () => {
    const layer = open('/catalogue', 'en')
    expect(layer.hidden).toBe(false)
    expect(layer.querySelector('.text-2xl')!.textContent).toBe('Internships')
    expect(layer.querySelector('.text-muted:not(.hidden)')!.textContent).toBe(words.en.intro)
    expect(document.body.querySelectorAll('script')).toHaveLength(1) // the words could not open a script
  })

  it('is Russian by default, escaped in the markup', () => {
    const template = firstPaintTemplate(words, 'ru')
    expect(template).toContain('Вакансии &#38; стажировки')
    expect(template).not.toContain('</script><script>')
    expect(open('/catalogue/').querySelector('.text-2xl')!.textContent).toBe(words.ru.title)
  })

  it('falls back to Russian for a stored value that is not one of its languages', () => {
    for (const saved of ['de', 'constructor', '__proto__']) {
      expect(open('/catalogue', saved).querySelector('.text-2xl')!.textContent).toBe(words.ru.title)
      localStorage.clear()
    }
  })

  it('stays hidden on every other path', () => {
    for (const path of ['/', '/login', '/catalogue/12', '/applications']) expect(open(path).hidden).toBe(true)
  })
})
