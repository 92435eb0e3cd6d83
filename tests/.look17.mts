// temporary: not committed
import { chromium } from 'playwright-core'
const cmsUrl = 'http://127.0.0.1:47100'
async function tok(email: string) {
  const r = await fetch(`${cmsUrl}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'pregon-demo-2026' }) })
  return { authorization: `JWT ${((await r.json()) as any).token}`, 'content-type': 'application/json' }
}
const { paragraphsToLexical } = await import('@pregon/cms/seed/paragraphsToLexical')
const [editor, approver] = [await tok('editor@pregon.test'), await tok('aprobador@pregon.test')]
const media = await (await fetch(`${cmsUrl}/api/media?limit=1`, { headers: editor })).json() as any
const created = await fetch(`${cmsUrl}/api/bulletins?draft=true`, { method: 'POST', headers: editor, body: JSON.stringify({ title: `Arranca el programa de bacheo en 40 colonias ${Date.now() % 1000}`, summary: 'Cuadrillas del Ayuntamiento reparan baches desde el lunes; consulta el calendario de tu colonia.', body: paragraphsToLexical(['El programa cubre 40 colonias en seis semanas.']), heroImage: media.docs[0]?.id, xText: 'Bacheo en 40 colonias desde el lunes: consulta el calendario.', blueskyText: 'Bacheo en 40 colonias desde el lunes 🚧' }) })
const { doc } = (await created.json()) as any
for (const [verb, headers] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) console.log(verb, (await fetch(`${cmsUrl}/api/bulletins/${doc.id}/workflow/${verb}`, { method: 'POST', headers })).status)
await new Promise((r) => setTimeout(r, 4000))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
for (const width of [390, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 844 : 900 }, locale: 'es-MX', timezoneId: 'America/Mexico_City' })
  const page = await context.newPage()
  await page.goto(`${cmsUrl}/admin/login`)
  await page.fill('input[name="email"]', 'editor@pregon.test')
  await page.fill('input[name="password"]', 'pregon-demo-2026')
  await page.click('button[type="submit"]')
  await page.locator('.dashboard').first().waitFor({ timeout: 60_000 })
  await page.goto(`${cmsUrl}/admin/collections/bulletins/${doc.id}`)
  await page.locator('#field-title').waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  await page.locator('.distribution-panel').scrollIntoViewIfNeeded()
  await page.locator('.distribution-panel').screenshot({ path: `/tmp/look17-panel-${width}.png` })
  await page.locator('.social-previews').screenshot({ path: `/tmp/look17-previews-${width}.png` })
  await page.locator('#field-blueskyText').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `/tmp/look17-texts-${width}.png`, fullPage: false })
  await context.close()
}
await browser.close()
