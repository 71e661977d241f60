/* mg-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recordings opened from the files mg-export.c writes: the error domain,
 * and the message every reader gives. Everything read is checked: a file
 * that is not a recording, is cut short or has a value of the wrong kind
 * gets an error that names the file and what is wrong. The readers are
 * mg-format-json.c and mg-format-csv.c; mg-file.c opens a file and picks
 * the reader by its extension.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-format-private.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

gboolean G_GNUC_PRINTF (4, 5)
mg_import_fail (GError     **error,
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
