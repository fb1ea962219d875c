import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { DatabaseLocation } from './location.ts'

// Consistent copies while the app serves traffic. SQLite: VACUUM INTO writes a
// compact copy of one read snapshot (WAL mode lets the app keep writing
// meanwhile). PostgreSQL: pg_dump's snapshot.

export class BackupError extends Error {}

function explain(error: unknown, target: string): never {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOSPC' || /SQLITE_FULL|disk is full|No space left/i.test(String((error as Error)?.message))) {
    throw new BackupError(`Backup failed: the disk holding ${target} is full. Nothing was changed; free some space and try again.`)
  }
  if (code === 'EACCES' || code === 'EROFS') throw new BackupError(`Backup failed: cannot write to ${target} (${code}).`)
  throw new BackupError(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
}

export async function backupSqlite(sourceFile: string, targetFile: string): Promise<{ file: string; bytes: number }> {
  if (!fs.existsSync(sourceFile)) throw new BackupError(`Backup failed: there is no database at ${sourceFile}`)
  try {
    fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true })
  } catch (error) {
    explain(error, targetFile)
  }
  const partial = `${targetFile}.partial`
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true })
  try {
    source.prepare('vacuum into ?').run(partial)
    // Only a complete copy gets the final name, so a failed backup never looks like a good one.
    const check = new SQLite(partial, { readonly: true })
    const result = check.pragma('integrity_check', { simple: true })
    check.close()
    if (result !== 'ok') throw new BackupError(`Backup failed: the copy did not pass integrity_check (${result})`)
    fs.renameSync(partial, targetFile)
    return { file: targetFile, bytes: fs.statSync(targetFile).size }
  } catch (error) {
    fs.rmSync(partial, { force: true })
    if (error instanceof BackupError) throw error
    explain(error, targetFile)
  } finally {
    source.close()
  }
}

export async function backupPostgres(url: string, targetFile: string): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true })
  const partial = `${targetFile}.partial`
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${partial}`, url], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', (error) => reject(new BackupError(`Backup failed: cannot run pg_dump (${error.message}). Install postgresql-client.`)))
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`Backup failed: pg_dump exited with ${code}: ${stderr.trim()}`))))
  }).catch((error) => {
    fs.rmSync(partial, { force: true })
    if (error instanceof BackupError && /No space left/i.test(error.message)) explain(new Error('No space left'), targetFile)
    throw error
  })
  fs.renameSync(partial, targetFile)
  return { file: targetFile, bytes: fs.statSync(targetFile).size }
}

export function defaultBackupName(location: DatabaseLocation, now = new Date()) {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  return location.kind === 'sqlite' ? `backups/have-your-say-${stamp}.db` : `backups/have-your-say-${stamp}.pgdump`
}

export function backupDatabase(location: DatabaseLocation, target: string) {
  return location.kind === 'sqlite' ? backupSqlite(location.filename, target) : backupPostgres(location.url, target)
}
