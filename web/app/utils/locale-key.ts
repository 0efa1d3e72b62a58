/** Where this device remembers the language a person picked (read by the app and by index.html's first paint). */
export const LOCALE_KEY = 'internhub_locale'
