import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import type { DatabaseLocation } from './location.ts'

// Consistent copies while the app serves traffic. SQLite: the online backup
// API copies the pages of one read snapshot (WAL mode lets the app keep
// writing meanwhile). PostgreSQL: pg_dump's snapshot.

export class BackupError extends Error {}

function explain(error: unknown, target: string): never {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOSPC' || /SQLITE_FULL|disk is full|No space left/i.test(String((error as Error)?.message))) {
    throw new BackupError(`Backup failed: the disk holding ${target} is full. Nothing was changed; free some space and try again.`)
  }
  if (code === 'EACCES' || code === 'EROFS') throw new BackupError(`Backup failed: cannot write to ${target} (${code}).`)
  throw new BackupError(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
}

const ALL_PAGES = 0x7fffffff

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
    // All pages in one step, so one read transaction: a backup copied in small
    // steps starts again whenever another connection (the app) writes between
    // two steps, and on a busy service it might never finish.
    await source.backup(partial, { progress: () => ALL_PAGES })
    // Only a complete copy gets the final name, so a failed backup never looks like a good one.
    const check = new SQLite(partial, { fileMustExist: true })
    try {
      const result = check.pragma('integrity_check', { simple: true })
      if (result !== 'ok') throw new BackupError(`Backup failed: the copy did not pass integrity_check (${result})`)
      // The copy carries the source's WAL mode: make it one self-contained file, with no -wal or -shm beside it.
      check.pragma('journal_mode = DELETE')
    } finally {
      check.close()
    }
    fs.renameSync(partial, targetFile)
    return { file: targetFile, bytes: fs.statSync(targetFile).size }
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
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
