// The dashboard's data waits for the session check, which otherwise starts only once the app's messages have
// loaded and the route middleware runs; asked here, it travels alongside those downloads.
import { askWhoAmIEarly } from '~/stores/auth'

export default defineNuxtPlugin({
  name: 'internhub-session',
  enforce: 'pre',
  setup() {
    askWhoAmIEarly()
  },
})
