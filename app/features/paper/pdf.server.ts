import fs from 'node:fs'

// PDF files of paper forms, printed by the system's Chromium from the same
// HTML as the print page, so Bengali and Urdu are shaped as a browser shapes
// them. One browser at a time, closed after each file: a few officers
// downloading at once wait their turn, and more than that are asked to try
// again, rather than starting a browser each. Chromium runs in its own
// process, so the server keeps answering requests meanwhile. No browser is
// ever downloaded: without /usr/bin/chromium the officer is told to use the
// print page's "Save as PDF".

export const CHROMIUM_PATH = '/usr/bin/chromium'
const MAX_WAITING = 3

export class PdfUnavailable extends Error {
  constructor() {
    super('Chromium is not installed, so PDF files cannot be made here')
  }
}

export class PdfBusy extends Error {
  constructor() {
    super('PDF files are being made for others: try again shortly')
  }
}

export function pdfAvailable(executablePath = CHROMIUM_PATH): boolean {
  return fs.existsSync(executablePath)
}

let queue: Promise<unknown> = Promise.resolve()
let waiting = 0

/** An A4 PDF of a self-contained HTML document (styles, fonts and images inline). */
export async function htmlToPdf(html: string, { executablePath = CHROMIUM_PATH, timeoutMs = 120_000 } = {}): Promise<Buffer> {
  if (!pdfAvailable(executablePath)) throw new PdfUnavailable()
  if (waiting >= MAX_WAITING) throw new PdfBusy()
  waiting++
  const job = queue.then(() => render(html, executablePath, timeoutMs))
  queue = job.catch(() => undefined)
  try {
    return await job
  } finally {
    waiting--
  }
}

async function render(html: string, executablePath: string, timeoutMs: number): Promise<Buffer> {
  let chromium: typeof import('playwright-core').chromium
  try {
    // A development dependency (the browser tests use it): a server installed without it makes no PDFs.
    chromium = (await import('playwright-core')).chromium
  } catch {
    throw new PdfUnavailable()
  }
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  })
  try {
    const page = await browser.newPage()
    // Everything is in the document: nothing may be fetched.
    await page.route(/^(?!data:)/, (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    await browser.close()
  }
}
