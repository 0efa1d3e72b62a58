// The dashboard's data waits for the session check, which otherwise starts only once the app's messages have
// loaded and the route middleware runs; asked here, it travels alongside those downloads (and takes the answer
// index.html asked for even earlier, when it did: utils/early.ts).
import { askWhoAmIEarly } from '~/stores/auth'
import { dropEarlyAnswers } from '~/utils/early'

export default defineNuxtPlugin({
  name: 'internhub-session',
  enforce: 'pre',
  setup(nuxtApp) {
    askWhoAmIEarly()
    // What index.html asked for and the first page did not take is stale from then on.
    nuxtApp.hook('page:finish', dropEarlyAnswers)
  },
})
