'use client'
import { useEffect, type ReactNode } from 'react'
import { adminRepairs, type AdminRepair } from './adminRepairs'

/**
 * Applies `adminRepairs` to the admin as it renders, and again whenever Payload renders more of it (a list page,
 * a drawer, a field made editable). Mounted around the whole admin (admin.components.providers).
 */
export function AccessibleAdmin({ children }: { children?: ReactNode }) {
  useEffect(() => {
    let scheduled = 0
    const run = () => {
      scheduled = 0
      repair(document, adminRepairs)
      // After hydration, the first run: what an accessibility check (tests/e2e/adminQuality) waits for.
      document.body.dataset.adminRepaired = 'true'
    }
    run()
    const observer = new MutationObserver(() => {
      if (scheduled === 0) scheduled = window.requestAnimationFrame(run)
    })
    observer.observe(document.body, { childList: true, subtree: true })
    return () => {
      observer.disconnect()
      if (scheduled !== 0) window.cancelAnimationFrame(scheduled)
    }
  }, [])
  return <>{children}</>
}

function repair(root: ParentNode, repairs: readonly AdminRepair[]): void {
  for (const { selector, apply } of repairs) for (const element of root.querySelectorAll<HTMLElement>(selector)) apply(element)
}
