import { describe, expect, it } from 'vitest'
import { isAppUrl, isExternalLink, windowOptions } from '../../src/main/security'

describe('the Electron window configuration', () => {
  const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences ?? {}

  it('isolates the renderer from Node', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('loads a CommonJS preload, as a sandboxed preload must be', () => {
    expect(prefs.preload).toMatch(/\.cjs$/)
  })

  it('lets the window navigate only within the app', () => {
    const app = 'file:///app/out/renderer/index.html'
    expect(isAppUrl('file:///app/out/renderer/index.html#x', app)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false)
    expect(isAppUrl('https://example.com/', app)).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('not a url', app)).toBe(false)
  })

  it('opens only web links outside the app', () => {
    expect(isExternalLink('https://example.com/story')).toBe(true)
    expect(isExternalLink('http://example.com/')).toBe(true)
    expect(isExternalLink('javascript:alert(1)')).toBe(false)
    expect(isExternalLink('file:///etc/passwd')).toBe(false)
    expect(isExternalLink('smb://host/share')).toBe(false)
  })
})
