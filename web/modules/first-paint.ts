// The app is a single-page app: until its entry script has downloaded and run, a page is blank (2.5 s on Lighthouse's
// mobile profile, the title and introduction of the catalogue shown at 3.8 s). What an applicant reads first on the
// public catalogue does not depend on any data or session, so index.html now carries it: the header, the title and
// the introduction, in the language the visitor chose on this device (the same storage key as the app), drawn as
// soon as the HTML and the stylesheet arrive. It is Nuxt's SPA loading template (removed by Nuxt once the app has
// rendered the page beneath it): a fixed layer over the page, laid out with the same classes as the public layout and
// the catalogue's heading, so nothing moves when it goes. Other paths keep the layer hidden: their first screen
// depends on who is signed in.
//
// The words come from the locale files at build time, so they cannot drift from the app's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { addTemplate, defineNuxtModule } from '@nuxt/kit'
import { LOCALE_KEY } from '../app/utils/locale-key'

/** The words of the first screen in one language. */
export interface FirstPaintWords {
  title: string
  intro: string
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
/** JSON inside an inline script: no `</script>` or `<!--` can end or bend the script. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

/** The loading template: the layer (hidden) and the inline script that shows it on the catalogue's path. */
export function firstPaintTemplate(words: Record<string, FirstPaintWords>, fallback: string): string {
  const initial = words[fallback]!
  return [
    // aria-hidden: the real page is read once it is there, not this picture of it.
    '<div id="first-paint" class="fixed inset-0 z-50 overflow-hidden bg-default" aria-hidden="true" hidden>',
    '<div class="min-h-dvh flex flex-col">',
    '<div class="border-b border-default"><div class="mx-auto max-w-5xl px-4 h-14 flex items-center justify-between gap-2">',
    '<span class="flex items-center gap-2 font-semibold"><img src="/favicon.svg" alt="" class="size-7"><span>InternHub</span>',
    `<span class="text-muted font-normal hidden sm:inline">· <span data-word="title">${escapeHtml(initial.title)}</span></span></span>`,
    '</div></div>',
    '<div class="flex-1 mx-auto w-full max-w-5xl px-4 py-6"><div class="space-y-6"><div>',
    `<p class="text-2xl font-semibold" data-word="title">${escapeHtml(initial.title)}</p>`,
    `<p class="text-muted" data-word="intro">${escapeHtml(initial.intro)}</p>`,
    '</div></div></div>',
    '</div></div>',
    '<script>(function(w,k,f){',
    'if(!/^\\/catalogue\\/?$/.test(location.pathname))return;',
    'var l=f;try{l=localStorage.getItem(k)||f}catch(e){}',
    'var t=Object.prototype.hasOwnProperty.call(w,l)?w[l]:w[f],el=document.getElementById("first-paint");',
    'el.querySelectorAll("[data-word]").forEach(function(n){n.textContent=t[n.getAttribute("data-word")]});',
    'el.hidden=false',
    `})(${scriptJson(words)},${scriptJson(LOCALE_KEY)},${scriptJson(fallback)})</script>`,
  ].join('')
}

export default defineNuxtModule({
  meta: { name: 'first-paint' },
  setup(_options, nuxt) {
    const words: Record<string, FirstPaintWords> = {}
    for (const code of ['ru', 'en']) {
      const messages = JSON.parse(readFileSync(join(nuxt.options.rootDir, 'i18n', 'locales', `${code}.json`), 'utf8'))
      words[code] = { title: messages.catalogue.title, intro: messages.catalogue.intro }
    }
    const template = addTemplate({ filename: 'first-paint.html', getContents: () => firstPaintTemplate(words, 'ru'), write: true })
    nuxt.options.spaLoadingTemplate = template.dst
  },
})
