import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, onMounted, Suspense } from 'vue'
import AppYield from '~/components/app/Yield.vue'

/** Lets every queued microtask run, but no timer: still the same task. */
async function sameTask() {
  for (let i = 0; i < 20; i++) await Promise.resolve()
}
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('a part of a screen mounted in a task of its own', () => {
  it('is set up after the rest of the screen, in a later task, and the screen appears whole', async () => {
    const setUp: string[] = []
    const mounted: string[] = []
    const Part = defineComponent({
      props: { name: { type: String, required: true } },
      setup(props) {
        setUp.push(props.name)
        onMounted(() => mounted.push(props.name))
        return () => h('p', props.name)
      },
    })
    const resolved = vi.fn()
    const wrapper = mount(() =>
      h(Suspense, { onResolve: resolved }, {
        default: () => h('main', [h(Part, { name: 'heading' }), h(AppYield, null, { default: () => h(Part, { name: 'panel' }) })]),
      }),
    )

    await sameTask()
    expect(setUp).toEqual(['heading'])
    // Nothing is shown while a part is still to come: no half screen, nothing that moves when it arrives.
    expect(wrapper.text()).toBe('')
    expect(mounted).toEqual([])

    await nextTask()
    await sameTask()
    expect(setUp).toEqual(['heading', 'panel'])
    expect(wrapper.find('main').text()).toBe('headingpanel')
    expect(mounted).toEqual(['heading', 'panel'])
    expect(resolved).toHaveBeenCalledOnce()
  })
})
