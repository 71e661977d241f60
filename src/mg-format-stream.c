/* mg-format-stream.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stream reader, beside its writer (mg-stream.c): JSON Lines fed as
 * they arrive, in pieces of any size, each complete line applied to a
 * recording at once. A line goes through the JSON reader's own lexer
 * (nesting bounded, nothing recursive); only a partial last line is held,
 * up to MG_STREAM_LINE_MAX. Unknown members and events are ignored, so a
 * newer writer's stream still opens.
 */
#include "config.h"

#include "mg-stream.h"
#include "mg-import.h"
#include "mg-format-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

struct _MgStreamReader
{
  MgRecording *recording;
  GByteArray  *partial;       /* the start of a line whose newline has not come */
  GArray      *process_map;   /* the writer's index of a process → ours + 1 */
  gboolean     got_header;
  gboolean     got_end;
  gboolean     output_added;  /* lines added since output-changed was emitted */
  guint64      n_lines;
  guint64      n_malformed;
  char        *name;          /* for messages */
};

/**
 * mg_stream_reader_new:
 * @recording: the recording to fill; the header's started time, interval,
 *   directory and attached flag are applied to it
 *
 * Returns: (transfer full): a reader, to free with mg_stream_reader_free()
 */
MgStreamReader *
mg_stream_reader_new (MgRecording *recording)
{
  MgStreamReader *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);

  self = g_new0 (MgStreamReader, 1);
  self->recording = g_object_ref (recording);
  self->partial = g_byte_array_new ();
  self->process_map = g_array_new (FALSE, TRUE, sizeof (guint));
  /* TRANSLATORS: what is read, in "Could not open “the stream”: …" */
  self->name = g_strdup (_("the stream"));
  return self;
}

void
mg_stream_reader_free (MgStreamReader *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->partial);
  g_array_unref (self->process_map);
  g_free (self->name);
  g_object_unref (self->recording);
  g_free (self);
}

/**
 * mg_stream_reader_set_name:
 * @name: what the stream is called in messages: a file's name, a host
 */
void
mg_stream_reader_set_name (MgStreamReader *self,
                           const char     *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

gboolean
mg_stream_reader_got_header (MgStreamReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->got_header;
}

gboolean
mg_stream_reader_got_end (MgStreamReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->got_end;
}

/**
 * mg_stream_reader_get_n_malformed:
 *
 * Returns: how many lines after the header were skipped as not valid
 */
guint64
mg_stream_reader_get_n_malformed (MgStreamReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_malformed;
}

/**
 * mg_stream_reader_get_held_bytes:
 *
 * Returns: the bytes held for a line whose newline has not come yet (the
 *   buffer that holds them, at most MG_STREAM_LINE_MAX)
 */
gsize
mg_stream_reader_get_held_bytes (MgStreamReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->partial->len;
}

/**
 * mg_stream_reader_get_recording:
 *
 * Returns: (transfer none): the recording being filled
 */
MgRecording *
mg_stream_reader_get_recording (MgStreamReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->recording;
}

/**
 * mg_stream_bytes_look_like:
 *
 * Returns: %TRUE when @data begins as a stream does, or is the start of
 *   that beginning
 */
gboolean
mg_stream_bytes_look_like (const guint8 *data,
                           gsize         len)
{
  gsize magic = strlen (MG_STREAM_MAGIC);

  return memcmp (data, MG_STREAM_MAGIC, MIN (len, magic)) == 0;
}


/* The major version of a header line, or FALSE when it is none. */
static gboolean
header_version (JsonObject *obj,
                double     *version)
{
  return obj != NULL && mg_json_node_number (json_object_get_member (obj, "memgraph_stream"),
                                             version);
}

static gboolean
apply_header (MgStreamReader  *self,
              JsonObject      *obj,
              GError         **error)
{
  double version = 0, interval = mg_recording_get_interval (self->recording);
  const char *started = mg_json_string_member (obj, "started", NULL);

  if (!header_version (obj, &version))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, self->name, "%s",
                           _("it is not a Memory Graph stream (its first line is not a stream "
                             "header)"));
  if (floor (version) != MG_STREAM_VERSION)
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, self->name,
                           _("it is a stream of version %g; this version of Memory Graph reads "
                             "version %d only"), floor (version), MG_STREAM_VERSION);

  if (!mg_json_node_number (json_object_get_member (obj, "interval"), &interval) ||
      interval < MG_INTERVAL_MIN || interval > MG_INTERVAL_MAX)
    interval = mg_recording_get_interval (self->recording);
  mg_recording_restore_head (self->recording,
                             mg_json_string_member (obj, "directory",
                                                    mg_recording_get_directory (self->recording)),
                             interval);
  if (started != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (started, NULL);

      if (time != NULL)
        mg_recording_set_started (self->recording, time);
    }
  mg_recording_set_attached (self->recording, mg_json_boolean_member (obj, "attached"));
  {
    double pid;

    if (mg_json_node_number (json_object_get_member (obj, "command_pid"), &pid) && pid > 0 &&
        pid <= G_MAXINT32 && pid == floor (pid))
      mg_recording_set_command_pid (self->recording, (int) pid);
  }
  self->got_header = TRUE;
  return TRUE;
}

/* A whole number of bytes in a member, or FALSE. */
static gboolean
size_member (JsonObject *obj,
             const char *key,
             guint64    *out)
{
  double v;

  if (!mg_json_node_number (json_object_get_member (obj, key), &v) || v < 0 || v > 1e18 ||
      v != floor (v))
    return FALSE;
  *out = (guint64) v;
  return TRUE;
}

/* A time member: seconds of the run, zero or more. */
static gboolean
time_member (JsonObject *obj,
             const char *key,
             double     *out)
{
  return mg_json_node_number (json_object_get_member (obj, key), out) && *out >= 0 &&
         *out < 1e12;
}

static void
append_sample (MgStreamReader *self,
               const MgSample *sample)
{
  MgSample s = *sample;

  mg_recording_append_sample (self->recording, &s);
  /* A sample a tick: the interval achieved is known as the run goes (the
   * end line gives the writer's own figures). */
  mg_recording_note_tick (self->recording, s.time_s);
  if (s.pss_bytes != MG_NO_VALUE)
    mg_recording_set_pss (self->recording, s.time_s, s.pss_bytes, s.uss_bytes);
}

static gboolean
apply_sample (MgStreamReader *self,
              JsonObject     *obj)
{
  MgSample s;
  double t;

  if (!time_member (obj, "t", &t))
    return FALSE;
  mg_sample_init (&s, t);
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      guint64 v;

      if (size_member (obj, mg_fields[f].key, &v))
        mg_field_set (&s, f, v);
    }
  append_sample (self, &s);
  return TRUE;
}

/* The start of an event in the writer's own form: @prefix, then the time
 * as a plain JSON number, zero or more. Returns what follows the time, or
 * NULL for anything else (which the general path then reads). */
static const char *
fast_start (const char *line,
            gsize       len,
            const char *prefix,
            double     *t)
{
  gsize n = strlen (prefix);
  const char *end = line + len, *p = line + n;
  char *after = NULL;

  if (len <= n || memcmp (line, prefix, n) != 0 || !g_ascii_isdigit (*p))
    return NULL;
  *t = g_ascii_strtod (p, &after);
  /* g_ascii_strtod() also reads what JSON does not: hexadecimal, "inf". */
  if (after == p || after >= end || !(*t >= 0 && *t < 1e12) ||
      strspn (p, "0123456789.eE+-") < (gsize) (after - p))
    return NULL;
  return after;
}

/* A sample as the writer writes it ({"e":"sample","t":…, then whole
 * numbers of bytes under the fields' keys}), applied without building a
 * JSON tree: a sample every 10 ms is read by the window as it comes. FALSE
 * for anything else (another key, a value that is not a plain whole
 * number below 10^18), which the general path reads as ever. */
static gboolean
apply_sample_fast (MgStreamReader *self,
                   const char     *line,
                   gsize           len)
{
  const char *end = line + len, *p;
  MgSample s;
  double t;

  p = fast_start (line, len, "{\"e\":\"sample\",\"t\":", &t);
  if (p == NULL)
    return FALSE;
  mg_sample_init (&s, t);
  while (p < end && *p == ',')
    {
      const char *key = p + 2, *quote;
      MgField f;
      guint64 v = 0;
      guint digits = 0;

      if (end - p < 4 || p[1] != '"' || (quote = memchr (key, '"', end - key)) == NULL ||
          quote + 1 >= end || quote[1] != ':')
        return FALSE;
      for (f = 0; f < MG_N_FIELDS; f++)
        if (strlen (mg_fields[f].key) == (gsize) (quote - key) &&
            memcmp (mg_fields[f].key, key, quote - key) == 0)
          break;
      if (f == MG_N_FIELDS)
        return FALSE;
      for (p = quote + 2; p < end && g_ascii_isdigit (*p); p++, digits++)
        v = v * 10 + (guint64) (*p - '0');
      /* 18 digits at most: below 10^18, as the general path takes. */
      if (digits == 0 || digits > 18 || (digits > 1 && quote[2] == '0'))
        return FALSE;
      mg_field_set (&s, f, v);
    }
  if (p + 1 != end || *p != '}')
    return FALSE;
  append_sample (self, &s);
  return TRUE;
}

static gboolean
apply_process (MgStreamReader *self,
               JsonObject     *obj)
{
  MgProcess p;
  double written = -1;
  int index = -1;

  if (json_object_get_member (obj, "p") == NULL ||
      !mg_format_json_convert_process (json_object_get_member (obj, "p"), &p, self->name,
                                       NULL))
    return FALSE;
  /* A process is told again under the writer's index of it; without one,
   * it is found by its pid and start time. */
  if (mg_json_node_number (json_object_get_member (obj, "i"), &written) &&
      (written < 0 || written >= G_MAXINT32 || written != floor (written)))
    written = -1;
  if (written >= 0 && written < self->process_map->len &&
      g_array_index (self->process_map, guint, (guint) written) > 0)
    index = (int) g_array_index (self->process_map, guint, (guint) written) - 1;
  else if (written < 0)
    index = mg_recording_find_process_full (self->recording, p.pid, p.start_ticks);
  if (index >= 0 && mg_recording_get_process (self->recording, index)->pid == p.pid)
    mg_recording_update_process (self->recording, index, &p);
  else
    {
      mg_recording_restore_process (self->recording, &p);
      index = (int) mg_recording_get_n_processes (self->recording) - 1;
    }
  /* Indices come in order; a gap (a line skipped) is bounded by the line. */
  if (written >= 0 && written < self->process_map->len + 65536.0)
    {
      guint ours = (guint) index + 1;

      if ((guint) written >= self->process_map->len)
        g_array_set_size (self->process_map, (guint) written + 1);
      g_array_index (self->process_map, guint, (guint) written) = ours;
    }
  g_free (p.name);
  g_free (p.cmdline);
  return TRUE;
}

static gboolean
apply_end (MgStreamReader *self,
           JsonObject     *obj)
{
  MgExit exit_info;
  double duration = 0, pid;
  guint64 lines = 0, bytes = 0;

  if (!mg_format_json_read_exit (obj, &exit_info, self->name, NULL) ||
      exit_info.kind == MG_EXIT_RUNNING)
    return FALSE;
  if (!mg_format_json_restore_summary (self->recording, obj, self->name, NULL))
    return FALSE;
  if (!time_member (obj, "duration_s", &duration))
    duration = 0;
  if (mg_json_string_member (obj, "started", NULL) != NULL)
    {
      g_autoptr(GDateTime) time =
        g_date_time_new_from_iso8601 (mg_json_string_member (obj, "started", NULL), NULL);

      if (time != NULL)
        mg_recording_set_started (self->recording, time);
    }
  /* What the stream did not carry adds to what this recording dropped of
   * the lines it got; a stream without these figures says only its
   * writer's whole count. */
  if (size_member (obj, "output_unsent_lines", &lines) &&
      size_member (obj, "output_unsent_bytes", &bytes))
    mg_output_add_unsent (mg_recording_get_output_store (self->recording), lines, bytes);
  else
    {
      size_member (obj, "output_dropped_lines", &lines);
      size_member (obj, "output_dropped_bytes", &bytes);
      if (lines > 0 || bytes > 0)
        mg_recording_restore_output_dropped (self->recording, lines, bytes);
    }
  if (mg_json_node_number (json_object_get_member (obj, "command_pid"), &pid) && pid > 0 &&
      pid <= G_MAXINT32)
    mg_recording_set_command_pid (self->recording, (int) pid);
  if (mg_json_boolean_member (obj, "stopped"))
    mg_recording_set_stopped (self->recording, TRUE);
  if (self->output_added)
    {
      self->output_added = FALSE;
      mg_recording_output_changed (self->recording);
    }
  self->got_end = TRUE;
  mg_recording_finish (self->recording, &exit_info,
                       MAX (duration, mg_recording_get_duration (self->recording)));
  return TRUE;
}

/* One event; FALSE when it is malformed. */
static gboolean
apply_event (MgStreamReader *self,
             JsonObject     *obj)
{
  const char *e = mg_json_string_member (obj, "e", NULL);
  double t;

  if (e == NULL)
    return FALSE;
  if (strcmp (e, "sample") == 0)
    return apply_sample (self, obj);
  if (strcmp (e, "pss") == 0)
    {
      guint64 pss, uss = MG_NO_VALUE;

      if (!time_member (obj, "t", &t) || !size_member (obj, mg_fields[MG_FIELD_PSS].key, &pss))
        return FALSE;
      size_member (obj, mg_fields[MG_FIELD_USS].key, &uss);
      mg_recording_set_pss (self->recording, t, pss, uss);
      return TRUE;
    }
  if (strcmp (e, "process") == 0)
    return apply_process (self, obj);
  if (strcmp (e, "output") == 0)
    {
      const char *text = mg_json_string_member (obj, "text", "");
      gsize length = strlen (text);
      guint64 full = length;

      if (!time_member (obj, "t", &t))
        return FALSE;
      if (!size_member (obj, "length", &full) || full < length)
        full = length;
      mg_recording_add_output_full (self->recording, t,
                                    g_strcmp0 (mg_json_string_member (obj, "stream", ""),
                                               "stderr") == 0
                                    ? MG_OUTPUT_STDERR : MG_OUTPUT_STDOUT,
                                    text, length, full);
      self->output_added = TRUE;
      return TRUE;
    }
  if (strcmp (e, "marker") == 0)
    {
      if (!time_member (obj, "t", &t))
        return FALSE;
      mg_recording_add_marker (self->recording, t, mg_json_string_member (obj, "label", ""));
      return TRUE;
    }
  if (strcmp (e, "unreadable") == 0)
    {
      const char *what = mg_json_string_member (obj, "what", "");
      double pid;

      if (!mg_json_node_number (json_object_get_member (obj, "pid"), &pid) || pid < 1 ||
          pid > G_MAXINT32 ||
          (strcmp (what, "process") != 0 && strcmp (what, "pss") != 0))
        return FALSE;
      mg_recording_note_unreadable (self->recording, (int) pid,
                                    strcmp (what, "process") == 0 ? MG_UNREADABLE_PROCESS
                                                                  : MG_UNREADABLE_PSS);
      return TRUE;
    }
  if (strcmp (e, "follow") == 0)
    {
      const char *state = mg_json_string_member (obj, "state", "");
      MgFollow follow = strcmp (state, "on") == 0 ? MG_FOLLOW_ON
                        : strcmp (state, "refused") == 0 ? MG_FOLLOW_REFUSED : MG_FOLLOW_OFF;

      mg_recording_set_following (self->recording, follow,
                                  mg_json_string_member (obj, "reason", NULL));
      return TRUE;
    }
  if (strcmp (e, "setuid") == 0)
    {
      mg_recording_note_setuid (self->recording, mg_json_string_member (obj, "name", ""));
      return TRUE;
    }
  if (strcmp (e, "end") == 0)
    return apply_end (self, obj);
  /* An event of a newer writer. */
  return TRUE;
}

/* Four hex digits of a \u escape, or -1. */
static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A JSON string from @p (after its opening quote) into @out; returns what
 * follows its closing quote, or NULL when it is not one this reader is sure
 * of (json-glib then decides). */
static const char *
decode_string (const char *p,
               const char *end,
               GString    *out)
{
  while (p < end)
    {
      const char *q = p;

      while (q < end && *q != '"' && *q != '\\' && (guchar) *q >= 0x20)
        q++;
      g_string_append_len (out, p, q - p);
      if (q == end || (guchar) *q < 0x20)
        return NULL;
      if (*q == '"')
        return q + 1;
      if (q + 1 == end)
        return NULL;
      switch (q[1])
        {
        case '"': g_string_append_c (out, '"'); p = q + 2; break;
        case '\\': g_string_append_c (out, '\\'); p = q + 2; break;
        case '/': g_string_append_c (out, '/'); p = q + 2; break;
        case 'b': g_string_append_c (out, '\b'); p = q + 2; break;
        case 'f': g_string_append_c (out, '\f'); p = q + 2; break;
        case 'n': g_string_append_c (out, '\n'); p = q + 2; break;
        case 'r': g_string_append_c (out, '\r'); p = q + 2; break;
        case 't': g_string_append_c (out, '\t'); p = q + 2; break;
        case 'u':
          {
            int c = end - q >= 6 ? hex4 (q + 2) : -1;

            /* NUL, and surrogates (pairs or not): json-glib's to say. */
            if (c <= 0 || (c >= 0xd800 && c <= 0xdfff))
              return NULL;
            g_string_append_unichar (out, (gunichar) c);
            p = q + 6;
            break;
          }
        default:
          return NULL;
        }
    }
  return NULL;
}

/* An output line as the writer writes it ({"e":"output","t":…,"stream":…,
 * "text":…[,"length":…]}), applied without building a JSON tree: a flood's
 * lines cost little. FALSE for anything else, which the general path
 * reads (or counts as malformed) as ever. */
static gboolean
apply_output_fast (MgStreamReader *self,
                   const char     *line,
                   gsize           len)
{
  static const char out_key[] = ",\"stream\":\"stdout\",\"text\":\"";
  static const char err_key[] = ",\"stream\":\"stderr\",\"text\":\"";
  static const char length_key[] = ",\"length\":";
  const char *end = line + len, *p;
  g_autoptr(GString) text = NULL;
  MgOutputStream stream;
  guint64 full;
  double t;

  p = fast_start (line, len, "{\"e\":\"output\",\"t\":", &t);
  if (p == NULL)
    return FALSE;
  if ((gsize) (end - p) > sizeof out_key - 1 && memcmp (p, out_key, sizeof out_key - 1) == 0)
    stream = MG_OUTPUT_STDOUT;
  else if ((gsize) (end - p) > sizeof err_key - 1 && memcmp (p, err_key, sizeof err_key - 1) == 0)
    stream = MG_OUTPUT_STDERR;
  else
    return FALSE;
  p += sizeof out_key - 1;
  text = g_string_sized_new (end - p);
  p = decode_string (p, end, text);
  if (p == NULL || !g_utf8_validate (text->str, text->len, NULL))
    return FALSE;
  full = text->len;
  if ((gsize) (end - p) > sizeof length_key - 1 &&
      memcmp (p, length_key, sizeof length_key - 1) == 0)
    {
      guint64 n = 0;

      p += sizeof length_key - 1;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          if (n >= G_GUINT64_CONSTANT (100000000000000000))
            return FALSE;
          n = n * 10 + (guint64) (*p - '0');
        }
      full = MAX (n, (guint64) text->len);
    }
  if (p + 1 != end || *p != '}')
    return FALSE;
  mg_recording_add_output_full (self->recording, t, stream, text->str, text->len, full);
  self->output_added = TRUE;
  return TRUE;
}

static gboolean
apply_line (MgStreamReader  *self,
            const char      *line,
            gsize            len,
            GError         **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;

  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;
  if (len == 0)
    return TRUE;
  self->n_lines++;
  /* What follows the end is not part of the run. */
  if (self->got_end)
    return TRUE;

  if (!self->got_header && !mg_stream_bytes_look_like ((const guint8 *) line, len))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, self->name, "%s",
                           _("it is not a Memory Graph stream (its first line is not a stream "
                             "header)"));
  if (self->got_header && (apply_sample_fast (self, line, len) ||
                           apply_output_fast (self, line, len)))
    return TRUE;
  node = mg_format_json_parse_line (line, len, self->name, &local_error);
  obj = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (!self->got_header)
    {
      if (obj == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, self->name, "%s",
                            _("it is not a Memory Graph stream (its first line is not a stream "
                              "header)"));
          return FALSE;
        }
      return apply_header (self, obj, error);
    }
  if (obj == NULL || !apply_event (self, obj))
    self->n_malformed++;
  return TRUE;
}

/**
 * mg_stream_reader_feed:
 *
 * See mg-stream.h. Never blocks: what is not a whole line yet is kept.
 */
gboolean
mg_stream_reader_feed (MgStreamReader  *self,
                       const char      *data,
                       gsize            len,
                       GError         **error)
{
  const char *p = data, *end = data + len;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  while (ok && p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize piece = (nl != NULL ? nl : end) - p;

      if (self->partial->len + piece > MG_STREAM_LINE_MAX)
        {
          g_byte_array_set_size (self->partial, 0);
          ok = mg_import_fail (error, MG_IMPORT_ERROR_INVALID, self->name,
                               _("a line is longer than %d MiB"), MG_STREAM_LINE_MAX >> 20);
          break;
        }
      if (nl == NULL)
        {
          g_byte_array_append (self->partial, (const guint8 *) p, piece);
          break;
        }
      if (self->partial->len > 0)
        {
          g_byte_array_append (self->partial, (const guint8 *) p, piece);
          ok = apply_line (self, (const char *) self->partial->data, self->partial->len, error);
          g_byte_array_set_size (self->partial, 0);
        }
      else
        ok = apply_line (self, p, piece, error);
      p = nl + 1;
    }
  if (self->output_added)
    {
      self->output_added = FALSE;
      mg_recording_output_changed (self->recording);
    }
  return ok;
}

/**
 * mg_stream_reader_finish:
 * @cut_message: (nullable): what to say when the stream ended before its
 *   end line
 *
 * See mg-stream.h.
 *
 * Returns: %TRUE when the stream had its end line
 */
gboolean
mg_stream_reader_finish (MgStreamReader *self,
                         const char     *cut_message)
{
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, NULL };
  g_autofree char *message = NULL;
  double duration;

  g_return_val_if_fail (self != NULL, FALSE);

  /* A last line without its newline was cut: lines end with one. */
  g_byte_array_set_size (self->partial, 0);
  if (self->output_added)
    {
      self->output_added = FALSE;
      mg_recording_output_changed (self->recording);
    }
  if (self->got_end)
    return TRUE;

  duration = mg_recording_get_duration (self->recording);
  if (cut_message != NULL)
    message = g_strdup (cut_message);
  else
    {
      g_autofree char *when = mg_format_duration (duration);

      /* TRANSLATORS: a duration, e.g. "12.3 s" */
      message = g_strdup_printf (_("The stream was cut after %s: what followed was not recorded"),
                                 when);
    }
  exit_info.message = message;
  mg_recording_finish (self->recording, &exit_info, duration);
  return FALSE;
}

/* The command of a stream's first line, for the recording made for it. */
static GStrv
header_argv (JsonObject *obj)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = obj != NULL ? json_object_get_member (obj, "argv") : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *arg = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (arg) && json_node_get_value_type (arg) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (arg));
        }
    }
  return g_strv_builder_end (builder);
}

/* A reader, and the recording it fills, for a stream whose first line is
 * @line (without its newline): the recording named by the header's argv,
 * or by @name when it has none. */
static MgStreamReader *
reader_for_header (const char  *line,
                   gsize        len,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(MgRecording) recording = NULL;
  g_auto(GStrv) argv = NULL;
  MgStreamReader *reader;
  double version;

  if (len > MG_STREAM_LINE_MAX)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("a line is longer than %d MiB"), MG_STREAM_LINE_MAX >> 20), NULL;
  node = mg_format_json_parse_line (line, len, name, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !header_version (json_node_get_object (node), &version))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, "%s",
                           _("it is not a Memory Graph stream (its first line is not a stream "
                             "header)")), NULL;
  argv = header_argv (json_node_get_object (node));
  if (argv[0] == NULL)
    {
      g_strfreev (argv);
      argv = g_new0 (char *, 2);
      argv[0] = g_strdup (name);
    }
  recording = mg_recording_new ((const char * const *) argv, NULL, MG_INTERVAL_DEFAULT);
  reader = mg_stream_reader_new (recording);
  mg_stream_reader_set_name (reader, name);
  return reader;
}

/**
 * mg_import_stream:
 * @bytes: a stream, whole or cut anywhere
 * @name: its name, for messages
 *
 * Returns: (transfer full): the recording it holds, finished; one of a cut
 *   stream says so in its outcome. %NULL with @error when it is not a
 *   stream.
 */
MgRecording *
mg_import_stream (GBytes      *bytes,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgStreamReader) reader = NULL;
  g_auto(GStrv) argv = NULL;
  const char *data, *nl;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  if (!mg_stream_bytes_look_like ((const guint8 *) data, size))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, "%s",
                           _("it is not a Memory Graph stream (its first line is not a stream "
                             "header)")), NULL;

  nl = memchr (data, '\n', size);
  if (nl == NULL)
    {
      /* Cut before its first line ended: nothing of the run is known, not
       * even its command; the file's name stands for it. */
      argv = g_new0 (char *, 2);
      argv[0] = g_strdup (name);
      recording = mg_recording_new ((const char * const *) argv, NULL, MG_INTERVAL_DEFAULT);
      reader = mg_stream_reader_new (recording);
      if (size <= MG_STREAM_LINE_MAX)
        {
          mg_stream_reader_feed (reader, data, size, NULL);
          if (!mg_stream_reader_finish (reader, _("The stream was cut before its first line "
                                                  "ended: nothing was recorded")))
            return g_steal_pointer (&recording);
        }
      return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                             _("a line is longer than %d MiB"), MG_STREAM_LINE_MAX >> 20), NULL;
    }
  reader = reader_for_header (data, nl - data, name, error);
  if (reader == NULL || !mg_stream_reader_feed (reader, data, size, error))
    return NULL;
  recording = g_object_ref (mg_stream_reader_get_recording (reader));
  mg_stream_reader_finish (reader, NULL);
  return g_steal_pointer (&recording);
}

/* A file as it is read, in blocks: only its longest line is held. */
MgRecording *
mg_format_stream_read (MgInput     *in,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(GByteArray) first = g_byte_array_new ();
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(MgStreamReader) reader = NULL;
  g_autoptr(GBytes) head = NULL;
  gboolean newline = FALSE;

  /* The first line, which names the command. */
  while (!newline && mg_input_peek (in) >= 0)
    {
      const guint8 *nl = memchr (in->p, '\n', in->end - in->p);
      const guint8 *stop = nl != NULL ? nl + 1 : in->end;

      if (first->len + (stop - in->p) > MG_STREAM_LINE_MAX + 1)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("a line is longer than %d MiB"), MG_STREAM_LINE_MAX >> 20), NULL;
      g_byte_array_append (first, in->p, stop - in->p);
      in->p = stop;
      newline = nl != NULL;
    }
  if (in->read_errno != 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s",
                           g_strerror (in->read_errno)), NULL;
  head = g_byte_array_free_to_bytes (g_steal_pointer (&first));
  if (!newline)
    return mg_import_stream (head, name, error);

  {
    gsize size;
    const char *data = g_bytes_get_data (head, &size);

    reader = reader_for_header (data, size - 1, name, error);
    if (reader == NULL || !mg_stream_reader_feed (reader, data, size, error))
      return NULL;
    recording = g_object_ref (mg_stream_reader_get_recording (reader));
  }
  while (mg_input_peek (in) >= 0)
    {
      if (!mg_stream_reader_feed (reader, (const char *) in->p, in->end - in->p, error))
        return NULL;
      in->p = in->end;
    }
  if (in->read_errno != 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s",
                           g_strerror (in->read_errno)), NULL;
  mg_stream_reader_finish (reader, NULL);
  return g_steal_pointer (&recording);
}
