import { describe, expect, it } from 'vitest'
import { safePath } from '../../app/entry.server.tsx'

describe('addresses the router cannot render', () => {
  it('sends a path starting with a backslash or a second slash to the same path without them', () => {
    expect(safePath('http://localhost/%5C')).toBe('/')
    expect(safePath('http://localhost/%5C%5Cevil.example/x?lng=bn')).toBe('/evil.example/x?lng=bn')
    expect(safePath('http://localhost//evil.example')).toBe('/evil.example')
  })

  it('leaves every ordinary path alone', () => {
    expect(safePath('http://localhost/')).toBeNull()
    expect(safePath('http://localhost/c/a-tower-hamlets-for-all-your-priorities/q/connection?lng=ur')).toBeNull()
    expect(safePath('http://localhost/c/%5C')).toBeNull()
  })
})
