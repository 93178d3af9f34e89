/* fault-vfs.h — an SQLite VFS that injects the failures of real office PCs
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

/* A thin wrapper over the default VFS ("unix"), registered as the new
 * default so that the store uses it without knowing. It forwards every
 * call, and on files whose path contains fault_vfs.match it can:
 *
 *  - run out of space: after full_after bytes written (0: at once) every
 *    write, truncate or sync fails with SQLITE_FULL, as ENOSPC does;
 *  - be read-only: the file opens read-only (as the unix VFS does when
 *    O_RDWR gets EACCES or EROFS) and new files cannot be created;
 *  - refuse to open at all (SQLITE_CANTOPEN, as EACCES on the folder).
 *
 * This needs no root, no tmpfs and no LD_PRELOAD, and fails the same
 * way on every machine. Only SQLite's own files go through it: the
 * store's plain file operations (creating the file, renames) do not. */

typedef enum
{
  FAULT_NONE,
  FAULT_FULL,
  FAULT_READ_ONLY,
  FAULT_CANT_OPEN,
} FaultKind;

typedef struct
{
  FaultKind  kind;
  char      *match;        /* substring of the path; NULL: every file */
  gint64     full_after;   /* FAULT_FULL: bytes still allowed */
  guint      n_injected;   /* how many calls failed because of us */
} FaultVfs;

static FaultVfs fault_vfs;
static sqlite3_vfs *fault_vfs_real;

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;      /* points just after this struct */
  const char   *path;     /* SQLite keeps it valid while the file is open */
} FaultFile;

static inline void
fault_vfs_set (FaultKind   kind,
               const char *match,
               gint64      full_after)
{
  g_clear_pointer (&fault_vfs.match, g_free);
  fault_vfs.kind = kind;
  fault_vfs.match = g_strdup (match);
  fault_vfs.full_after = full_after;
  fault_vfs.n_injected = 0;
}

static inline void
fault_vfs_clear (void)
{
  fault_vfs_set (FAULT_NONE, NULL, 0);
}

static inline gboolean
fault_vfs_matches (const char *path)
{
  if (fault_vfs.kind == FAULT_NONE)
    return FALSE;
  if (fault_vfs.match == NULL)
    return TRUE;
  return path != NULL && strstr (path, fault_vfs.match) != NULL;
}

static inline gboolean
fault_file_is_full (FaultFile *file,
                    gint64     amount)
{
  if (fault_vfs.kind != FAULT_FULL || !fault_vfs_matches (file->path))
    return FALSE;
  if (fault_vfs.full_after >= amount)
    {
      fault_vfs.full_after -= amount;
      return FALSE;
    }
  fault_vfs.full_after = 0;
  fault_vfs.n_injected++;
  return TRUE;
}

static int
fault_close (sqlite3_file *f)
{
  FaultFile *file = (FaultFile *)f;
  int rc = file->real->pMethods ? file->real->pMethods->xClose (file->real) : SQLITE_OK;

  return rc;
}

static int
fault_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 ofst)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xRead (file->real, buf, amt, ofst);
}

static int
fault_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 ofst)
{
  FaultFile *file = (FaultFile *)f;

  if (fault_file_is_full (file, amt))
    return SQLITE_FULL;
  return file->real->pMethods->xWrite (file->real, buf, amt, ofst);
}

static int
fault_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xTruncate (file->real, size);
}

static int
fault_sync (sqlite3_file *f, int flags)
{
  FaultFile *file = (FaultFile *)f;

  if (fault_file_is_full (file, 1))
    return SQLITE_IOERR_FSYNC;
  return file->real->pMethods->xSync (file->real, flags);
}

static int
fault_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xFileSize (file->real, size);
}

static int
fault_lock (sqlite3_file *f, int level)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xLock (file->real, level);
}

static int
fault_unlock (sqlite3_file *f, int level)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xUnlock (file->real, level);
}

static int
fault_check_reserved_lock (sqlite3_file *f, int *out)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xCheckReservedLock (file->real, out);
}

static int
fault_file_control (sqlite3_file *f, int op, void *arg)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xFileControl (file->real, op, arg);
}

static int
fault_sector_size (sqlite3_file *f)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xSectorSize (file->real);
}

static int
fault_device_characteristics (sqlite3_file *f)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xDeviceCharacteristics (file->real);
}

static int
fault_shm_map (sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xShmMap (file->real, pg, pgsz, extend, pp);
}

static int
fault_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xShmLock (file->real, offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *f)
{
  FaultFile *file = (FaultFile *)f;
  file->real->pMethods->xShmBarrier (file->real);
}

static int
fault_shm_unmap (sqlite3_file *f, int delete_flag)
{
  FaultFile *file = (FaultFile *)f;
  return file->real->pMethods->xShmUnmap (file->real, delete_flag);
}

static int
fault_fetch (sqlite3_file *f, sqlite3_int64 ofst, int amt, void **pp)
{
  FaultFile *file = (FaultFile *)f;

  *pp = NULL;
  if (file->real->pMethods->iVersion < 3)
    return SQLITE_OK;
  return file->real->pMethods->xFetch (file->real, ofst, amt, pp);
}

static int
fault_unfetch (sqlite3_file *f, sqlite3_int64 ofst, void *p)
{
  FaultFile *file = (FaultFile *)f;

  if (file->real->pMethods->iVersion < 3)
    return SQLITE_OK;
  return file->real->pMethods->xUnfetch (file->real, ofst, p);
}

static const sqlite3_io_methods fault_io = {
  3,
  fault_close, fault_read, fault_write, fault_truncate, fault_sync, fault_file_size,
  fault_lock, fault_unlock, fault_check_reserved_lock, fault_file_control,
  fault_sector_size, fault_device_characteristics,
  fault_shm_map, fault_shm_lock, fault_shm_barrier, fault_shm_unmap,
  fault_fetch, fault_unfetch,
};

static int
fault_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
  FaultFile *file = (FaultFile *)f;
  gboolean faulty = fault_vfs_matches (name);
  int rc;

  memset (file, 0, sizeof *file);
  file->real = (sqlite3_file *)(file + 1);
  file->path = name;

  if (faulty && fault_vfs.kind == FAULT_CANT_OPEN)
    {
      fault_vfs.n_injected++;
      return SQLITE_CANTOPEN;
    }

  if (faulty && fault_vfs.kind == FAULT_READ_ONLY && (flags & SQLITE_OPEN_READWRITE))
    {
      /* What the unix VFS does when O_RDWR is refused: a new file cannot
       * be made at all, an existing one opens read-only. */
      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        {
          fault_vfs.n_injected++;
          return SQLITE_CANTOPEN;
        }
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
      fault_vfs.n_injected++;
    }

  rc = fault_vfs_real->xOpen (fault_vfs_real, name, file->real, flags, out_flags);
  if (file->real->pMethods != NULL)
    file->base.pMethods = &fault_io;
  return rc;
}

static int
fault_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  if (fault_vfs_matches (name) && fault_vfs.kind == FAULT_READ_ONLY)
    {
      fault_vfs.n_injected++;
      return SQLITE_IOERR_DELETE;
    }
  return fault_vfs_real->xDelete (fault_vfs_real, name, sync_dir);
}

static int
fault_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  int rc = fault_vfs_real->xAccess (fault_vfs_real, name, flags, out);

  if (rc == SQLITE_OK && flags == SQLITE_ACCESS_READWRITE && fault_vfs_matches (name) &&
      fault_vfs.kind == FAULT_READ_ONLY)
    *out = 0;
  return rc;
}

static int
fault_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return fault_vfs_real->xFullPathname (fault_vfs_real, name, n, out);
}

static void *
fault_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return fault_vfs_real->xDlOpen (fault_vfs_real, name);
}

static void
fault_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  fault_vfs_real->xDlError (fault_vfs_real, n, out);
}

static void (*fault_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return fault_vfs_real->xDlSym (fault_vfs_real, handle, symbol);
}

static void
fault_dl_close (sqlite3_vfs *vfs, void *handle)
{
  fault_vfs_real->xDlClose (fault_vfs_real, handle);
}

static int
fault_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return fault_vfs_real->xRandomness (fault_vfs_real, n, out);
}

static int
fault_sleep (sqlite3_vfs *vfs, int us)
{
  return fault_vfs_real->xSleep (fault_vfs_real, us);
}

static int
fault_current_time (sqlite3_vfs *vfs, double *out)
{
  return fault_vfs_real->xCurrentTime (fault_vfs_real, out);
}

static int
fault_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return fault_vfs_real->xGetLastError (fault_vfs_real, n, out);
}

static int
fault_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return fault_vfs_real->xCurrentTimeInt64 (fault_vfs_real, out);
}

/* Registers the wrapper as the default VFS. Call once, before anything
 * opens a database. */
static inline void
fault_vfs_install (void)
{
  static sqlite3_vfs vfs;

  fault_vfs_real = sqlite3_vfs_find (NULL);
  g_assert_nonnull (fault_vfs_real);

  vfs.iVersion = 2;
  vfs.szOsFile = sizeof (FaultFile) + fault_vfs_real->szOsFile;
  vfs.mxPathname = fault_vfs_real->mxPathname;
  vfs.zName = "rounds-fault";
  vfs.xOpen = fault_open;
  vfs.xDelete = fault_delete;
  vfs.xAccess = fault_access;
  vfs.xFullPathname = fault_full_pathname;
  vfs.xDlOpen = fault_dl_open;
  vfs.xDlError = fault_dl_error;
  vfs.xDlSym = fault_dl_sym;
  vfs.xDlClose = fault_dl_close;
  vfs.xRandomness = fault_randomness;
  vfs.xSleep = fault_sleep;
  vfs.xCurrentTime = fault_current_time;
  vfs.xGetLastError = fault_get_last_error;
  vfs.xCurrentTimeInt64 = fault_current_time_int64;

  g_assert_cmpint (sqlite3_vfs_register (&vfs, 1), ==, SQLITE_OK);
}
