/** InternHub inside a Bitrix24 portal: the app's page and the tabs of CRM cards open our screens in a frame. */

interface Bx24 {
  init(callback: () => void): void
  fitWindow(callback?: () => void): void
  resizeWindow(width: number | string, height: number, callback?: () => void): void
}

declare global {
  interface Window {
    BX24?: Bx24
  }
}

// The portal's JS library (sdk/bx24-js-sdk/index.md): it carries our size requests to the frame around us.
export const BX24_SDK = 'https://api.bitrix24.com/api/v1/'

/** Where a Bitrix24 record's tab leads: the screen of our record linked to it. */
export function framePathFor(linked: { entity_type: string; entity_id: number }): string {
  const id = linked.entity_id
  switch (linked.entity_type) {
    case 'application':
      return `/applications/${id}`
    case 'opening':
      return `/applications?opening_id=${id}`
    case 'student':
      return `/students/${id}`
    case 'university':
      return `/universities/${id}`
    default:
      return `/companies/${id}`
  }
}

let observer: ResizeObserver | undefined

/** Ask the portal to size its frame to our content, now and whenever the content's height changes. */
export function fitToFrame(bx24: Bx24, root: HTMLElement = document.documentElement): void {
  bx24.init(() => {
    bx24.fitWindow()
    observer?.disconnect()
    let last = 0
    observer = new ResizeObserver(() => {
      const height = Math.ceil(root.scrollHeight)
      if (Math.abs(height - last) < 2) return
      last = height
      bx24.resizeWindow('100%', height)
    })
    observer.observe(root)
  })
}

function loadSdk(): Promise<Bx24 | undefined> {
  if (window.BX24) return Promise.resolve(window.BX24)
  return new Promise((resolve) => {
    const script = document.createElement('script')
    script.src = BX24_SDK
    script.async = true
    script.onload = () => resolve(window.BX24)
    script.onerror = () => resolve(undefined) // outside a portal, or offline: the page works without it
    document.head.appendChild(script)
  })
}

export function useFrame() {
  const embedded = useState('frame-embedded', () => false)
  async function enter(lang?: string) {
    embedded.value = true
    if (lang === 'ru' || lang === 'en') await useNuxtApp().$i18n.setLocale(lang)
    if (import.meta.client && window.parent !== window) {
      const bx24 = await loadSdk()
      if (bx24) fitToFrame(bx24)
    }
  }
  return { embedded, enter }
}
