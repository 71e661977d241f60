/* mg-stream.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stream writer: a header line at once, then one line per event as the
 * recording gets it, each batch flushed so that a reader sees it live, and
 * the end line when the recording finishes. Nothing is written twice and
 * nothing is held but one block and a few counters per process, whatever
 * the length of the run. GLib only: memgraph-record writes with it.
 */
#include "config.h"

#include "mg-stream.h"
#include "mg-json-out.h"

#include <string.h>

/* While the run goes, output lines are written at most this many a second
 * (with bursts of a tenth of that): a flood costs its reader no more than what a
 * person could read, and the command no CPU. The lines the writer does not
 * reach in time are left to the store, which keeps its head and tail as
 * ever; those it keeps are written at the end, those it let go of are
 * counted as unsent. */
#define OUTPUT_LINES_PER_S 20000.0
#define OUTPUT_LINES_BURST 2000.0

typedef struct
{
  guint   hash;       /* of what a process event tells: written again when it changes */
} ProcessState;

struct _MgStreamWriter
{
  MgRecording *recording;
  MgSink      *out;           /* own_sink, or a document's */
  MgSink       own_sink;
  MgJsonOut    w;
  gulong       handlers[4];

  guint        n_samples;     /* written */
  guint        n_markers;
  guint        n_unreadable;
  guint        n_setuid;
  guint64      output_next;   /* the serial of the next line of output to write */
  guint64      cut_written;   /* bytes cut from the lines written, said by their length */
  gboolean     live;          /* written as the run goes, not at once */
  double       output_tokens; /* lines that may be written now */
  gint64       output_refill_us;
  MgFollow     follow;
  char        *follow_reason;
  gboolean     follow_written;
  GArray      *processes;     /* ProcessState, by index in the recording */
  guint64      bytes;
  gboolean     ended;
};

static guint
process_hash (const MgProcess *p)
{
  guint h = g_str_hash (p->name) * 31 + g_str_hash (p->cmdline);
  const guint64 numbers[] = {
    (guint64) p->ppid, p->start_ticks, p->peak_rss, p->peak_source, p->peak_exact,
    p->exited, (guint64) p->wait_status, (guint64) (gint64) (p->end_s * 1e6),
    (guint64) (gint64) (p->start_s * 1e6),
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    h = h * 1000003u ^ (guint) (numbers[i] ^ (numbers[i] >> 32));
  return h;
}

/* Each line: an object whose first member is "e", ended by a newline. */
static void
begin_event (MgStreamWriter *self,
             const char     *kind)
{
  mg_json_out_init (&self->w, self->out);
  jw_begin (&self->w, '{');
  jw_member_string (&self->w, "e", kind);
}

static void
end_line (MgStreamWriter *self)
{
  jw_end (&self->w, '}');
  mg_sink_c (self->out, '\n');
}

static void
write_header (MgStreamWriter *self,
              const char     *host)
{
  MgRecording *recording = self->recording;
  const char * const *argv = mg_recording_get_argv (recording);
  g_autofree char *started = g_date_time_format_iso8601 (mg_recording_get_started (recording));
  MgJsonOut *w = &self->w;

  mg_json_out_init (w, self->out);
  jw_begin (w, '{');
  jw_member_int (w, "memgraph_stream", MG_STREAM_VERSION);
  jw_member_string (w, "program_version", PACKAGE_VERSION);
  jw_member_strv (w, "argv", argv);
  jw_member_path (w, "directory", mg_recording_get_directory (recording));
  jw_key (w, "interval");
  jw_double (w, mg_recording_get_interval (recording));
  jw_member_string (w, "started", started);
  jw_member_bool (w, "attached", mg_recording_get_attached (recording));
  /* Known at once for a command started, so that its reader can tell when
   * it ended (and signals sent after that go to what it left). */
  if (mg_recording_get_command_pid (recording) > 0)
    jw_member_int (w, "command_pid", mg_recording_get_command_pid (recording));
  {
    g_autofree char *valid = g_utf8_make_valid (host, -1);

    jw_member_string (w, "host", valid);
  }
  end_line (self);
}

static void
write_sample (MgStreamWriter *self,
              const MgSample *s)
{
  begin_event (self, "sample");
  jw_member_time (&self->w, "t", s->time_s);
  /* RSS and VSZ always; the others when measured (0 and not measured read
   * back as such). */
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      guint64 v = mg_field_get (s, f);

      if (v == MG_NO_VALUE || (v == 0 && f != MG_FIELD_RSS && f != MG_FIELD_VSZ))
        continue;
      jw_member_int (&self->w, mg_fields[f].key, (gint64) v);
    }
  end_line (self);
}

static void
write_processes (MgStreamWriter *self)
{
  guint n = mg_recording_get_n_processes (self->recording);

  for (guint i = 0; i < n; i++)
    {
      const MgProcess *p = mg_recording_get_process (self->recording, i);
      guint h = process_hash (p);

      if (i < self->processes->len && g_array_index (self->processes, ProcessState, i).hash == h)
        continue;
      if (i >= self->processes->len)
        g_array_set_size (self->processes, i + 1);
      g_array_index (self->processes, ProcessState, i).hash = h;
      /* The process's own object, as in a JSON file's "processes". */
      mg_json_out_init (&self->w, self->out);
      mg_sink_str (self->out, "{\"e\":\"process\",\"i\":");
      mg_sink_uint (self->out, i);
      mg_sink_str (self->out, ",\"p\":");
      mg_json_out_process (&self->w, p);
      mg_sink_str (self->out, "}\n");
    }
}

static const char *
follow_name (MgFollow follow)
{
  switch (follow)
    {
    case MG_FOLLOW_ON:
      return "on";
    case MG_FOLLOW_REFUSED:
      return "refused";
    case MG_FOLLOW_OFF:
    default:
      return "off";
    }
}

static void
write_state (MgStreamWriter *self)
{
  MgRecording *recording = self->recording;
  MgFollow follow = mg_recording_get_following (recording);
  const char *reason = mg_recording_get_follow_reason (recording);

  if (!self->follow_written || follow != self->follow ||
      g_strcmp0 (reason, self->follow_reason) != 0)
    {
      self->follow_written = TRUE;
      self->follow = follow;
      g_free (self->follow_reason);
      self->follow_reason = g_strdup (reason);
      begin_event (self, "follow");
      jw_member_string (&self->w, "state", follow_name (follow));
      if (reason != NULL)
        {
          g_autofree char *valid = g_utf8_make_valid (reason, -1);

          jw_member_string (&self->w, "reason", valid);
        }
      end_line (self);
    }

  for (; self->n_setuid < mg_recording_get_n_setuid (recording); self->n_setuid++)
    {
      begin_event (self, "setuid");
      jw_member_string (&self->w, "name", mg_recording_get_setuid_name (recording, self->n_setuid));
      end_line (self);
    }

  /* Markers are kept in time order; a new one is almost always the last. */
  for (; self->n_markers < mg_recording_get_n_markers (recording); self->n_markers++)
    {
      const MgMarker *m = mg_recording_get_marker (recording, self->n_markers);

      begin_event (self, "marker");
      jw_member_time (&self->w, "t", m->time_s);
      jw_member_string (&self->w, "label", m->label);
      end_line (self);
    }

  for (; self->n_unreadable < mg_recording_get_n_unreadable (recording); self->n_unreadable++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (recording, self->n_unreadable);

      begin_event (self, "unreadable");
      jw_member_int (&self->w, "pid", u->pid);
      jw_member_string (&self->w, "what", u->what == MG_UNREADABLE_PROCESS ? "process" : "pss");
      end_line (self);
    }
}

static void
write_output (MgStreamWriter *self)
{
  MgOutput *store = mg_recording_get_output_store (self->recording);
  guint n_head;
  guint64 first, end, dropped;

  gboolean paced = self->live && !self->ended;

  mg_output_get_state (store, &n_head, &first, &end, &dropped);
  if (paced)
    {
      gint64 now = g_get_monotonic_time ();

      self->output_tokens = MIN (OUTPUT_LINES_BURST,
                                 self->output_tokens +
                                 (now - self->output_refill_us) / 1e6 * OUTPUT_LINES_PER_S);
      self->output_refill_us = now;
    }
  /* Lines the store let go of before they were written are counted in the
   * end line's unsent figures. */
  for (guint64 serial = self->output_next; serial < end; serial++)
    {
      MgOutputLine line;

      /* Past the lines let go of at once. */
      if (serial >= n_head && serial < first)
        serial = first;
      if (serial >= end)
        break;
      /* Skipped lines (let go of) cost nothing; the rest wait for later. */
      if (paced && self->output_tokens < 1 && mg_output_get_line_by_serial (store, serial) != NULL)
        {
          self->output_next = serial;
          return;
        }

      if (!(self->live ? mg_output_send_line (store, serial, &line)
                       : mg_output_copy_line (store, serial, G_MAXSIZE, &line)))
        continue;
      begin_event (self, "output");
      jw_member_time (&self->w, "t", line.time_s);
      jw_member_string (&self->w, "stream", line.stream == MG_OUTPUT_STDERR ? "stderr" : "stdout");
      jw_member_string (&self->w, "text", line.text);
      if (line.full_length > line.length)
        {
          jw_member_int (&self->w, "length", (gint64) line.full_length);
          self->cut_written += line.full_length - line.length;
        }
      end_line (self);
      g_free (line.text);
      self->output_tokens -= 1;
    }
  self->output_next = MAX (self->output_next, end);
}

static void
flush (MgStreamWriter *self)
{
  self->bytes += self->out->len;
  mg_sink_flush (self->out);
}

static void
write_new (MgStreamWriter *self)
{
  MgSamples *samples = mg_recording_get_samples (self->recording);
  guint n = mg_recording_get_n_samples (self->recording);

  write_state (self);
  write_processes (self);
  for (; self->n_samples < n; self->n_samples++)
    write_sample (self, mg_samples_peek (samples, self->n_samples));
  write_output (self);
}

static void
on_samples_added (MgRecording    *recording,
                  guint           first,
                  MgStreamWriter *self)
{
  write_new (self);
  flush (self);
}

static void
on_output_changed (MgRecording    *recording,
                   MgStreamWriter *self)
{
  write_output (self);
  flush (self);
}

static void
on_pss_set (MgRecording    *recording,
            guint           index,
            MgStreamWriter *self)
{
  const MgSample *s;

  /* Not yet written: it goes with its sample. */
  if (index >= self->n_samples)
    return;
  s = mg_samples_peek (mg_recording_get_samples (recording), index);
  begin_event (self, "pss");
  jw_member_time (&self->w, "t", s->time_s);
  jw_member_int (&self->w, mg_fields[MG_FIELD_PSS].key, (gint64) s->pss_bytes);
  if (s->uss_bytes != MG_NO_VALUE)
    jw_member_int (&self->w, mg_fields[MG_FIELD_USS].key, (gint64) s->uss_bytes);
  end_line (self);
  flush (self);
}

static void
write_end (MgStreamWriter *self)
{
  MgRecording *recording = self->recording;
  MgOutput *store = mg_recording_get_output_store (recording);

  if (self->ended)
    return;
  self->ended = TRUE;
  write_new (self);
  begin_event (self, "end");
  /* The start as the runner noted it, which may be after the header. */
  {
    g_autofree char *started = g_date_time_format_iso8601 (mg_recording_get_started (recording));

    jw_member_string (&self->w, "started", started);
  }
  jw_member_time (&self->w, "duration_s", mg_recording_get_duration (recording));
  mg_json_out_exit (&self->w, recording);
  mg_json_out_peak (&self->w, recording);
  mg_json_out_interval (&self->w, recording);
  jw_member_int (&self->w, "output_head_lines", mg_output_get_n_head (store));
  jw_member_int (&self->w, "output_dropped_lines",
                 (gint64) mg_recording_get_output_dropped_lines (recording));
  jw_member_int (&self->w, "output_dropped_bytes",
                 (gint64) mg_recording_get_output_dropped_bytes (recording));
  /* What the stream did not carry, for its reader to add to what it drops
   * itself of the lines it got: a live stream sent lines its store let go
   * of later; one written at once holds only the lines kept. */
  {
    guint64 lines, bytes;

    if (self->live)
      mg_output_get_unsent (store, &lines, &bytes);
    else
      {
        lines = mg_recording_get_output_dropped_lines (recording);
        bytes = mg_recording_get_output_dropped_bytes (recording) - self->cut_written;
      }
    jw_member_int (&self->w, "output_unsent_lines", (gint64) lines);
    jw_member_int (&self->w, "output_unsent_bytes", (gint64) bytes);
  }
  jw_member_int (&self->w, "samples", mg_recording_get_n_samples (recording));
  if (mg_recording_get_command_pid (recording) > 0)
    jw_member_int (&self->w, "command_pid", mg_recording_get_command_pid (recording));
  jw_member_bool (&self->w, "stopped", mg_recording_get_stopped (recording));
  end_line (self);
  flush (self);
}

static void
on_finished (MgRecording    *recording,
             MgStreamWriter *self)
{
  write_end (self);
}

/**
 * mg_stream_writer_new:
 * @recording: the recording to write, live or finished
 * @fd: a file descriptor to write to, not owned, or -1
 * @stream: (nullable): else a stream to write to
 *
 * Writes the header at once, what @recording already holds, and then each
 * event as it happens; the end line when @recording finishes (at once when
 * it has). Writes are blocking; the first failure stops the writing (see
 * mg_stream_writer_get_error()).
 *
 * Returns: (transfer full): the writer, to free with mg_stream_writer_free()
 */
MgStreamWriter *
mg_stream_writer_new (MgRecording   *recording,
                      int            fd,
                      GOutputStream *stream)
{
  MgStreamWriter *self;

  g_return_val_if_fail (MG_IS_RECORDING (recording), NULL);
  g_return_val_if_fail (fd >= 0 || G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (MgStreamWriter, 1);
  self->recording = g_object_ref (recording);
  self->processes = g_array_new (FALSE, TRUE, sizeof (ProcessState));
  mg_sink_init (&self->own_sink, fd, fd >= 0 ? NULL : stream, NULL);
  self->out = &self->own_sink;
  self->live = TRUE;
  self->output_tokens = OUTPUT_LINES_BURST;
  self->output_refill_us = g_get_monotonic_time ();
  write_header (self, g_get_host_name ());
  write_new (self);
  flush (self);
  self->handlers[0] = g_signal_connect (recording, "samples-added",
                                        G_CALLBACK (on_samples_added), self);
  self->handlers[1] = g_signal_connect (recording, "output-changed",
                                        G_CALLBACK (on_output_changed), self);
  self->handlers[2] = g_signal_connect (recording, "pss-set", G_CALLBACK (on_pss_set), self);
  self->handlers[3] = g_signal_connect (recording, "finished", G_CALLBACK (on_finished), self);
  if (mg_recording_is_finished (recording))
    write_end (self);
  return self;
}

/**
 * mg_stream_write_sink:
 * @sink: where a document goes
 *
 * Writes what @recording holds as a stream, at once: its end line when it
 * has finished. For files saved from a recording (mg_export_write()).
 */
void
mg_stream_write_sink (MgSink      *sink,
                      MgRecording *recording)
{
  MgStreamWriter self = { 0 };

  g_return_if_fail (sink != NULL);
  g_return_if_fail (MG_IS_RECORDING (recording));

  self.recording = recording;
  self.out = sink;
  self.processes = g_array_new (FALSE, TRUE, sizeof (ProcessState));
  write_header (&self, g_get_host_name ());
  if (mg_recording_is_finished (recording))
    write_end (&self);
  else
    write_new (&self);
  g_array_unref (self.processes);
  g_free (self.follow_reason);
}

/**
 * mg_stream_writer_get_error:
 *
 * Returns: %FALSE with @error set when a write failed
 */
gboolean
mg_stream_writer_get_error (MgStreamWriter  *self,
                            GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->out->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->out->error));
      return FALSE;
    }
  return TRUE;
}

/**
 * mg_stream_writer_get_bytes:
 *
 * Returns: how many bytes were written so far
 */
guint64
mg_stream_writer_get_bytes (MgStreamWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bytes;
}

/**
 * mg_stream_writer_free:
 *
 * Stops writing; what was not written yet (the end line of a recording
 * still running) is not.
 */
void
mg_stream_writer_free (MgStreamWriter *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->handlers); i++)
    g_clear_signal_handler (&self->handlers[i], self->recording);
  flush (self);
  mg_sink_finish (&self->own_sink, NULL);
  g_array_unref (self->processes);
  g_free (self->follow_reason);
  g_object_unref (self->recording);
  g_free (self);
}
