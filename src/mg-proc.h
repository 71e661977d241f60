/* mg-proc.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sys/types.h>

G_BEGIN_DECLS

/* Sizes from /proc/PID/statm, already converted from pages to bytes. */
typedef struct
{
  guint64 vsz_bytes;
  guint64 rss_bytes;
  guint64 shared_bytes;
} MgStatm;

/* Fields of /proc/PID/status this program uses; sizes in bytes. A field the
 * kernel did not print stays 0 and its bit in @present stays clear. */
typedef enum
{
  MG_STATUS_VM_PEAK   = 1 << 0,
  MG_STATUS_VM_SIZE   = 1 << 1,
  MG_STATUS_VM_HWM    = 1 << 2,
  MG_STATUS_VM_RSS    = 1 << 3,
  MG_STATUS_RSS_ANON  = 1 << 4,
  MG_STATUS_RSS_FILE  = 1 << 5,
  MG_STATUS_RSS_SHMEM = 1 << 6,
  MG_STATUS_VM_SWAP   = 1 << 7,
  MG_STATUS_THREADS   = 1 << 8,
  MG_STATUS_PPID      = 1 << 9,
} MgStatusField;

typedef struct
{
  guint   present;
  char    name[64];
  char    state;        /* R, S, D, T (stopped), t (traced), Z…; 0 when absent */
  gint64  ppid;
  guint64 vm_peak;
  guint64 vm_size;
  guint64 vm_hwm;
  guint64 vm_rss;
  guint64 rss_anon;
  guint64 rss_file;
  guint64 rss_shmem;
  guint64 vm_swap;
  guint64 threads;
} MgStatus;

/* From /proc/PID/smaps_rollup, in bytes. */
typedef struct
{
  guint64 rss;
  guint64 pss;
  guint64 uss;       /* Private_Clean + Private_Dirty */
  guint64 swap;
} MgSmapsRollup;

gboolean mg_proc_parse_smaps_rollup (const char    *buf,
                                     gsize          len,
                                     MgSmapsRollup *out);
guint    mg_proc_parse_children     (const char    *buf,
                                     gsize          len,
                                     GArray        *pids);
gssize   mg_proc_pread              (int            fd,
                                     char          *buf,
                                     gsize          size);
gssize   mg_proc_read_whole         (int            fd,
                                     GByteArray    *buf);

/* Fields of /proc/PID/stat this program uses. */
typedef struct
{
  gint64  ppid;
  guint64 child_faults;   /* cminflt + cmajflt: grows when it reaps a child */
  guint64 start_ticks;    /* field 22: clock ticks after boot */
} MgStat;

gboolean mg_proc_parse_stat         (const char    *buf,
                                     gsize          len,
                                     MgStat        *out);
gboolean mg_proc_read_stat          (pid_t          pid,
                                     MgStat        *out);
gint64   mg_proc_ticks_to_monotonic_us (guint64     ticks);
gboolean mg_proc_has_ended          (pid_t          pid);

gboolean mg_proc_parse_statm  (const char  *buf,
                               gsize        len,
                               gsize        page_size,
                               MgStatm     *out);
gboolean mg_proc_parse_status (const char  *buf,
                               gsize        len,
                               MgStatus    *out);

int      mg_proc_open         (pid_t        pid,
                               const char  *file,
                               GError     **error);
int      mg_proc_open_full    (pid_t        pid,
                               const char  *file,
                               int          flags,
                               GError     **error);
gboolean mg_proc_read_statm   (int          fd,
                               gsize        page_size,
                               MgStatm     *out,
                               GError     **error);
gsize    mg_proc_page_size    (void);

G_END_DECLS
