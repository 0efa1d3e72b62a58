// Date and number formats per locale; the messages themselves live in i18n/locales/*.json.
const datetime = {
  short: { year: 'numeric', month: 'short', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  month: { year: 'numeric', month: 'short' },
} as const

export default defineI18nConfig(() => ({
  fallbackLocale: 'ru',
  datetimeFormats: { ru: datetime, en: datetime },
  numberFormats: {
    ru: { integer: { maximumFractionDigits: 0 }, percent: { style: 'percent', maximumFractionDigits: 1 } },
    en: { integer: { maximumFractionDigits: 0 }, percent: { style: 'percent', maximumFractionDigits: 1 } },
  },
}))
