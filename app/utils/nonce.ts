import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce for this response's inline scripts.
export const NonceContext = createContext<string>('')
export const useNonce = () => useContext(NonceContext)
