import { describe, expect, it, vi } from 'vitest'
import { fitToFrame, framePathFor } from '~/composables/useFrame'

describe('a tab in a Bitrix24 card', () => {
  it('leads to the screen of the record linked to it', () => {
    expect(framePathFor({ entity_type: 'application', entity_id: 5 })).toBe('/applications/5')
    expect(framePathFor({ entity_type: 'opening', entity_id: 7 })).toBe('/applications?opening_id=7')
    expect(framePathFor({ entity_type: 'student', entity_id: 9 })).toBe('/students/9')
    expect(framePathFor({ entity_type: 'university', entity_id: 2 })).toBe('/universities/2')
    expect(framePathFor({ entity_type: 'company', entity_id: 3 })).toBe('/companies/3')
  })

  it('asks the portal to fit its frame to our page once the library is ready', () => {
    const calls: string[] = []
    const bx24 = {
      init: vi.fn((ready: () => void) => ready()),
      fitWindow: vi.fn(() => calls.push('fit')),
      resizeWindow: vi.fn(() => calls.push('resize')),
    }
    fitToFrame(bx24, document.documentElement)
    expect(bx24.init).toHaveBeenCalledOnce()
    expect(calls[0]).toBe('fit')
  })
})
