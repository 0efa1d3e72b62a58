// Remembers the language a person picked, on this device; Russian is the default for everyone else.
import { LOCALE_KEY } from '~/utils/locale-key'

/** This device's storage, or null where the browser denies it (a frame of another site that blocks third-party
 * storage: the app inside a Bitrix24 portal). */
function deviceStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

export default defineNuxtPlugin({
  name: 'internhub-locale',
  dependsOn: ['i18n:plugin'],
  async setup(nuxtApp) {
    const i18n = useNuxtApp().$i18n
    type Locale = (typeof i18n.availableLocales)[number]
    const known = (value: string | null): value is Locale => value !== null && (i18n.availableLocales as readonly string[]).includes(value)
    const storage = deviceStorage()
    const saved = storage?.getItem(LOCALE_KEY) ?? null
    if (known(saved) && saved !== i18n.locale.value) {
      await i18n.setLocale(saved)
    }
    nuxtApp.hook('i18n:localeSwitched', ({ newLocale }) => {
      storage?.setItem(LOCALE_KEY, newLocale)
    })
  },
})
