/* mg-file.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files: the format a name asks for, where a document goes as it is
 * written (a sink), atomic replacement, pipes, devices and symbolic
 * links; and the other way, a file read in blocks (an input) and given to
 * the reader of its format.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-compare.h"
#include "mg-format-private.h"
#include "mg-stream.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/**
 * mg_export_format_for_path:
 * @path: a file name
 *
 * Returns: the format its extension names, case-insensitively
 */
MgExportFormat
mg_export_format_for_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, MG_EXPORT_UNKNOWN);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return MG_EXPORT_UNKNOWN;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return MG_EXPORT_PNG;
  if (g_ascii_strcasecmp (dot, ".csv") == 0)
    return MG_EXPORT_CSV;
  if (g_ascii_strcasecmp (dot, ".json") == 0)
    return MG_EXPORT_JSON;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    return MG_EXPORT_SVG;
  if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    return MG_EXPORT_PDF;
  if (g_ascii_strcasecmp (dot, ".jsonl") == 0)
    return MG_EXPORT_JSONL;
  return MG_EXPORT_UNKNOWN;
}

/**
 * mg_export_format_extension:
 *
 * Returns: (transfer none): ".png", ".svg", ".pdf", ".csv", ".json" or ".jsonl"
 */
const char *
mg_export_format_extension (MgExportFormat format)
{
  switch (format)
    {
    case MG_EXPORT_CSV:
      return ".csv";
    case MG_EXPORT_JSON:
      return ".json";
    case MG_EXPORT_SVG:
      return ".svg";
    case MG_EXPORT_PDF:
      return ".pdf";
    case MG_EXPORT_JSONL:
      return ".jsonl";
    case MG_EXPORT_PNG:
    case MG_EXPORT_UNKNOWN:
    default:
      return ".png";
    }
}

/* Writes @doc to @sink in its format. */
static void
write_document (MgSink     *sink,
                MgDocument *doc)
{
  if (doc->bytes != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (doc->bytes, &size);

      mg_sink_write (sink, data, size);
    }
  else if (doc->format == MG_EXPORT_JSONL)
    mg_stream_write_sink (sink, doc->runs[0]);
  else if (doc->format == MG_EXPORT_CSV && doc->labels == NULL)
    mg_format_csv_write (sink, doc->runs[0]);
  else if (doc->format == MG_EXPORT_CSV)
    mg_format_csv_write_compare (sink, doc->runs, doc->labels, doc->n_runs);
  else
    mg_format_json_write (sink, doc);
}

GBytes *
mg_document_bytes (MgDocument *doc)
{
  GByteArray *memory = g_byte_array_new ();
  MgSink sink;

  mg_sink_init (&sink, -1, NULL, memory);
  write_document (&sink, doc);
  mg_sink_finish (&sink, NULL);
  return g_byte_array_free_to_bytes (memory);
}

/* The file a path names in the end, through any symbolic links, so that
 * replacing it keeps the links. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  /* As many links as the kernel follows (MAXSYMLINKS). */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *target = NULL;
      struct stat st;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
    }
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (ELOOP), g_strerror (ELOOP));
  return NULL;
}

/* Writes into a pipe or a device as it is: it cannot be replaced, and its
 * reader waits on it. */
static gboolean
write_into (const char  *path,
            MgDocument  *doc,
            GError     **error)
{
  sigset_t pipe_signal, old_mask;
  gboolean ok;
  MgSink sink;
  int fd, saved;

  do
    fd = open (path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  /* A reader that goes away must not kill us with SIGPIPE: the write gets
   * EPIPE, and the signal it raised in this thread is taken back. */
  sigemptyset (&pipe_signal);
  sigaddset (&pipe_signal, SIGPIPE);
  pthread_sigmask (SIG_BLOCK, &pipe_signal, &old_mask);
  mg_sink_init (&sink, fd, NULL, NULL);
  write_document (&sink, doc);
  ok = mg_sink_finish (&sink, error);
  if (!sigismember (&old_mask, SIGPIPE))
    {
      struct timespec zero = { 0, 0 };

      while (sigtimedwait (&pipe_signal, NULL, &zero) == SIGPIPE)
        ;
    }
  pthread_sigmask (SIG_SETMASK, &old_mask, NULL);
  if (!ok)
    {
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writes @doc to a new file beside @path and renames it over @path once
 * every byte is on disk; on any failure the new file goes and @path keeps
 * what it had. (g_file_replace_contents () renames its temporary file into
 * place even after a failed write: a full disk would leave a truncated
 * file where the old one was.) A symbolic link stays a link: the file it
 * points to is replaced. A pipe or a device is written into. */
static gboolean
replace_local_file (const char  *link_path,
                    MgDocument  *doc,
                    GError     **error)
{
  g_autofree char *path = resolve_links (link_path, error);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  gboolean exists;
  MgSink sink;
  int fd, saved;

  if (path == NULL)
    return FALSE;
  exists = stat (path, &st) == 0;
  if (exists && (S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode)))
    return write_into (path, doc, error);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  /* Keep the permissions of the file it replaces. */
  if (exists && S_ISREG (st.st_mode))
    fchmod (fd, st.st_mode & 07777);
  mg_sink_init (&sink, fd, NULL, NULL);
  write_document (&sink, doc);
  if (!mg_sink_finish (&sink, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  /* Blocks a file system allocates late are allocated now. */
  if (fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

/* The same through GIO, for a file that has no local path. */
static gboolean
replace_remote_file (GFile     *file,
                     MgDocument  *doc,
                     GError   **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  MgSink sink;

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  mg_sink_init (&sink, -1, G_OUTPUT_STREAM (out), NULL);
  write_document (&sink, doc);
  if (mg_sink_finish (&sink, error))
    return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
  /* A cancelled close abandons the new file instead of putting it in place. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (out), abandon, NULL);
  return FALSE;
}

/* Replaces @file atomically with @doc, written as a stream; an error names
 * the file. */
static gboolean
replace_file (GFile     *file,
              MgDocument  *doc,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  gboolean ok;

  ok = path != NULL ? replace_local_file (path, doc, &local_error)
                    : replace_remote_file (file, doc, &local_error);
  if (!ok)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_export_compare_write:
 * @runs: (array length=n_runs): the compared runs
 * @labels: (array length=n_runs): their names
 * @file: where to write; replaced atomically
 * @format: PNG, SVG or PDF draw the runs overlaid; JSON holds them all; CSV
 *   has one row per sample of each run, named in a first column
 *
 * Returns: %TRUE on success
 */
gboolean
mg_export_compare_write (MgRecording      **runs,
                         const char       **labels,
                         guint              n_runs,
                         GFile             *file,
                         MgExportFormat     format,
                         const MgPlotStyle *style,
                         int                width,
                         int                height,
                         GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  MgDocument doc = { runs, labels, n_runs, NULL, format };

  g_return_val_if_fail (n_runs > 0, FALSE);

  switch (format)
    {
    case MG_EXPORT_PNG:
    case MG_EXPORT_SVG:
    case MG_EXPORT_PDF:
      {
        MgImageComparison c = { runs, labels, n_runs };
        double scale = format == MG_EXPORT_PNG ? style->scale : 1;

        bytes = mg_image_bytes (format, style, (int) (width * scale), (int) (height * scale),
                                mg_image_render_comparison, &c, error);
        if (bytes == NULL)
          return FALSE;
        doc.bytes = bytes;
      }
      break;

    case MG_EXPORT_JSON:
    case MG_EXPORT_CSV:
      break;

    case MG_EXPORT_JSONL:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A stream (.jsonl) holds one run: save a comparison as .json"));
      return FALSE;

    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv, .json or .jsonl"));
      return FALSE;
    }

  return replace_file (file, &doc, error);
}

/**
 * mg_export_write:
 * @file: where to write; replaced atomically (a symbolic link stays one,
 *   the file it points to is replaced; a pipe or a device is written into)
 * @format: what to write
 * @style: for images, the plot style; PNG is @width × @height times its
 *   scale in pixels (2 for sharp images in HiDPI documents)
 * @width: for images, the width in logical pixels (points for SVG and PDF)
 * @height: for images, the height
 * @error: return location for a #GError
 *
 * CSV, JSON and JSON Lines are written as streams, straight from the packed samples:
 * the document is never whole in memory.
 *
 * Returns: %TRUE on success; on failure an existing file is left intact
 */
gboolean
mg_export_write (MgRecording        *recording,
                 GFile              *file,
                 MgExportFormat      format,
                 const MgPlotStyle  *style,
                 int                 width,
                 int                 height,
                 GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  MgDocument doc = { &recording, NULL, 1, NULL, format };

  g_return_val_if_fail (MG_IS_RECORDING (recording), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  switch (format)
    {
    case MG_EXPORT_PNG:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_png_bytes (recording, style, (int) (width * style->scale),
                                   (int) (height * style->scale), error);
      if (bytes == NULL)
        return FALSE;
      doc.bytes = bytes;
      break;
    case MG_EXPORT_SVG:
    case MG_EXPORT_PDF:
      g_return_val_if_fail (style != NULL, FALSE);
      bytes = mg_export_vector_bytes (recording, format, style, width, height, error);
      if (bytes == NULL)
        return FALSE;
      doc.bytes = bytes;
      break;
    case MG_EXPORT_CSV:
    case MG_EXPORT_JSON:
    case MG_EXPORT_JSONL:
      break;
    case MG_EXPORT_UNKNOWN:
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown file type: use a name ending in .png, .svg, .pdf, .csv, .json or .jsonl"));
      return FALSE;
    }

  return replace_file (file, &doc, error);
}

void
mg_input_init_memory (MgInput      *in,
                      const guint8 *data,
                      gsize         size)
{
  static const guint8 nothing[1];

  /* Empty bytes may have no data at all: no arithmetic on NULL. */
  if (data == NULL)
    data = nothing, size = 0;
  memset (in, 0, sizeof *in);
  in->fd = -1;
  in->mem = data;
  in->mem_size = size;
  in->win = in->p = data;
  in->end = data + size;
}

void
mg_input_init_fd (MgInput *in,
                  int      fd)
{
  memset (in, 0, sizeof *in);
  in->fd = fd;
  in->buf = g_malloc (MG_INPUT_BLOCK);
  in->win = in->p = in->end = in->buf;
}

/* Another reader of what @of reads, from @offset. */
void
mg_input_init_at (MgInput       *in,
                  const MgInput *of,
                  goffset        offset)
{
  if (of->fd < 0)
    {
      mg_input_init_memory (in, of->mem, of->mem_size);
      in->p = in->mem + MIN ((gsize) offset, of->mem_size);
    }
  else
    {
      mg_input_init_fd (in, of->fd);
      in->base = offset;
    }
}

void
mg_input_clear (MgInput *in)
{
  g_clear_pointer (&in->buf, g_free);
}

gboolean
mg_input_fill (MgInput *in)
{
  gssize n;

  if (in->fd < 0)
    return FALSE;
  in->base += in->end - in->win;
  do
    n = pread (in->fd, in->buf, MG_INPUT_BLOCK, in->base);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    in->read_errno = errno;
  in->win = in->p = in->buf;
  in->end = in->buf + MAX (n, 0);
  return n > 0;
}

/* Opens @file for reading: a regular file is read in blocks as needed,
 * anything else (a pipe, a remote file) whole into *bytes. */
static gboolean
open_input (GFile       *file,
            const char  *name,
            MgInput     *in,
            int         *fd_out,
            GBytes     **bytes,
            GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const guint8 *data;

  *fd_out = -1;
  if (path != NULL)
    {
      g_autoptr(GByteArray) all = NULL;
      struct stat st;
      int fd = open (path, O_RDONLY | O_CLOEXEC), saved;
      gssize n;

      if (fd < 0 || fstat (fd, &st) != 0)
        {
          saved = errno;
          if (fd >= 0)
            close (fd);
          return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", g_strerror (saved));
        }
      if (S_ISREG (st.st_mode))
        {
          *fd_out = fd;
          mg_input_init_fd (in, fd);
          return TRUE;
        }
      if (S_ISDIR (st.st_mode))
        {
          close (fd);
          return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", g_strerror (EISDIR));
        }
      all = g_byte_array_new ();
      do
        {
          guint len = all->len;

          g_byte_array_set_size (all, len + MG_INPUT_BLOCK);
          n = read (fd, all->data + len, MG_INPUT_BLOCK);
          g_byte_array_set_size (all, len + MAX (n, 0));
        }
      while (n > 0 || (n < 0 && errno == EINTR));
      saved = errno;
      close (fd);
      if (n < 0)
        return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", g_strerror (saved));
      *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&all));
    }
  else
    {
      *bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (*bytes == NULL)
        return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", local_error->message);
    }
  data = g_bytes_get_data (*bytes, &size);
  mg_input_init_memory (in, data, size);
  return TRUE;
}

static gboolean
is_stream_name (const char *name)
{
  return g_str_has_suffix (name, ".jsonl") || g_str_has_suffix (name, ".JSONL");
}

/* A stream is known by its first bytes, whatever the file's name. */
static gboolean
is_stream (MgInput *in)
{
  gsize magic = strlen (MG_STREAM_MAGIC);

  return mg_input_peek (in) >= 0 && (gsize) (in->end - in->p) >= magic &&
         memcmp (in->p, MG_STREAM_MAGIC, magic) == 0;
}

static gboolean
is_csv_name (const char *name)
{
  return g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV");
}

/* One file: its runs (one unless a comparison is allowed and saved). */
static GPtrArray *
import_file (GFile      *file,
             gboolean    comparisons,
             GStrv      *labels,
             GError    **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GBytes) bytes = NULL;
  GPtrArray *runs = NULL;
  MgInput in;
  int fd;

  if (!open_input (file, name, &in, &fd, &bytes, error))
    return NULL;
  if (is_stream_name (name) || is_stream (&in) || is_csv_name (name))
    {
      MgRecording *one = is_csv_name (name) && !is_stream (&in)
                         ? mg_format_csv_read (&in, name, error)
                         : mg_format_stream_read (&in, name, error);

      mg_input_clear (&in);
      if (one != NULL)
        {
          runs = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (runs, one);
          if (labels != NULL)
            {
              g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

              mg_strv_add_owned (names, mg_compare_default_label (one, name, 0));
              *labels = g_strv_builder_end (names);
            }
        }
    }
  else
    runs = mg_format_json_read_runs (&in, name, comparisons, labels, error);
  if (fd >= 0)
    close (fd);
  return runs;
}

/**
 * mg_import_file_runs:
 * @file: a recording (.json, .csv) or a saved comparison of runs (.json)
 * @labels: (out) (transfer full): the runs' names, as saved or from the
 *   file name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type MgRecording): the runs, or %NULL
 */
GPtrArray *
mg_import_file_runs (GFile      *file,
                     GStrv      *labels,
                     GError    **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  return import_file (file, TRUE, labels, error);
}

/**
 * mg_import_file:
 * @file: a .json or .csv file
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the recording, or %NULL with an error naming
 *   the file
 */
MgRecording *
mg_import_file (GFile   *file,
                GError **error)
{
  g_autoptr(GPtrArray) runs = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  runs = import_file (file, FALSE, NULL, error);
  return runs != NULL ? g_object_ref (g_ptr_array_index (runs, 0)) : NULL;
}
