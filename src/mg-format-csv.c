/* mg-format-csv.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: the writer, a row per sample, and its reader, a line at a time.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-format-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* CSV */

void
mg_format_csv_write (MgSink      *sink,
                     MgRecording *recording)
{
  MgSamples *samples = mg_recording_get_samples (recording);
  guint n = mg_recording_get_n_samples (recording);
  gboolean wanted[MG_N_FIELDS];

  mg_sink_str (sink, MG_FIELD_TIME_KEY);
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      wanted[f] = mg_recording_has_field (recording, f);
      if (wanted[f])
        {
          mg_sink_c (sink, ',');
          mg_sink_str (sink, mg_fields[f].column);
        }
    }
  mg_sink_c (sink, '\n');

  for (guint i = 0; i < n && sink->error == NULL; i++)
    {
      const MgSample *x = mg_samples_peek (samples, i);

      /* Locale-independent: a comma decimal separator would break the CSV. */
      mg_sink_time_digits (sink, x->time_s, TRUE);
      for (MgField f = 0; f < MG_N_FIELDS; f++)
        if (wanted[f])
          {
            guint64 v = mg_field_get (x, f);

            mg_sink_c (sink, ',');
            /* An empty cell where PSS was not read. */
            if (!(mg_fields[f].nullable && v == MG_NO_VALUE))
              mg_sink_uint (sink, v);
          }
      mg_sink_c (sink, '\n');
    }
}

void
mg_format_csv_write_compare (MgSink       *sink,
                             MgRecording **runs,
                             const char  **labels,
                             guint         n_runs)
{
  mg_sink_str (sink, "run,time_s,rss_bytes,vsz_bytes\n");
  for (guint r = 0; r < n_runs; r++)
    {
      MgSamples *samples = mg_recording_get_samples (runs[r]);
      g_autofree char *label = g_strdup (labels[r]);

      /* Commas would split the cell. */
      g_strdelimit (label, ",\n", ' ');
      for (guint i = 0; i < mg_recording_get_n_samples (runs[r]) && sink->error == NULL; i++)
        {
          const MgSample *x = mg_samples_peek (samples, i);

          mg_sink_str (sink, label);
          mg_sink_c (sink, ',');
          mg_sink_time_digits (sink, x->time_s, TRUE);
          mg_sink_c (sink, ',');
          mg_sink_uint (sink, x->rss_bytes);
          mg_sink_c (sink, ',');
          mg_sink_uint (sink, x->vsz_bytes);
          mg_sink_c (sink, '\n');
        }
    }
}

/* CSV, a line at a time. */

/* Longer than any row we write by far; a longer line is not ours. */
#define CSV_MAX_LINE (64 * 1024)

/* The next line into @line, without its end; FALSE at the end of @in or
 * when the line is too long (@too_long set). */
static gboolean
read_line (MgInput  *in,
           GString  *line,
           gboolean *too_long)
{
  g_string_truncate (line, 0);
  *too_long = FALSE;
  if (mg_input_peek (in) < 0)
    return FALSE;
  for (;;)
    {
      const guint8 *nl = memchr (in->p, '\n', in->end - in->p);
      const guint8 *stop = nl != NULL ? nl : in->end;

      g_string_append_len (line, (const char *) in->p, stop - in->p);
      in->p = stop;
      if (line->len > CSV_MAX_LINE)
        {
          *too_long = TRUE;
          return FALSE;
        }
      if (nl != NULL)
        {
          in->p++;
          return TRUE;
        }
      if (mg_input_peek (in) < 0)
        return TRUE;
    }
}

/* A cell of whole bytes: digits only, at most G_MAXINT64. */
static gboolean
parse_size (const char *cell,
            guint64    *out)
{
  guint64 v = 0;
  const char *c;

  for (c = cell; g_ascii_isdigit (*c); c++)
    {
      if (c - cell == 19)
        return FALSE;
      v = v * 10 + (guint64) (*c - '0');
    }
  if (c == cell || *c != '\0' || v > G_MAXINT64)
    return FALSE;
  *out = v;
  return TRUE;
}

MgRecording *
mg_format_csv_read (MgInput     *in,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree gssize *columns = NULL;
  g_autofree char **cells = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(MgRecording) recording = NULL;
  g_autofree char *base = g_path_get_basename (name);
  const char *argv[] = { base, NULL };
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, NULL };
  double last_time = 0;
  guint n_columns, rows = 0, line_no = 1;
  gboolean too_long;

  if (!read_line (in, line, &too_long))
    {
      if (in->read_errno != 0)
        return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", g_strerror (in->read_errno)),
               NULL;
      if (too_long)
        return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                               _("it is not a Memory Graph CSV file (the header must begin with "
                       "“time_s,rss_bytes”)")), NULL;
      return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("the file is empty")), NULL;
    }
  if (memchr (line->str, '\0', line->len) != NULL ||
      !g_utf8_validate_len (line->str, line->len, NULL))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("it is not a text file")), NULL;
  /* A byte-order mark, as spreadsheets write it, is not part of the header. */
  if (g_str_has_prefix (line->str, "\xef\xbb\xbf"))
    g_string_erase (line, 0, 3);

  header = g_strsplit (g_strchomp (line->str), ",", -1);
  n_columns = g_strv_length (header);
  if (n_columns < 2 || g_strcmp0 (header[0], MG_FIELD_TIME_KEY) != 0 ||
      g_strcmp0 (header[1], mg_fields[MG_FIELD_RSS].column) != 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                           _("it is not a Memory Graph CSV file (the header must begin with "
                   "“time_s,rss_bytes”)")), NULL;

  columns = g_new (gssize, n_columns);
  cells = g_new (char *, n_columns);
  for (guint c = 1; c < n_columns; c++)
    {
      MgField field;

      if (!mg_field_from_column (header[c], &field))
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("unknown column “%s”"), header[c]),
               NULL;
      columns[c] = field;
    }

  recording = mg_recording_new (argv, NULL, MG_INTERVAL_DEFAULT);
  for (;;)
    {
      MgSample s;
      char *end, *cell;
      guint n_cells = 0;

      if (!read_line (in, line, &too_long))
        {
          if (too_long)
            return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                                   _("line %u is longer than %u bytes"), line_no + 1, CSV_MAX_LINE), NULL;
          break;
        }
      line_no++;
      if (memchr (line->str, '\0', line->len) != NULL ||
          !g_utf8_validate_len (line->str, line->len, NULL))
        return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("it is not a text file")),
               NULL;
      g_strchomp (line->str);
      if (line->str[0] == '\0')
        continue;

      /* Cut into cells in place. */
      for (cell = line->str;;)
        {
          char *comma = strchr (cell, ',');

          if (n_cells < n_columns)
            cells[n_cells] = cell;
          n_cells++;
          if (comma == NULL)
            break;
          *comma = '\0';
          cell = comma + 1;
        }
      if (n_cells != n_columns)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("line %u has %u cells, the header %u"), line_no, n_cells, n_columns), NULL;

      mg_sample_init (&s, g_ascii_strtod (cells[0], &end));
      if (end == cells[0] || *end != '\0' || !isfinite (s.time_s) || s.time_s < 0)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("line %u: “%s” is not a time in seconds"), line_no, cells[0]), NULL;
      if (s.time_s < last_time)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("line %u: time goes backwards"),
                               line_no), NULL;
      last_time = s.time_s;

      for (guint c = 1; c < n_columns; c++)
        {
          MgField field = columns[c];
          guint64 v;

          if (cells[c][0] == '\0' && mg_fields[field].nullable)
            continue;
          if (!parse_size (cells[c], &v))
            return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                                   _("line %u: “%s” is not a whole number of bytes"), line_no, cells[c]),
                   NULL;
          mg_field_set (&s, field, v);
        }
      mg_recording_append_sample (recording, &s);
      if (s.pss_bytes != MG_NO_VALUE)
        mg_recording_set_pss (recording, s.time_s, s.pss_bytes, s.uss_bytes);
      rows++;
    }

  if (in->read_errno != 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", g_strerror (in->read_errno)), NULL;
  if (rows == 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("it has no samples")), NULL;

  mg_recording_finish (recording, &exit_info, last_time);
  return g_steal_pointer (&recording);
}

/**
 * mg_import_csv:
 * @bytes: the file's contents: a header naming the columns, then one row
 *   per sample, as written by mg_export_csv_bytes()
 * @name: the file's name, for messages and as the title
 * @error: return location for a #GError in %MG_IMPORT_ERROR
 *
 * Returns: (transfer full): a recording of the samples only, or %NULL
 */
MgRecording *
mg_import_csv (GBytes      *bytes,
               const char  *name,
               GError     **error)
{
  MgInput in;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  mg_input_init_memory (&in, data, size);
  return mg_format_csv_read (&in, name, error);
}
