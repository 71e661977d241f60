/* mg-json-out.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON written as it goes into a sink, and the parts of a recording that
 * both the JSON file (mg-format-json.c) and the stream (mg-stream.c) write
 * the same way. GLib only.
 */
#include "config.h"

#include "mg-json-out.h"
#include "mg-units.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

void
mg_json_out_init (MgJsonOut *w,
               MgSink  *sink)
{
  memset (w, 0, sizeof *w);
  w->sink = sink;
  w->first[0] = TRUE;
}

/* Before any value: a comma unless it is the first of its container. */
void
jw_value (MgJsonOut *w)
{
  if (w->after_key)
    w->after_key = FALSE;
  else if (!w->first[w->depth])
    mg_sink_c (w->sink, ',');
  w->first[w->depth] = FALSE;
}

void
jw_key (MgJsonOut    *w,
        const char *key)
{
  jw_value (w);
  mg_sink_json_string (w->sink, key);
  mg_sink_c (w->sink, ':');
  w->after_key = TRUE;
}

void
jw_begin (MgJsonOut *w,
          char     open)
{
  g_assert (w->depth < JSON_MAX_DEPTH);
  jw_value (w);
  mg_sink_c (w->sink, open);
  w->first[++w->depth] = TRUE;
}

void
jw_end (MgJsonOut *w,
        char     close)
{
  g_assert (w->depth > 0);
  w->depth--;
  mg_sink_c (w->sink, close);
}

void
jw_int (MgJsonOut *w,
        gint64   value)
{
  jw_value (w);
  mg_sink_int (w->sink, value);
}

void
jw_double (MgJsonOut *w,
           double   value)
{
  jw_value (w);
  mg_sink_double (w->sink, value);
}

void
jw_time (MgJsonOut *w,
         double   seconds)
{
  jw_value (w);
  mg_sink_time (w->sink, seconds);
}

void
jw_string (MgJsonOut    *w,
           const char *text)
{
  jw_value (w);
  mg_sink_json_string (w->sink, text);
}

void
jw_bool (MgJsonOut  *w,
         gboolean  value)
{
  jw_value (w);
  mg_sink_str (w->sink, value ? "true" : "false");
}

void
jw_null (MgJsonOut *w)
{
  jw_value (w);
  mg_sink_str (w->sink, "null");
}

/* A member with a value, in one call. */
void
jw_member_int (MgJsonOut    *w,
               const char *key,
               gint64      value)
{
  jw_key (w, key);
  jw_int (w, value);
}

void
jw_member_time (MgJsonOut    *w,
                const char *key,
                double      seconds)
{
  jw_key (w, key);
  jw_time (w, seconds);
}

void
jw_member_string (MgJsonOut    *w,
                  const char *key,
                  const char *text)
{
  jw_key (w, key);
  jw_string (w, text);
}

void
jw_member_bool (MgJsonOut    *w,
                const char *key,
                gboolean    value)
{
  jw_key (w, key);
  jw_bool (w, value);
}

/* Arguments and paths are bytes; JSON is UTF-8: invalid sequences become
 * U+FFFD. */
void
jw_member_strv (MgJsonOut          *w,
                const char         *key,
                const char * const *strv)
{
  jw_key (w, key);
  jw_begin (w, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (strv[i], -1);

      jw_string (w, valid);
    }
  jw_end (w, ']');
}

/* A path, or null when there is none. */
void
jw_member_path (MgJsonOut  *w,
                const char *key,
                const char *path)
{
  jw_key (w, key);
  if (path != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (path, -1);

      jw_string (w, valid);
    }
  else
    jw_null (w);
}

/* JSON: one function per section of a recording, in the order written. */

static void
write_exit_members (MgJsonOut *w,
                    int      wait_status)
{
  if (WIFSIGNALED (wait_status))
    {
      jw_member_int (w, "signal", WTERMSIG (wait_status));
      jw_member_string (w, "signal_name", mg_signal_name (WTERMSIG (wait_status)));
    }
  else
    jw_member_int (w, "status", WEXITSTATUS (wait_status));
}

void
mg_json_out_exit (MgJsonOut     *w,
            MgRecording *recording)
{
  const MgExit *exit_info = mg_recording_get_exit (recording);

  jw_key (w, "exit");
  jw_begin (w, '{');
  switch (exit_info->kind)
    {
    case MG_EXIT_STATUS:
      jw_member_int (w, "status", exit_info->code);
      break;
    case MG_EXIT_SIGNAL:
      jw_member_int (w, "signal", exit_info->code);
      jw_member_string (w, "signal_name", mg_signal_name (exit_info->code));
      jw_member_bool (w, "core_dumped", exit_info->core_dumped);
      break;
    case MG_EXIT_ERROR:
      jw_member_string (w, "error", exit_info->message ? exit_info->message : "");
      break;
    case MG_EXIT_UNKNOWN:
      jw_member_bool (w, "unknown", TRUE);
      /* Attached: why it is not known, or that it ran on. */
      if (exit_info->message != NULL)
        jw_member_string (w, "reason", exit_info->message);
      break;
    case MG_EXIT_RUNNING:
    default:
      jw_member_bool (w, "running", TRUE);
      break;
    }
  jw_end (w, '}');
}

void
mg_json_out_peak (MgJsonOut     *w,
            MgRecording *recording)
{
  double from, to;
  guint64 upper;

  jw_key (w, "peak");
  jw_begin (w, '{');
  jw_member_int (w, "rss_bytes", (gint64) mg_recording_get_peak_rss (recording));
  jw_member_string (w, "rss_source",
                    mg_peak_source_to_string (mg_recording_get_peak_source (recording)));
  jw_member_bool (w, "rss_exact", mg_recording_get_peak_is_exact (recording));
  /* Attached: VmHWM counts from each process's start, before the recording. */
  if (mg_recording_get_attached (recording))
    jw_member_bool (w, "rss_since_process_start", TRUE);
  jw_key (w, "rss_upper_bytes");
  if (mg_recording_get_peak_upper (recording, &upper))
    jw_int (w, (gint64) upper);
  else
    jw_null (w);
  jw_member_bool (w, "unseen", mg_recording_get_unseen (recording));
  jw_member_bool (w, "followed", mg_recording_get_following (recording) == MG_FOLLOW_ON);
  jw_member_int (w, "sampled_rss_bytes", (gint64) mg_recording_get_sampled_peak_rss (recording));
  jw_member_time (w, "rss_time_s", mg_recording_get_peak_rss_time (recording));
  if (mg_recording_get_peak_window (recording, &from, &to))
    {
      jw_key (w, "rss_between_s");
      jw_begin (w, '[');
      jw_time (w, from);
      jw_time (w, to);
      jw_end (w, ']');
    }
  /* The peaks of the other series that have one in the summary: VSZ, the
   * kinds of RSS, swap, and PSS when it was measured. */
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    if (mg_fields[f].summarized && mg_recording_has_field (recording, f))
      jw_member_int (w, mg_fields[f].key, (gint64) mg_recording_get_field_peak (recording, f));
  jw_end (w, '}');
}

void
mg_json_out_interval (MgJsonOut     *w,
                MgRecording *recording)
{
  double median, worst;

  jw_key (w, "interval");
  jw_begin (w, '{');
  jw_key (w, "requested_s");
  jw_double (w, mg_recording_get_interval (recording));
  if (mg_recording_get_achieved_interval (recording, &median, &worst))
    {
      jw_member_time (w, "median_s", median);
      jw_member_time (w, "worst_s", worst);
    }
  jw_end (w, '}');
}

/* One process as an object: its pid, name, times, own peak and exit. */
void
mg_json_out_process (MgJsonOut         *w,
                     const MgProcess *p)
{
  jw_begin (w, '{');
  jw_member_int (w, "pid", p->pid);
  jw_member_int (w, "ppid", p->ppid);
  jw_member_string (w, "name", p->name);
  jw_member_string (w, "cmdline", p->cmdline);
  jw_member_time (w, "start_s", p->start_s);
  jw_key (w, "end_s");
  if (p->end_s >= 0)
    jw_time (w, p->end_s);
  else
    jw_null (w);
  jw_member_int (w, "peak_rss_bytes", (gint64) p->peak_rss);
  jw_member_string (w, "peak_rss_source", mg_peak_source_to_string (p->peak_source));
  jw_member_string (w, "peak_source", mg_peak_source_to_string (p->peak_source));
  jw_member_bool (w, "peak_exact", p->peak_exact);
  jw_member_int (w, "start_ticks", (gint64) p->start_ticks);
  if (p->exited)
    {
      jw_key (w, "exit");
      jw_begin (w, '{');
      write_exit_members (w, p->wait_status);
      jw_end (w, '}');
    }
  jw_end (w, '}');
}
