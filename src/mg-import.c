/* mg-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recordings opened from the files mg-export.c writes. Everything read is
 * checked: a file that is not a recording, is cut short or has a value of
 * the wrong kind gets an error that names the file and what is wrong.
 *
 * Files are read as streams, never as a whole tree: a recording of a day
 * holds millions of samples, and a crafted file may nest without end. JSON
 * goes through a small pull tokenizer that keeps its nesting on a fixed
 * stack (MG_JSON_MAX_DEPTH) and recurses nowhere. A first pass reads the
 * small members into JsonNodes (each list element on its own) and notes
 * where each array of samples begins; a second pass reads those arrays side
 * by side, one sample at a time, straight into the recording. A file is read
 * in blocks with pread(), so what is held is the recording and a few blocks,
 * not the file. CSV is read a line at a time.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-format-private.h"
#include "mg-compare.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      int          code,
      const char  *name,
      const char  *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list ap;

  va_start (ap, format);
  reason = g_strdup_vprintf (format, ap);
  va_end (ap);
  /* TRANSLATORS: a file name, then what is wrong with it */
  g_set_error (error, MG_IMPORT_ERROR, code, _("Could not open “%s”: %s"), name, reason);
  return FALSE;
}
