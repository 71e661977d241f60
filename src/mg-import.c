/* mg-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recordings opened from the files mg-export.c writes. Everything read is
 * checked: a file that is not a recording, is cut short or has a value of
 * the wrong kind gets an error that names the file and what is wrong.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-options.h"
#include "mg-compare.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

G_DEFINE_QUARK (mg-import-error-quark, mg_import_error)

static gboolean G_GNUC_PRINTF (4, 5)
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

/* A member of the given JSON type, or NULL (with @error set when @required). */
static JsonNode *
member (JsonObject  *object,
        const char  *key,
        const char  *path,
        JsonNodeType type,
        gboolean     required,
        const char  *name,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  static const char *type_names[] = { N_("an object"), N_("an array"), N_("a value"), N_("null") };

  if (node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      if (required)
        fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” is missing"), path);
      return NULL;
    }
  if (JSON_NODE_TYPE (node) != type)
    {
      fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be %s"), path,
            _(type_names[type]));
      return NULL;
    }
  return node;
}

static gboolean
node_number (JsonNode *node,
             double   *out)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  if (t == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (t == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

static gboolean
number_member (JsonObject  *object,
               const char  *key,
               const char  *path,
               gboolean     required,
               double      *out,
               const char  *name,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” is missing"), path);
      return TRUE;
    }
  if (!node_number (node, out))
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be a number"), path);
  return TRUE;
}

/* One series of samples: an array of @n sizes (or null where @nullable). */
static gboolean
read_series (JsonObject  *samples,
             const char  *key,
             gsize        offset,
             gboolean     required,
             gboolean     nullable,
             GArray      *out,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = g_strconcat ("samples.", key, NULL);
  GError *local_error = NULL;
  JsonNode *node = member (samples, key, path, JSON_NODE_ARRAY, required, name, &local_error);
  JsonArray *array;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  if (json_array_get_length (array) != out->len)
    return fail (error, MG_IMPORT_ERROR_INVALID, name,
                 _("“%s” has %u values but “samples.time_s” has %u"), path,
                 json_array_get_length (array), out->len);

  for (guint i = 0; i < out->len; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      MgSample *s = &g_array_index (out, MgSample, i);
      double v;

      if (nullable && JSON_NODE_HOLDS_NULL (element))
        {
          G_STRUCT_MEMBER (guint64, s, offset) = MG_NO_VALUE;
          continue;
        }
      if (!node_number (element, &v) || v != floor (v))
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("value %u of “%s” is not a whole number of bytes"), i + 1, path);
      if (v < 0 || v > 1e18)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("value %u of “%s” is out of range"), i + 1, path);
      G_STRUCT_MEMBER (guint64, s, offset) = (guint64) v;
    }
  return TRUE;
}

static gboolean
read_exit (JsonObject  *root,
           MgExit      *exit_info,
           const char  *name,
           GError     **error)
{
  GError *local_error = NULL;
  JsonNode *node = member (root, "exit", "exit", JSON_NODE_OBJECT, TRUE, name, &local_error);
  JsonObject *obj;
  double v;

  if (node == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  obj = json_node_get_object (node);
  memset (exit_info, 0, sizeof *exit_info);

  if (json_object_has_member (obj, "status"))
    {
      if (!number_member (obj, "status", "exit.status", TRUE, &v, name, error))
        return FALSE;
      if (v < 0 || v > 255 || v != floor (v))
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.status” must be 0 to 255"));
      exit_info->kind = MG_EXIT_STATUS;
      exit_info->code = (int) v;
    }
  else if (json_object_has_member (obj, "signal"))
    {
      if (!number_member (obj, "signal", "exit.signal", TRUE, &v, name, error))
        return FALSE;
      if (v < 1 || v > 64 || v != floor (v))
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.signal” must be 1 to 64"));
      exit_info->kind = MG_EXIT_SIGNAL;
      exit_info->code = (int) v;
      node = json_object_get_member (obj, "core_dumped");
      exit_info->core_dumped = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                               json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                               json_node_get_boolean (node);
    }
  else if (json_object_has_member (obj, "error"))
    {
      node = json_object_get_member (obj, "error");
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.error” must be a string"));
      exit_info->kind = MG_EXIT_ERROR;
      exit_info->message = (char *) json_node_get_string (node);
    }
  else if (json_object_has_member (obj, "unknown") || json_object_has_member (obj, "running"))
    exit_info->kind = MG_EXIT_UNKNOWN;
  else
    return fail (error, MG_IMPORT_ERROR_INVALID, name,
                 _("“exit” has neither “status”, “signal” nor “error”"));
  return TRUE;
}

static gboolean
read_processes (JsonObject  *root,
                MgRecording *recording,
                const char  *name,
                GError     **error)
{
  JsonNode *node = json_object_get_member (root, "processes");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“processes” must be an array"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      MgProcess p = { 0 };
      double pid = 0, ppid = 0, start = 0, end = -1, peak = 0;
      const char *source;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("process %u of “processes” must be an object"), i + 1);
      obj = json_node_get_object (element);
      if (!number_member (obj, "pid", "processes[].pid", TRUE, &pid, name, error) ||
          !number_member (obj, "ppid", "processes[].ppid", FALSE, &ppid, name, error) ||
          !number_member (obj, "start_s", "processes[].start_s", FALSE, &start, name, error) ||
          !number_member (obj, "end_s", "processes[].end_s", FALSE, &end, name, error) ||
          !number_member (obj, "peak_rss_bytes", "processes[].peak_rss_bytes", FALSE, &peak,
                          name, error))
        return FALSE;
      if (peak < 0 || peak > 1e18)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("process %u has a peak out of range"), i + 1);
      /* Pids are positive 32-bit numbers; a cast of anything else is undefined. */
      if (pid < 0 || pid > G_MAXINT32 || ppid < 0 || ppid > G_MAXINT32)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("process %u has a pid out of range"), i + 1);

      p.pid = (int) pid;
      p.ppid = (int) ppid;
      p.name = (char *) json_object_get_string_member_with_default (obj, "name", "");
      p.cmdline = (char *) json_object_get_string_member_with_default (obj, "cmdline", "");
      p.start_s = start;
      p.end_s = end;
      p.peak_rss = (guint64) peak;
      source = json_object_get_string_member_with_default (obj, "peak_source", NULL);
      if (source == NULL)
        source = json_object_get_string_member_with_default (obj, "peak_rss_source", "sampled");
      if (!mg_peak_source_from_string (source, &p.peak_source))
        p.peak_source = MG_PEAK_SAMPLED;
      p.peak_exact = json_object_get_boolean_member_with_default (
        obj, "peak_exact", p.peak_source == MG_PEAK_EXIT || p.peak_source == MG_PEAK_RU_MAXRSS);
      {
        double ticks = 0;

        if (node_number (json_object_get_member (obj, "start_ticks"), &ticks) && ticks >= 0 &&
            ticks < 1e18)
          p.start_ticks = (guint64) ticks;
      }
      if (json_object_has_member (obj, "exit") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "exit")))
        {
          JsonObject *e = json_object_get_object_member (obj, "exit");

          p.exited = TRUE;
          if (json_object_has_member (e, "signal"))
            p.wait_status = (int) json_object_get_int_member_with_default (e, "signal", 0) & 0x7f;
          else
            p.wait_status = ((int) json_object_get_int_member_with_default (e, "status", 0) & 0xff) << 8;
        }
      mg_recording_restore_process (recording, &p);
    }
  return TRUE;
}

static MgRecording *import_object (JsonObject *root, const char *name, GError **error);

/* Parses @bytes; returns the parser, which owns *root, or NULL. */
static JsonParser *
parse_json (GBytes      *bytes,
            const char  *name,
            JsonObject **root,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("the file is empty")), NULL;

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                 _("it is not valid JSON (%s)"), local_error->message), NULL;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                 _("it is not a Memory Graph recording (no object at the top)")), NULL;
  *root = json_node_get_object (node);
  return g_steal_pointer (&parser);
}

static gboolean
read_markers (JsonObject  *root,
              MgRecording *recording,
              const char  *name,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "markers");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“markers” must be an array"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      double t = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          !node_number (json_object_get_member (json_node_get_object (element), "time_s"), &t) ||
          t < 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("marker %u must have a time in seconds"), i + 1);
      mg_recording_add_marker (recording, t,
                               json_object_get_string_member_with_default (
                                 json_node_get_object (element), "label", ""));
    }
  return TRUE;
}

static gboolean
read_unreadable (JsonObject  *root,
                 MgRecording *recording,
                 const char  *name,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "unreadable");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“unreadable” must be an array"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *what = o ? json_object_get_string_member_with_default (o, "what", "") : "";
      JsonNode *pid = o ? json_object_get_member (o, "pid") : NULL;
      gint64 value;

      if (pid == NULL || json_node_get_value_type (pid) != G_TYPE_INT64 ||
          (value = json_node_get_int (pid)) <= 0 || value > G_MAXINT ||
          (strcmp (what, "process") != 0 && strcmp (what, "pss") != 0))
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("unreadable process %u must have a pid and what was refused (“process” or "
                       "“pss”)"), i + 1);
      mg_recording_note_unreadable (recording, (int) value,
                                    strcmp (what, "process") == 0 ? MG_UNREADABLE_PROCESS
                                                                  : MG_UNREADABLE_PSS);
    }
  return TRUE;
}

static gboolean
read_output (JsonObject  *root,
             MgRecording *recording,
             const char  *name,
             GError     **error)
{
  JsonNode *node = json_object_get_member (root, "output");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“output” must be an array"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *obj;
      double t = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("line %u of “output” must be an object"), i + 1);
      obj = json_node_get_object (element);
      if (!node_number (json_object_get_member (obj, "time_s"), &t) || t < 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("line %u of “output” must have a time in seconds"), i + 1);
      mg_recording_add_output (recording, t,
                               g_strcmp0 (json_object_get_string_member_with_default (obj, "stream", ""),
                                          "stderr") == 0 ? MG_OUTPUT_STDERR : MG_OUTPUT_STDOUT,
                               json_object_get_string_member_with_default (obj, "text", ""));
    }
  return TRUE;
}

/**
 * mg_import_json:
 * @bytes: the file's contents
 * @name: the file's name, for messages
 * @error: return location for a #GError in %MG_IMPORT_ERROR
 *
 * Returns: (transfer full): the recording as it was saved, or %NULL
 */
MgRecording *
mg_import_json (GBytes      *bytes,
                const char  *name,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parser = parse_json (bytes, name, &root, error);
  if (parser == NULL)
    return NULL;
  if (json_object_has_member (root, "runs"))
    return fail (error, MG_IMPORT_ERROR_INVALID, name,
                 _("it holds a comparison of several runs; open it as such")), NULL;
  return import_object (root, name, error);
}

static MgRecording *
import_object (JsonObject  *root,
               const char  *name,
               GError     **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (MgSample));
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(GDateTime) started = NULL;
  JsonObject *samples_obj, *peak;
  JsonNode *node;
  JsonArray *times, *command;
  double interval = MG_INTERVAL_DEFAULT, duration = 0;
  MgExit exit_info;

  if (!json_object_has_member (root, "samples") || !json_object_has_member (root, "command"))
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                 _("it is not a Memory Graph recording (no “command” and “samples”)")), NULL;

  if ((node = member (root, "command", "command", JSON_NODE_ARRAY, TRUE, name, error)) == NULL)
    return NULL;
  command = json_node_get_array (node);
  if (json_array_get_length (command) == 0)
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“command” is empty")), NULL;
  for (guint i = 0; i < json_array_get_length (command); i++)
    {
      JsonNode *arg = json_array_get_element (command, i);

      if (!JSON_NODE_HOLDS_VALUE (arg) || json_node_get_value_type (arg) != G_TYPE_STRING)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("“command” must be an array of strings")), NULL;
      g_ptr_array_add (argv, (char *) json_node_get_string (arg));
    }
  g_ptr_array_add (argv, NULL);

  if (!number_member (root, "interval_s", "interval_s", FALSE, &interval, name, error))
    return NULL;
  if (interval < MG_INTERVAL_MIN || interval > MG_INTERVAL_MAX)
    return fail (error, MG_IMPORT_ERROR_INVALID, name,
                 _("“interval_s” must be from %g to %g"), MG_INTERVAL_MIN, MG_INTERVAL_MAX), NULL;
  if (!number_member (root, "duration_s", "duration_s", FALSE, &duration, name, error))
    return NULL;
  if (duration < 0)
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“duration_s” is negative")), NULL;

  node = json_object_get_member (root, "started");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (started = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)) == NULL)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("“started” is not an ISO 8601 time")), NULL;
    }

  if (!read_exit (root, &exit_info, name, error))
    return NULL;

  if ((node = member (root, "samples", "samples", JSON_NODE_OBJECT, TRUE, name, error)) == NULL)
    return NULL;
  samples_obj = json_node_get_object (node);
  if ((node = member (samples_obj, "time_s", "samples.time_s", JSON_NODE_ARRAY, TRUE, name,
                      error)) == NULL)
    return NULL;
  times = json_node_get_array (node);
  g_array_set_size (samples, json_array_get_length (times));
  for (guint i = 0; i < samples->len; i++)
    {
      MgSample *s = &g_array_index (samples, MgSample, i);
      double t;

      mg_sample_init (s, 0);
      if (!node_number (json_array_get_element (times, i), &t) || t < 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("value %u of “samples.time_s” is not a time in seconds"), i + 1), NULL;
      if (i > 0 && t < g_array_index (samples, MgSample, i - 1).time_s)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("“samples.time_s” goes backwards at value %u"), i + 1), NULL;
      s->time_s = t;
    }

  if (!read_series (samples_obj, "rss_bytes", G_STRUCT_OFFSET (MgSample, rss_bytes), TRUE, FALSE,
                    samples, name, error) ||
      !read_series (samples_obj, "vsz_bytes", G_STRUCT_OFFSET (MgSample, vsz_bytes), TRUE, FALSE,
                    samples, name, error) ||
      !read_series (samples_obj, "anon_bytes", G_STRUCT_OFFSET (MgSample, anon_bytes), FALSE,
                    FALSE, samples, name, error) ||
      !read_series (samples_obj, "file_bytes", G_STRUCT_OFFSET (MgSample, file_bytes), FALSE,
                    FALSE, samples, name, error) ||
      !read_series (samples_obj, "shmem_bytes", G_STRUCT_OFFSET (MgSample, shmem_bytes), FALSE,
                    FALSE, samples, name, error) ||
      !read_series (samples_obj, "swap_bytes", G_STRUCT_OFFSET (MgSample, swap_bytes), FALSE,
                    FALSE, samples, name, error) ||
      !read_series (samples_obj, "rss_max_bytes", G_STRUCT_OFFSET (MgSample, rss_max_bytes), FALSE,
                    FALSE, samples, name, error) ||
      !read_series (samples_obj, "pss_bytes", G_STRUCT_OFFSET (MgSample, pss_bytes), FALSE, TRUE,
                    samples, name, error) ||
      !read_series (samples_obj, "uss_bytes", G_STRUCT_OFFSET (MgSample, uss_bytes), FALSE, TRUE,
                    samples, name, error))
    return NULL;

  recording = mg_recording_new ((const char * const *) argv->pdata,
                                json_object_get_string_member_with_default (root, "directory", NULL),
                                interval);
  if (started != NULL)
    mg_recording_set_started (recording, started);
  if (!read_processes (root, recording, name, error) ||
      !read_markers (root, recording, name, error) ||
      !read_unreadable (root, recording, name, error) ||
      !read_output (root, recording, name, error))
    return NULL;
  for (guint i = 0; i < samples->len; i++)
    {
      MgSample *s = &g_array_index (samples, MgSample, i);

      mg_recording_append_sample (recording, s);
      if (s->pss_bytes != MG_NO_VALUE)
        mg_recording_set_pss (recording, s->time_s, s->pss_bytes, s->uss_bytes);
    }

  peak = json_object_has_member (root, "peak") &&
         JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "peak"))
           ? json_object_get_object_member (root, "peak") : NULL;
  if (peak != NULL)
    {
      double rss = 0, from = -1, to = -1;
      MgPeakSource source = MG_PEAK_SAMPLED;
      JsonNode *window = json_object_get_member (peak, "rss_between_s");

      if (!number_member (peak, "rss_bytes", "peak.rss_bytes", FALSE, &rss, name, error))
        return NULL;
      if (rss < 0 || rss > 1e18)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“peak.rss_bytes” is out of range")),
               NULL;
      mg_peak_source_from_string (json_object_get_string_member_with_default (peak, "rss_source",
                                                                              "sampled"), &source);
      if (window != NULL && JSON_NODE_HOLDS_ARRAY (window) &&
          json_array_get_length (json_node_get_array (window)) == 2)
        {
          node_number (json_array_get_element (json_node_get_array (window), 0), &from);
          node_number (json_array_get_element (json_node_get_array (window), 1), &to);
        }
      mg_recording_restore_peak (recording, (guint64) rss, source,
                                 json_object_get_boolean_member_with_default (peak, "rss_exact",
                                                                              FALSE),
                                 from, to);
      {
        double upper = -1;

        if (!node_number (json_object_get_member (peak, "rss_upper_bytes"), &upper) ||
            upper < 0 || upper > 1e18)
          upper = -1;
        mg_recording_restore_peak_range (recording,
                                         json_object_get_boolean_member_with_default (peak,
                                                                                      "unseen",
                                                                                      FALSE),
                                         (gint64) upper);
      }
    }

  node = json_object_get_member (root, "interval");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      double median = -1, worst = -1;
      JsonObject *obj = json_node_get_object (node);

      if (node_number (json_object_get_member (obj, "median_s"), &median) &&
          node_number (json_object_get_member (obj, "worst_s"), &worst))
        mg_recording_restore_interval (recording, median, worst);
    }

  mg_recording_finish (recording, &exit_info,
                       MAX (duration, samples->len > 0
                                        ? g_array_index (samples, MgSample, samples->len - 1).time_s
                                        : 0));
  return g_steal_pointer (&recording);
}

/* g_strv_builder_take() is newer than GLib 2.74. */
static void
add_owned (GStrvBuilder *builder,
           char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
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
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *name = NULL;
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  name = g_file_get_parse_name (file);
  if (!g_str_has_suffix (name, ".json"))
    {
      MgRecording *one = mg_import_file (file, error);

      if (one == NULL)
        return NULL;
      g_ptr_array_add (runs, one);
      add_owned (names, mg_compare_default_label (one, name, 0));
      *labels = g_strv_builder_end (names);
      return g_steal_pointer (&runs);
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    return fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", local_error->message), NULL;
  parser = parse_json (bytes, name, &root, error);
  if (parser == NULL)
    return NULL;

  node = json_object_get_member (root, "runs");
  if (node == NULL)
    {
      MgRecording *one = import_object (root, name, error);

      if (one == NULL)
        return NULL;
      g_ptr_array_add (runs, one);
      add_owned (names, mg_compare_default_label (one, name, 0));
    }
  else
    {
      JsonArray *array;
      JsonNode *label_node = json_object_get_member (root, "labels");
      JsonArray *label_array = label_node && JSON_NODE_HOLDS_ARRAY (label_node)
                                 ? json_node_get_array (label_node) : NULL;

      if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("“runs” must be a list of recordings")),
               NULL;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          MgRecording *run;
          const char *label = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return fail (error, MG_IMPORT_ERROR_INVALID, name,
                         _("run %u of “runs” must be an object"), i + 1), NULL;
          run = import_object (json_node_get_object (element), name, error);
          if (run == NULL)
            return NULL;
          g_ptr_array_add (runs, run);
          if (label_array != NULL && i < json_array_get_length (label_array))
            label = json_array_get_string_element (label_array, i);
          if (label != NULL)
            g_strv_builder_add (names, label);
          else
            add_owned (names, mg_compare_default_label (run, NULL, i));
        }
    }

  *labels = g_strv_builder_end (names);
  return g_steal_pointer (&runs);
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
  static const struct { const char *name; gsize offset; } known[] = {
    { "rss_bytes", G_STRUCT_OFFSET (MgSample, rss_bytes) },
    { "vsz_bytes", G_STRUCT_OFFSET (MgSample, vsz_bytes) },
    { "anon_bytes", G_STRUCT_OFFSET (MgSample, anon_bytes) },
    { "file_bytes", G_STRUCT_OFFSET (MgSample, file_bytes) },
    { "shmem_bytes", G_STRUCT_OFFSET (MgSample, shmem_bytes) },
    { "swap_bytes", G_STRUCT_OFFSET (MgSample, swap_bytes) },
    { "rss_max_bytes", G_STRUCT_OFFSET (MgSample, rss_max_bytes) },
    { "pss_bytes", G_STRUCT_OFFSET (MgSample, pss_bytes) },
    { "uss_bytes", G_STRUCT_OFFSET (MgSample, uss_bytes) },
  };
  g_autofree char *text = NULL;
  g_autofree gssize *columns = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(MgRecording) recording = NULL;
  g_autofree char *base = g_path_get_basename (name);
  const char *argv[] = { base, NULL };
  MgExit exit_info = { MG_EXIT_UNKNOWN, 0, FALSE, NULL };
  double last_time = 0;
  guint n_columns, rows = 0;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_return_val_if_fail (bytes != NULL, NULL);

  if (size == 0)
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("the file is empty")), NULL;
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL))
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name, _("it is not a text file")), NULL;

  text = g_strndup (data, size);
  lines = g_strsplit (text, "\n", -1);
  header = g_strsplit (g_strchomp (lines[0]), ",", -1);
  n_columns = g_strv_length (header);
  if (n_columns < 2 || g_strcmp0 (header[0], "time_s") != 0 || g_strcmp0 (header[1], "rss_bytes") != 0)
    return fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                 _("it is not a Memory Graph CSV file (the header must begin with "
                   "“time_s,rss_bytes”)")), NULL;

  columns = g_new (gssize, n_columns);
  for (guint c = 1; c < n_columns; c++)
    {
      columns[c] = -1;
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if (g_str_equal (header[c], known[k].name))
          columns[c] = known[k].offset;
      if (columns[c] < 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("unknown column “%s”"), header[c]),
               NULL;
    }

  recording = mg_recording_new (argv, NULL, MG_INTERVAL_DEFAULT);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      MgSample s;
      char *end;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      cells = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (cells) != n_columns)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("line %u has %u cells, the header %u"), i + 1, g_strv_length (cells),
                     n_columns), NULL;

      mg_sample_init (&s, g_ascii_strtod (cells[0], &end));
      if (end == cells[0] || *end != '\0' || !isfinite (s.time_s) || s.time_s < 0)
        return fail (error, MG_IMPORT_ERROR_INVALID, name,
                     _("line %u: “%s” is not a time in seconds"), i + 1, cells[0]), NULL;
      if (s.time_s < last_time)
        return fail (error, MG_IMPORT_ERROR_INVALID, name, _("line %u: time goes backwards"),
                     i + 1), NULL;
      last_time = s.time_s;

      for (guint c = 1; c < n_columns; c++)
        {
          guint64 v;

          if (cells[c][0] == '\0' && (columns[c] == G_STRUCT_OFFSET (MgSample, pss_bytes) ||
                                      columns[c] == G_STRUCT_OFFSET (MgSample, uss_bytes)))
            continue;
          if (!g_ascii_string_to_unsigned (cells[c], 10, 0, G_MAXINT64, &v, NULL))
            return fail (error, MG_IMPORT_ERROR_INVALID, name,
                         _("line %u: “%s” is not a whole number of bytes"), i + 1, cells[c]),
                   NULL;
          G_STRUCT_MEMBER (guint64, &s, columns[c]) = v;
        }
      mg_recording_append_sample (recording, &s);
      if (s.pss_bytes != MG_NO_VALUE)
        mg_recording_set_pss (recording, s.time_s, s.pss_bytes, s.uss_bytes);
      rows++;
    }

  if (rows == 0)
    return fail (error, MG_IMPORT_ERROR_INVALID, name, _("it has no samples")), NULL;

  mg_recording_finish (recording, &exit_info, last_time);
  return g_steal_pointer (&recording);
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
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    return fail (error, MG_IMPORT_ERROR_UNREADABLE, name, "%s", local_error->message), NULL;

  if (g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".CSV"))
    return mg_import_csv (bytes, name, error);
  return mg_import_json (bytes, name, error);
}
