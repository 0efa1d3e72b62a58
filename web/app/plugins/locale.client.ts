// Remembers the language a person picked, on this device; Russian is the default for everyone else.
const KEY = 'internhub_locale'

export default defineNuxtPlugin({
  name: 'internhub-locale',
  dependsOn: ['i18n:plugin'],
  async setup(nuxtApp) {
    const i18n = useNuxtApp().$i18n
    const saved = localStorage.getItem(KEY)
    if (saved && saved !== i18n.locale.value && i18n.availableLocales.includes(saved as never)) {
      await i18n.setLocale(saved as never)
    }
    nuxtApp.hook('i18n:localeSwitched', ({ newLocale }) => {
      localStorage.setItem(KEY, newLocale)
    })
  },
})
