/* mg-proc.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsers for the /proc files we sample. They are pure functions over a
 * buffer that need not be NUL-terminated, so they can be tested on fixtures
 * and fed arbitrary bytes.
 */
#include "config.h"

#include "mg-proc.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Reads one unsigned decimal number at *pos, skipping leading blanks.
 * Fails on overflow or when no digit is there. */
static gboolean
parse_u64 (const char *buf,
           gsize       len,
           gsize      *pos,
           guint64    *out)
{
  gsize i = *pos;
  guint64 value = 0;
  gboolean any = FALSE;

  while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
    i++;

  while (i < len && buf[i] >= '0' && buf[i] <= '9')
    {
      guint digit = buf[i] - '0';

      if (value > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
      any = TRUE;
      i++;
    }

  if (!any)
    return FALSE;

  *pos = i;
  *out = value;
  return TRUE;
}

/* The "Key: value" lines of /proc files such as status and smaps_rollup.
 * Returns FALSE at the end; otherwise the key, and where its value starts
 * and its line ends. Lines without a colon are skipped. */
typedef struct
{
  const char *buf;
  gsize       len;
  gsize       line;
} KeyLines;

static gboolean
key_lines_next (KeyLines    *it,
                const char **key,
                gsize       *key_len,
                gsize       *value,
                gsize       *end)
{
  while (it->line < it->len)
    {
      const char *start = it->buf + it->line;
      const char *nl = memchr (start, '\n', it->len - it->line);
      const char *colon;

      *end = nl != NULL ? (gsize) (nl - it->buf) : it->len;
      colon = memchr (start, ':', *end - it->line);
      it->line = *end + 1;
      if (colon == NULL)
        continue;
      *key = start;
      *key_len = colon - start;
      *value = colon - it->buf + 1;
      return TRUE;
    }
  return FALSE;
}

static gboolean
pages_to_bytes (guint64  pages,
                gsize    page_size,
                guint64 *out)
{
  if (page_size != 0 && pages > G_MAXUINT64 / page_size)
    return FALSE;
  *out = pages * page_size;
  return TRUE;
}

/**
 * mg_proc_parse_statm:
 * @buf: the contents of /proc/PID/statm, not necessarily NUL-terminated
 * @len: its length
 * @page_size: bytes per page, from sysconf
 * @out: (out): where to store the sizes
 *
 * Returns: %TRUE when the size, resident and shared fields were all found.
 */
gboolean
mg_proc_parse_statm (const char *buf,
                     gsize       len,
                     gsize       page_size,
                     MgStatm    *out)
{
  guint64 size, resident, shared;
  gsize pos = 0;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (page_size > 0, FALSE);

  if (!parse_u64 (buf, len, &pos, &size) ||
      !parse_u64 (buf, len, &pos, &resident) ||
      !parse_u64 (buf, len, &pos, &shared))
    return FALSE;

  /* The next byte must end the field: "12a" is not a number. */
  if (pos < len && buf[pos] != ' ' && buf[pos] != '\n' && buf[pos] != '\t')
    return FALSE;

  if (!pages_to_bytes (size, page_size, &out->vsz_bytes) ||
      !pages_to_bytes (resident, page_size, &out->rss_bytes) ||
      !pages_to_bytes (shared, page_size, &out->shared_bytes))
    return FALSE;

  return TRUE;
}

typedef struct
{
  const char    *key;
  MgStatusField  field;
  gsize          offset;
  gboolean       in_kib;
} StatusKey;

static const StatusKey status_keys[] = {
  { "VmPeak",   MG_STATUS_VM_PEAK,   G_STRUCT_OFFSET (MgStatus, vm_peak),   TRUE },
  { "VmSize",   MG_STATUS_VM_SIZE,   G_STRUCT_OFFSET (MgStatus, vm_size),   TRUE },
  { "VmHWM",    MG_STATUS_VM_HWM,    G_STRUCT_OFFSET (MgStatus, vm_hwm),    TRUE },
  { "VmRSS",    MG_STATUS_VM_RSS,    G_STRUCT_OFFSET (MgStatus, vm_rss),    TRUE },
  { "RssAnon",  MG_STATUS_RSS_ANON,  G_STRUCT_OFFSET (MgStatus, rss_anon),  TRUE },
  { "RssFile",  MG_STATUS_RSS_FILE,  G_STRUCT_OFFSET (MgStatus, rss_file),  TRUE },
  { "RssShmem", MG_STATUS_RSS_SHMEM, G_STRUCT_OFFSET (MgStatus, rss_shmem), TRUE },
  { "VmSwap",   MG_STATUS_VM_SWAP,   G_STRUCT_OFFSET (MgStatus, vm_swap),   TRUE },
  { "Threads",  MG_STATUS_THREADS,   G_STRUCT_OFFSET (MgStatus, threads),   FALSE },
};

/**
 * mg_proc_parse_status:
 * @buf: the contents of /proc/PID/status, not necessarily NUL-terminated
 * @len: its length
 * @out: (out): the fields found; sizes are converted from kB to bytes
 *
 * Lines that are not understood are skipped, as the kernel adds fields over
 * time. A known key with a malformed value makes the whole parse fail.
 *
 * Returns: %TRUE when at least one known field was found and none was malformed.
 */
gboolean
mg_proc_parse_status (const char *buf,
                      gsize       len,
                      MgStatus   *out)
{
  KeyLines it = { buf, len, 0 };
  const char *key;
  gsize key_len, pos, end;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  while (key_lines_next (&it, &key, &key_len, &pos, &end))
    {
      if (key_len == 4 && memcmp (key, "Name", 4) == 0)
        {
          gsize n;

          while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t'))
            pos++;
          n = MIN (end - pos, sizeof out->name - 1);
          memcpy (out->name, buf + pos, n);
          out->name[n] = '\0';
        }
      else if (key_len == 5 && memcmp (key, "State", 5) == 0)
        {
          while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t'))
            pos++;
          out->state = pos < end ? buf[pos] : 0;
        }
      else if (key_len == 4 && memcmp (key, "PPid", 4) == 0)
        {
          guint64 v;

          if (!parse_u64 (buf, end, &pos, &v) || v > G_MAXINT32)
            return FALSE;
          out->ppid = (gint64) v;
          out->present |= MG_STATUS_PPID;
        }
      /* Every other key we know is Vm…, Rss… or Threads, of 5 to 8 bytes:
       * most of the 55 lines are passed over here. */
      else if (key_len >= 5 && key_len <= 8 && (key[0] == 'V' || key[0] == 'R' || key[0] == 'T'))
        {
          for (guint i = 0; i < G_N_ELEMENTS (status_keys); i++)
            {
              const StatusKey *k = &status_keys[i];
              guint64 v;

              /* Not strncmp(): a key may hold a NUL, which would end the
               * comparison early and send the next test past the literal. */
              if (strlen (k->key) != key_len || memcmp (k->key, key, key_len) != 0)
                continue;
              if (!parse_u64 (buf, end, &pos, &v))
                return FALSE;
              if (k->in_kib)
                {
                  if (v > G_MAXUINT64 / 1024)
                    return FALSE;
                  v *= 1024;
                }
              *(guint64 *) ((char *) out + k->offset) = v;
              out->present |= k->field;
              break;
            }
        }
    }

  return out->present != 0;
}

/**
 * mg_proc_parse_smaps_rollup:
 * @buf: the contents of /proc/PID/smaps_rollup, not necessarily NUL-terminated
 * @len: its length
 * @out: (out): the totals
 *
 * Returns: %TRUE when the Rss and Pss lines were found and well formed
 */
gboolean
mg_proc_parse_smaps_rollup (const char    *buf,
                            gsize          len,
                            MgSmapsRollup *out)
{
  static const struct { const char *key; gsize offset; } keys[] = {
    { "Rss", G_STRUCT_OFFSET (MgSmapsRollup, rss) },
    { "Pss", G_STRUCT_OFFSET (MgSmapsRollup, pss) },
    { "Private_Clean", G_STRUCT_OFFSET (MgSmapsRollup, uss) },
    { "Private_Dirty", G_STRUCT_OFFSET (MgSmapsRollup, uss) },
    { "Swap", G_STRUCT_OFFSET (MgSmapsRollup, swap) },
  };
  gboolean have_rss = FALSE, have_pss = FALSE;
  KeyLines it = { buf, len, 0 };
  const char *key;
  gsize key_len, pos, end;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  while (key_lines_next (&it, &key, &key_len, &pos, &end))
    {
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          guint64 v;

          if (strlen (keys[i].key) != key_len || memcmp (keys[i].key, key, key_len) != 0)
            continue;
          if (!parse_u64 (buf, end, &pos, &v) || v > G_MAXUINT64 / 2048)
            return FALSE;
          *(guint64 *) ((char *) out + keys[i].offset) += v * 1024;
          have_rss |= i == 0;
          have_pss |= i == 1;
          break;
        }
    }

  return have_rss && have_pss;
}

/**
 * mg_proc_parse_children:
 * @buf: the contents of /proc/PID/task/TID/children: pids separated by spaces
 * @len: its length
 * @pids: a #GArray of pid_t to append to
 *
 * Returns: how many pids were appended; parsing stops at the first byte
 *   that is neither a digit nor white space
 */
guint
mg_proc_parse_children (const char *buf,
                        gsize       len,
                        GArray     *pids)
{
  gsize pos = 0;
  guint n = 0;

  g_return_val_if_fail (buf != NULL || len == 0, 0);
  g_return_val_if_fail (pids != NULL, 0);

  while (pos < len)
    {
      guint64 v;

      while (pos < len && (buf[pos] == ' ' || buf[pos] == '\n'))
        pos++;
      if (pos >= len)
        break;
      if (!parse_u64 (buf, len, &pos, &v) || v == 0 || v > G_MAXINT32)
        break;
      {
        pid_t pid = (pid_t) v;
        g_array_append_val (pids, pid);
        n++;
      }
    }
  return n;
}

/**
 * mg_proc_pread:
 * @fd: a descriptor from mg_proc_open()
 * @buf: where to read
 * @size: the size of @buf
 *
 * Reads a /proc file from its start.
 *
 * Returns: the number of bytes read, or -1 with errno set (ESRCH once the
 *   process is gone)
 */
gssize
mg_proc_pread (int    fd,
               char  *buf,
               gsize  size)
{
  ssize_t n;

  do
    n = pread (fd, buf, size, 0);
  while (n < 0 && errno == EINTR);
  return n;
}

/**
 * mg_proc_read_whole:
 * @fd: a descriptor from mg_proc_open()
 * @buf: filled with the whole file from its start
 *
 * Reads a /proc file however long it is. The kernel may return no more
 * than a page of whole entries per read (a children list of 2,000 pids is
 * longer), so reading goes on while a read ends near a page boundary; a
 * short file costs one pread() as before.
 *
 * Returns: its length, or -1 with errno set
 */
gssize
mg_proc_read_whole (int         fd,
                    GByteArray *buf)
{
  gsize total = 0;

  g_return_val_if_fail (buf != NULL, -1);

  if (buf->len < 4096)
    g_byte_array_set_size (buf, 4096);
  for (;;)
    {
      ssize_t n;

      do
        n = pread (fd, buf->data + total, buf->len - total, total);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        return total > 0 ? (gssize) total : -1;
      total += n;
      /* The last entry of a page-limited read ends within 32 bytes of it. */
      if (n == 0 || (total < buf->len - 32 && (n < 4096 - 32)))
        break;
      if (buf->len - total < 4096)
        g_byte_array_set_size (buf, buf->len * 2);
    }
  return total;
}

/**
 * mg_proc_parse_stat:
 * @buf: the contents of /proc/PID/stat
 * @len: its length
 * @out: (out): the fields
 *
 * The name in parentheses may hold spaces and parentheses: fields are
 * counted from the last ')'.
 *
 * Returns: %TRUE when fields 4 to 22 were read
 */
gboolean
mg_proc_parse_stat (const char *buf,
                    gsize       len,
                    MgStat     *out)
{
  guint64 v[19];
  gsize pos = 0;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (gsize i = 0; i < len; i++)
    if (buf[i] == ')')
      pos = i + 1;
  if (pos == 0)
    return FALSE;
  /* ") S " then field 4 on. */
  while (pos < len && buf[pos] == ' ')
    pos++;
  while (pos < len && buf[pos] != ' ')
    pos++;
  for (guint k = 0; k < G_N_ELEMENTS (v); k++)
    {
      gboolean negative = FALSE;

      if (pos >= len || buf[pos] != ' ')
        return FALSE;
      pos++;
      /* Some fields (priority, nice) can be negative: only their presence
       * matters here. */
      if (pos < len && buf[pos] == '-')
        {
          negative = TRUE;
          pos++;
        }
      if (!parse_u64 (buf, len, &pos, &v[k]))
        return FALSE;
      if (negative)
        v[k] = 0;
    }
  /* v[k] is field k + 4. */
  out->ppid = (gint64) v[0];
  out->child_faults = v[11 - 4] + v[13 - 4];
  out->start_ticks = v[22 - 4];
  return TRUE;
}

/**
 * mg_proc_read_stat:
 *
 * Reads and parses /proc/PID/stat once.
 *
 * Returns: %FALSE with errno set when it cannot be read
 */
gboolean
mg_proc_read_stat (pid_t   pid,
                   MgStat *out)
{
  char buf[1024];
  gssize n;
  int fd = mg_proc_open (pid, "stat", NULL);

  if (fd < 0)
    return FALSE;
  n = mg_proc_pread (fd, buf, sizeof buf);
  close (fd);
  return n > 0 && mg_proc_parse_stat (buf, n, out);
}

/**
 * mg_proc_has_ended:
 *
 * Returns: %TRUE when process @pid has ended: gone, or a zombie whose exit
 *   report may still be on its way to its parent
 */
gboolean
mg_proc_has_ended (pid_t pid)
{
  char buf[1024];
  gssize n;
  const char *paren;
  int fd = mg_proc_open (pid, "stat", NULL);

  if (fd < 0)
    return TRUE;
  n = mg_proc_pread (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return TRUE;
  buf[n] = '\0';
  paren = strrchr (buf, ')');
  return paren != NULL && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X');
}

/**
 * mg_proc_ticks_to_monotonic_us:
 * @ticks: a start time from /proc/PID/stat, clock ticks after boot
 *
 * Returns: the same moment on the CLOCK_MONOTONIC scale of
 *   g_get_monotonic_time(), rounded down to the tick
 */
gint64
mg_proc_ticks_to_monotonic_us (guint64 ticks)
{
  static long hz;
  struct timespec boot, mono;
  gint64 offset;

  if (hz <= 0)
    hz = sysconf (_SC_CLK_TCK);
  if (hz <= 0)
    hz = 100;
  clock_gettime (CLOCK_BOOTTIME, &boot);
  clock_gettime (CLOCK_MONOTONIC, &mono);
  /* Boot time runs ahead of monotonic time by the time spent suspended. */
  offset = ((gint64) boot.tv_sec - mono.tv_sec) * G_USEC_PER_SEC +
           (boot.tv_nsec - mono.tv_nsec) / 1000;
  return (gint64) (ticks / hz) * G_USEC_PER_SEC +
         (gint64) (ticks % hz) * G_USEC_PER_SEC / hz - offset;
}

/**
 * mg_proc_open:
 * @pid: a process id
 * @file: a file below /proc/PID, such as "statm"
 * @error: return location for a #GError
 *
 * Opens the file once so that each sample is a single pread() at offset 0.
 *
 * Returns: a file descriptor, or -1 with @error set
 */
int
mg_proc_open (pid_t        pid,
              const char  *file,
              GError     **error)
{
  return mg_proc_open_full (pid, file, O_RDONLY, error);
}

/**
 * mg_proc_open_full:
 * @flags: open() flags, such as O_WRONLY for clear_refs
 *
 * Like mg_proc_open(), with the access mode given.
 */
int
mg_proc_open_full (pid_t        pid,
                   const char  *file,
                   int          flags,
                   GError     **error)
{
  char path[64];
  int fd;

  g_return_val_if_fail (pid > 0, -1);
  g_return_val_if_fail (file != NULL, -1);

  g_snprintf (path, sizeof path, "/proc/%d/%s", (int) pid, file);
  fd = open (path, flags | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not open %s: %s", path, g_strerror (saved));
      errno = saved;
    }
  return fd;
}

/**
 * mg_proc_read_statm:
 * @fd: a descriptor from mg_proc_open() for "statm"
 * @page_size: bytes per page
 * @out: (out): the sizes
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE when the process is gone (the kernel
 *   answers ESRCH or an empty file) or the contents cannot be parsed.
 */
gboolean
mg_proc_read_statm (int       fd,
                    gsize     page_size,
                    MgStatm  *out,
                    GError  **error)
{
  char buf[256];
  gssize n;

  g_return_val_if_fail (fd >= 0, FALSE);

  n = mg_proc_pread (fd, buf, sizeof buf);

  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not read statm: %s", g_strerror (saved));
      return FALSE;
    }

  if (!mg_proc_parse_statm (buf, n, page_size, out))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Could not parse statm (%d bytes)", (int) n);
      return FALSE;
    }

  return TRUE;
}

/**
 * mg_proc_page_size:
 *
 * Returns: the size of a memory page in bytes
 */
gsize
mg_proc_page_size (void)
{
  static gsize page_size;

  if (page_size == 0)
    {
      long v = sysconf (_SC_PAGESIZE);

      page_size = v > 0 ? (gsize) v : 4096;
    }
  return page_size;
}
