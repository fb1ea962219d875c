#!/usr/bin/env node
// Page weight of the first question page (/c/<slug>/q/connection), in English
// and in Bengali (?lng=bn): the bytes a browser with an empty cache downloads
// for the HTML, the stylesheets, the fonts the page's text needs and the
// scripts, all fetched with Accept-Encoding: gzip as a browser would, compared
// with the 100 KB target (1 KB = 1,000 bytes here).
//
// Starts its own server (port 3211, fresh database bench/.tmp/page-weight.db)
// and stops it at the end.
import http from 'node:http'
import path from 'node:path'
import { gunzipSync as zlibGunzip } from 'node:zlib'
import { SLUG, TMP, freshDatabase, machine, requireBuild, startServer } from './lib/server.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3211)
const TARGET_BYTES = 100_000
const PAGE = `/c/${SLUG}/q/connection`

function get(origin, pathname, headers = {}) {
  const url = new URL(pathname, origin)
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { agent: false, headers: { 'Accept-Encoding': 'gzip', 'Accept-Language': 'en-GB,en;q=0.9', ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          // What went over the wire for this response besides the body: status line and headers.
          let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`)
          }
          const encoding = res.headers['content-encoding'] ?? 'identity'
          let body = raw
          if (encoding === 'gzip') body = zlibGunzip(raw)
          resolve({ url: url.pathname + url.search, status: res.statusCode, encoding, bytes: raw.length, headerBytes, body, type: res.headers['content-type'] ?? '' })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined
}

/** Stylesheets, scripts and preloads the HTML references. */
function htmlReferences(html) {
  const refs = []
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/)
    const href = attr(tag, 'href')
    if (!href) continue
    if (rel.includes('stylesheet')) refs.push({ kind: 'css', href })
    else if (rel.includes('modulepreload')) refs.push({ kind: 'js', href })
    else if (rel.includes('preload')) {
      const as = attr(tag, 'as')
      refs.push({ kind: as === 'font' ? 'font' : as === 'style' ? 'css' : as === 'script' ? 'js' : 'other', href })
    } else if (rel.includes('icon')) refs.push({ kind: 'icon', href })
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src')
    if (src) refs.push({ kind: 'js', href: src })
  }
  return refs
}

// A small CSS reader: enough for a minified stylesheet (rules, @media/@supports nesting, @font-face).
function parseCss(css) {
  css = css.replace(/\/\*[\s\S]*?\*\//g, '')
  let i = 0
  function readUntil(stops) {
    let out = ''
    while (i < css.length && !stops.includes(css[i])) {
      const c = css[i]
      if (c === '"' || c === "'") {
        const end = css.indexOf(c, i + 1)
        out += css.slice(i, end + 1)
        i = end + 1
        continue
      }
      out += c
      i++
    }
    return out
  }
  function block(context) {
    const rules = []
    while (i < css.length) {
      const prelude = readUntil(['{', ';', '}']).trim()
      const c = css[i++]
      if (c === '}' || c === undefined) break
      if (c === ';') {
        if (prelude) rules.push({ atRule: prelude, context })
        continue
      }
      if (prelude.startsWith('@') && !/^@(font-face|page|property|counter-style|font-palette-values)\b/i.test(prelude)) {
        // @media, @supports, @keyframes, @layer...: a block of nested rules.
        rules.push(...block([...context, prelude]))
      } else {
        const body = readUntil(['}'])
        i++
        rules.push({ selector: prelude, body, context })
      }
    }
    return rules
  }
  return block([])
}

function declarations(body) {
  const out = []
  for (const part of body.split(/;(?=(?:[^"']|"[^"]*"|'[^']*')*$)/)) {
    const at = part.indexOf(':')
    if (at > 0) out.push([part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()])
  }
  return out
}

function cssUrls(value) {
  return [...value.matchAll(/url\(\s*("([^"]*)"|'([^']*)'|([^)]*?))\s*\)/g)].map((m) => m[2] ?? m[3] ?? m[4])
}

function parseUnicodeRange(value) {
  if (!value) return null
  return value.split(',').map((part) => {
    const p = part.trim().replace(/^u\+/i, '')
    if (p.includes('?')) return [parseInt(p.replace(/\?/g, '0'), 16), parseInt(p.replace(/\?/g, 'F'), 16)]
    const [a, b] = p.split('-')
    return [parseInt(a, 16), parseInt(b ?? a, 16)]
  })
}

const family = (value) => value.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '').toLowerCase())

function decodeEntities(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Rendered text of the body (no tags, scripts, styles, attributes), split into the language switcher and the rest. */
function pageText(html) {
  let body = html.slice(html.search(/<body\b/i))
  body = body.replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1>/gi, '')
  let switcher = ''
  body = body.replace(/<nav\b[^>]*class="[^"]*hys-language-switcher[^"]*"[^>]*>[\s\S]*?<\/nav>/i, (m) => {
    switcher = m
    return ''
  })
  const text = (s) => decodeEntities(s.replace(/<[^>]*>/g, ' '))
  return { main: text(body), switcher: text(switcher) }
}

/** The font-family the language names in the switcher end up with (top-level rules only, last one wins). */
function switcherFontFamily(rules) {
  let container = null
  let names = null
  for (const rule of rules) {
    if (rule.context.length || !rule.selector) continue
    const selectors = rule.selector.split(',').map((s) => s.trim())
    for (const [prop, value] of declarations(rule.body)) {
      if (prop !== 'font-family') continue
      if (selectors.includes('.hys-language-switcher')) container = value
      if (selectors.includes('.hys-language-switcher a')) names = value
    }
  }
  if (names === 'inherit' || names === null) return container
  return names
}

function inRange(text, ranges) {
  const hits = new Set()
  for (const ch of text) {
    const cp = ch.codePointAt(0)
    if (!ranges || ranges.some(([a, b]) => cp >= a && cp <= b)) hits.add(ch)
  }
  return [...hits]
}

async function measure(origin, label, pathname) {
  const page = await get(origin, pathname)
  if (page.status !== 200) throw new Error(`${pathname} answered ${page.status}`)
  const html = page.body.toString('utf8')
  const resources = [{ kind: 'html', ...page }]
  const notes = []
  const seen = new Set([page.url])
  const cssRules = []

  const queue = htmlReferences(html)
  while (queue.length) {
    const ref = queue.shift()
    const url = new URL(ref.href, new URL(pathname, origin))
    if (url.origin !== origin) {
      notes.push(`${ref.href}: another origin, not fetched`)
      continue
    }
    if (seen.has(url.pathname + url.search)) continue
    seen.add(url.pathname + url.search)
    const res = await get(origin, url.pathname + url.search)
    if (res.status !== 200) notes.push(`${res.url} answered ${res.status}`)
    resources.push({ kind: ref.kind, ...res })
    if (ref.kind === 'css') {
      const rules = parseCss(res.body.toString('utf8'))
      for (const r of rules) r.base = url
      cssRules.push(...rules)
      for (const r of rules) {
        if (r.atRule && /^@import/i.test(r.atRule)) {
          const [href] = cssUrls(r.atRule).concat(r.atRule.match(/["']([^"']+)["']/)?.[1] ?? [])
          if (href) queue.push({ kind: 'css', href: new URL(href, url).href.replace(origin, '') })
        }
      }
    }
  }

  // Fonts: a browser downloads an @font-face file only when some text styled with
  // that family has a character inside its unicode-range.
  const text = pageText(html)
  const switcherFamily = switcherFontFamily(cssRules)
  const usedFamilies = new Set()
  for (const r of cssRules) {
    if (!r.selector || r.selector.startsWith('@')) continue
    for (const [prop, value] of declarations(r.body)) if (prop === 'font-family' || prop === 'font') family(value).forEach((f) => usedFamilies.add(f))
  }
  const fonts = []
  for (const r of cssRules) {
    if (!r.selector || r.selector.toLowerCase() !== '@font-face') continue
    const decl = Object.fromEntries(declarations(r.body))
    const name = family(decl['font-family'] ?? '')[0]
    const displayName = (decl['font-family'] ?? '').trim().replace(/^["']|["']$/g, '')
    const urls = cssUrls(decl.src ?? '')
    const inline = /url\(\s*["']?data:/.test(decl.src ?? '')
    const file = inline ? '(inline in the CSS as a data: URL, counted in its bytes)' : (urls.find((u) => /\.woff2(\?|$)/.test(u)) ?? urls[0])
    const ranges = parseUnicodeRange(decl['unicode-range'])
    const styled = usedFamilies.has(name)
    const mainHits = styled ? inRange(text.main, ranges) : []
    const switcherStyled = switcherFamily ? family(switcherFamily).includes(name) : styled
    const switcherHits = inRange(text.switcher, ranges)
    const needed = mainHits.length > 0 || (switcherStyled && switcherHits.length > 0)
    const font = { family: displayName, file, inline, range: decl['unicode-range'] ?? '(all characters)', needed, mainHits, switcherHits, switcherStyled, switcherFamily, key: name }
    fonts.push(font)
    if (needed && file && !inline) {
      const url = new URL(file, r.base)
      if (!seen.has(url.pathname)) {
        seen.add(url.pathname)
        const res = await get(origin, url.pathname)
        if (res.status !== 200) notes.push(`${res.url} answered ${res.status}`)
        resources.push({ kind: 'font', ...res })
      }
    }
  }
  // Other url() references in the CSS (images): requested only if an element uses the rule.
  const otherUrls = new Set()
  for (const r of cssRules) if (r.body && r.selector?.toLowerCase() !== '@font-face') for (const u of cssUrls(r.body)) otherUrls.add(u)

  return { label, pathname, resources, fonts, notes, otherUrls: [...otherUrls], switcherText: text.switcher.replace(/\s+/g, ' ').trim() }
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const pad = (s, n) => String(s).padStart(n)

function sum(resources, kinds) {
  return resources.filter((r) => kinds.includes(r.kind)).reduce((t, r) => t + r.bytes, 0)
}

async function main() {
  requireBuild()
  console.log('Page weight: first question page, empty cache, gzip')
  console.log(`Machine: ${machine()}`)
  const dbFile = freshDatabase('page-weight.db')
  const server = await startServer({ port: PORT, dbFile, logFile: path.join(TMP, 'page-weight.server.log') })
  let results
  try {
    results = [await measure(server.origin, 'en', PAGE), await measure(server.origin, 'bn', `${PAGE}?lng=bn`)]
  } finally {
    const exit = await server.stop()
    if (exit.code !== 0) console.log(`Note: the server exited with ${JSON.stringify(exit)} on SIGTERM`)
  }

  console.log(`Page: ${PAGE} (en) and ${PAGE}?lng=bn (bn)\n`)
  for (const r of results) {
    console.log(`${r.label}: every file downloaded`)
    for (const res of r.resources) {
      console.log(`  ${res.kind.padEnd(5)} ${pad(res.bytes, 7)} B  ${res.encoding.padEnd(8)} ${pad(res.body.length, 7)} B uncompressed  ${res.status}  ${res.url}`)
    }
  }

  const rows = [
    ['HTML', ['html']],
    ['CSS', ['css']],
    ['Fonts', ['font']],
    ['JavaScript', ['js']],
  ]
  const w = 21
  console.log(`\n${'Bytes transferred'.padEnd(22)}${results.map((r) => pad(r.label, w)).join('')}`)
  for (const [name, kinds] of rows) {
    console.log(`${name.padEnd(22)}${results.map((r) => pad(`${sum(r.resources, kinds)} B ${kb(sum(r.resources, kinds)).padStart(8)}`, w)).join('')}`)
  }
  const totals = results.map((r) => sum(r.resources, ['html', 'css', 'font', 'js']))
  console.log(`${'Total'.padEnd(22)}${totals.map((t) => pad(`${t} B ${kb(t).padStart(8)}`, w)).join('')}`)
  console.log(`${'Target'.padEnd(22)}${totals.map(() => pad(`${TARGET_BYTES} B ${kb(TARGET_BYTES).padStart(8)}`, w)).join('')}`)
  console.log(
    `${'Within target?'.padEnd(22)}${totals.map((t) => pad(t <= TARGET_BYTES ? `yes, ${kb(TARGET_BYTES - t)} spare` : `NO, ${kb(t - TARGET_BYTES)} over`, w)).join('')}`,
  )
  const headerTotals = results.map((r) => r.resources.filter((x) => x.kind !== 'icon').reduce((t, x) => t + x.headerBytes, 0))
  console.log(`${'+ response headers'.padEnd(22)}${headerTotals.map((h) => pad(`${h} B`, w)).join('')}`)
  console.log(`${'Total with headers'.padEnd(22)}${totals.map((t, i) => pad(`${t + headerTotals[i]} B ${kb(t + headerTotals[i]).padStart(8)}`, w)).join('')}`)
  const icons = results.map((r) => sum(r.resources, ['icon']))
  if (icons.some(Boolean)) console.log(`${'Icon (not in total)'.padEnd(22)}${icons.map((t) => pad(`${t} B`, w)).join('')}`)

  console.log('\nFonts (@font-face in the CSS):')
  for (const r of results) {
    for (const f of r.fonts) {
      const chars = (list) => (list.length ? `${list.length} distinct, e.g. "${list.slice(0, 8).join('')}"` : 'none')
      console.log(`  ${r.label}: "${f.family}" ${f.file} (unicode-range ${f.range})`)
      console.log(`      characters in range in the page text: ${chars(f.mainHits)}; in the language switcher: ${chars(f.switcherHits)}`)
      console.log(`      => ${f.inline ? 'already downloaded with the CSS' : f.needed ? 'downloaded by a browser: counted' : 'not downloaded by a browser: not counted'}`)
    }
  }
  const [en, bn] = results
  const enFont = en.fonts.find((f) => f.range !== '(all characters)' && !f.inline)
  const bnFont = bn.fonts.find((f) => f.key === enFont?.key)
  if (enFont && bnFont) {
    const lines = [
      '',
      `Why the "${enFont.family}" font counts for bn and not for en: its @font-face has a unicode-range,`,
      'so a browser fetches the woff2 only when text drawn with that family contains a character in',
      'the range (Chrome, Firefox and Safari all do this).',
      enFont.mainHits.length
        ? `The English page HAS such characters in its text (${enFont.mainHits.join('')}), so it downloads the font too.`
        : 'The English page has no such character in its text.',
      `Its language switcher ("${en.switcherText}") has ${enFont.switcherHits.length ? 'some' : 'none'},`,
      `and the CSS gives the switcher the font-family ${enFont.switcherFamily ?? '(not found)'}, which`,
      enFont.switcherStyled
        ? 'NAMES that family: the switcher alone makes every page download the font.'
        : 'does not name that family: nothing more is downloaded for the language names.',
      `The Bengali page has ${bnFont.mainHits.length} distinct Bengali characters in its text: ${bnFont.needed ? 'the font is downloaded' : 'yet the font is not needed'}.`,
    ]
    console.log(lines.join('\n'))
  }
  console.log('Scripts: question pages are not hydrated (handle.hydrate = false): no React bundle, only the scripts listed above.')
  console.log('Sizes are the bodies as sent with Accept-Encoding: gzip (woff2 is already compressed and is sent as is).')
  for (const r of results) for (const n of r.notes) console.log(`Note (${r.label}): ${n}`)
  const other = results[0].otherUrls
  if (other.length) {
    console.log(`Not counted: other url() references in the CSS, fetched only if an element on the page uses them: ${other.map((u) => JSON.stringify(u)).join(', ')}`)
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
