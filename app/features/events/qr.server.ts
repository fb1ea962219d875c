import QRCode from 'qrcode'

// QR codes for joining (and for facilitators' table links), as SVG markup:
// attributes only, no inline styles, so the page's CSP allows it inline.
const cache = new Map<string, string>()

export async function qrSvg(text: string): Promise<string> {
  const found = cache.get(text)
  if (found) return found
  const svg = (await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }))
    .replace('<svg ', '<svg focusable="false" aria-hidden="true" ')
  if (cache.size > 500) cache.clear()
  cache.set(text, svg)
  return svg
}
