import crypto from 'node:crypto'
import { getEnv } from '~/utils/env.server.ts'

// A phone in the room is known by a random device id in a cookie, signed with
// an HMAC of the session secret, so a made-up or edited cookie is refused
// rather than counted. The database keeps only the SHA-256 of the id. A copied
// (replayed) cookie is the same device: its vote replaces the earlier one and
// never adds a second.

export const DEVICE_COOKIE = 'hys_device'
const MAX_AGE_S = 180 * 24 * 60 * 60
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/

export interface Device {
  id: string
  /** what the database stores */
  hash: string
}

export type DeviceCheck = { status: 'ok'; device: Device } | { status: 'missing' } | { status: 'forged' }

function signature(id: string, secret = getEnv().SESSION_SECRET): string {
  return crypto.createHmac('sha256', secret).update(`hys-device:${id}`).digest('base64url')
}

export function deviceHash(id: string): string {
  return crypto.createHash('sha256').update(`hys-device:${id}`).digest('hex')
}

export function signDevice(id: string, secret?: string): string {
  return `${id}.${signature(id, secret)}`
}

/** Checks a cookie value: the id's form and its signature (compared in constant time). */
export function verifyDevice(value: string | undefined | null, secret?: string): DeviceCheck {
  if (!value) return { status: 'missing' }
  const [id, sig, ...rest] = value.split('.')
  if (!id || !sig || rest.length || !ID_PATTERN.test(id)) return { status: 'forged' }
  const expected = Buffer.from(signature(id, secret))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { status: 'forged' }
  return { status: 'ok', device: { id, hash: deviceHash(id) } }
}

function cookieValue(request: Request): string | undefined {
  const header = request.headers.get('Cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === DEVICE_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return part.slice(eq + 1).trim()
      }
    }
  }
  return undefined
}

export function readDevice(request: Request): DeviceCheck {
  return verifyDevice(cookieValue(request))
}

export function newDevice(): Device {
  const id = crypto.randomBytes(16).toString('base64url')
  return { id, hash: deviceHash(id) }
}

export function deviceSetCookie(device: Device): string {
  const secure = getEnv().cookieSecure ? '; Secure' : ''
  return `${DEVICE_COOKIE}=${signDevice(device.id)}; Path=/; Max-Age=${MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`
}

export type EnsuredDevice =
  | { device: Device; setCookie: string | null; limited: false }
  /** no (valid) cookie, and none given: a refused post, or this address's limit of new phones */
  | { device: null; setCookie: null; limited: boolean }

/**
 * For pages: this phone's device, and a Set-Cookie when it had none (or a
 * forged one) and was given a new one. `mayMint` is null when the page is
 * rendered for a post (a refused vote: that must not hand out a fresh
 * device), else whether this address may have one more new device (the limit
 * of new phones per address, context.server.ts).
 */
export function ensureDevice(request: Request, mayMint: (() => boolean) | null): EnsuredDevice {
  const check = readDevice(request)
  if (check.status === 'ok') return { device: check.device, setCookie: null, limited: false }
  if (!mayMint) return { device: null, setCookie: null, limited: false }
  if (!mayMint()) return { device: null, setCookie: null, limited: true }
  const device = newDevice()
  return { device, setCookie: deviceSetCookie(device), limited: false }
}
