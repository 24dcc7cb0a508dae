import { Router } from 'express'
import type { Logger } from '../log.ts'
import { errorFields } from '../log.ts'

/** One dependency the instance cannot serve without; resolves when it answers, rejects otherwise. */
export type HealthCheck = () => Promise<void>

/** How long one check may take before the instance is reported unhealthy (a hung database counts as down). */
const CHECK_TIMEOUT_MS = 2000

/**
 * `GET /healthz` for load balancers: 200 `{"ok":true}` when every dependency answers, 503 with the failing
 * ones named otherwise (the error text stays in the log: it can hold host names).
 */
export function healthRoutes(checks: Record<string, HealthCheck>, log: Logger): Router {
  const router = Router()
  router.get('/healthz', async (_req, res) => {
    const failed: string[] = []
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined
        try {
          await Promise.race([
            check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
            }),
          ])
        } catch (err) {
          failed.push(name)
          log.warn('health check failed', { check: name, ...errorFields(err) })
        } finally {
          clearTimeout(timer)
        }
      }),
    )
    res.setHeader('Cache-Control', 'no-store')
    if (failed.length === 0) res.json({ ok: true })
    else res.status(503).json({ ok: false, failing: failed.sort() })
  })
  return router
}
