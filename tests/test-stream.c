/* test-stream.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stream: written live from a real run and read back equal to the JSON
 * of that run; memgraph-record read through the reader, stopped, cut off;
 * streams cut at every byte; garbage; a PID namespace the reader cannot
 * see into; batch mode writing a stream as it runs, then killed.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mg-export.h"
#include "mg-import.h"
#include "mg-runner.h"
#include "mg-stream.h"
#include "mg-test-util.h"

static void
on_finished (MgRecording *rec,
             gboolean    *done)
{
  *done = TRUE;
}

/* Runs argv locally, the stream written live into *stream. */
static MgRecording *
run_streamed (const char * const *argv,
              double              interval,
              GBytes            **stream)
{
  MgRecording *rec = mg_recording_new (argv, NULL, interval);
  g_autoptr(MgRunner) runner = mg_runner_new (rec);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(MgStreamWriter) writer = mg_stream_writer_new (rec, -1, out);
  gboolean done = FALSE;

  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
  g_assert_true (mg_runner_start (runner, NULL));
  g_assert_true (mg_test_wait_for (&done, 60));
  g_assert_true (mg_stream_writer_get_error (writer, NULL));
  g_clear_pointer (&writer, mg_stream_writer_free);
  g_output_stream_close (out, NULL, NULL);
  *stream = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return rec;
}

/* Everything the brief of a run holds, equal in two recordings. */
static void
assert_same_run (MgRecording *a,
                 MgRecording *b)
{
  const MgExit *ea = mg_recording_get_exit (a), *eb = mg_recording_get_exit (b);
  double fa = 0, ta = 0, fb = 0, tb = 0;
  guint64 ua = 0, ub = 0;

  g_assert_cmpuint (mg_recording_get_n_samples (a), ==, mg_recording_get_n_samples (b));
  for (guint i = 0; i < mg_recording_get_n_samples (a); i++)
    {
      MgSample sa = mg_samples_get (mg_recording_get_samples (a), i);
      MgSample sb = mg_samples_get (mg_recording_get_samples (b), i);

      g_assert_cmpfloat_with_epsilon (sa.time_s, sb.time_s, 1e-6);
      for (MgField f = 0; f < MG_N_FIELDS; f++)
        g_assert_cmpuint (mg_field_get (&sa, f), ==, mg_field_get (&sb, f));
    }
  g_assert_cmpuint (mg_recording_get_peak_rss (a), ==, mg_recording_get_peak_rss (b));
  g_assert_cmpint (mg_recording_get_peak_source (a), ==, mg_recording_get_peak_source (b));
  g_assert_cmpint (mg_recording_get_peak_is_exact (a), ==, mg_recording_get_peak_is_exact (b));
  g_assert_cmpint (mg_recording_get_peak_window (a, &fa, &ta), ==,
                   mg_recording_get_peak_window (b, &fb, &tb));
  g_assert_cmpfloat_with_epsilon (fa, fb, 1e-6);
  g_assert_cmpfloat_with_epsilon (ta, tb, 1e-6);
  g_assert_cmpint (mg_recording_get_peak_upper (a, &ua), ==, mg_recording_get_peak_upper (b, &ub));
  g_assert_cmpuint (ua, ==, ub);
  g_assert_cmpint (ea->kind, ==, eb->kind);
  g_assert_cmpint (ea->code, ==, eb->code);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_duration (a), mg_recording_get_duration (b),
                                  1e-6);
  g_assert_cmpuint (mg_recording_get_n_processes (a), ==, mg_recording_get_n_processes (b));
  for (guint i = 0; i < mg_recording_get_n_processes (a); i++)
    {
      const MgProcess *pa = mg_recording_get_process (a, i);
      const MgProcess *pb = mg_recording_get_process (b, i);

      g_assert_cmpint (pa->pid, ==, pb->pid);
      g_assert_cmpint (pa->ppid, ==, pb->ppid);
      g_assert_cmpuint (pa->peak_rss, ==, pb->peak_rss);
      g_assert_cmpint (pa->peak_source, ==, pb->peak_source);
      g_assert_cmpint (pa->peak_exact, ==, pb->peak_exact);
      g_assert_cmpint (pa->exited, ==, pb->exited);
      g_assert_cmpint (pa->wait_status, ==, pb->wait_status);
      g_assert_cmpstr (pa->name, ==, pb->name);
      g_assert_cmpfloat_with_epsilon (pa->end_s, pb->end_s, 1e-6);
    }
}

/* A real run, 120 MiB held by a child: its stream, written as it ran, reads
 * back as the JSON of the same run does. */
static void
test_round_trip (void)
{
  const char *argv[] = { mg_test_workload (), "tree", "1", "120", "1.5", NULL };
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(MgRecording) rec = run_streamed (argv, 0.05, &stream);
  g_autoptr(GBytes) json = mg_export_json_bytes (rec);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) from_json = mg_import_json (json, "run.json", &error);
  g_autoptr(MgRecording) from_stream = NULL;
  g_autoptr(GBytes) json_again = NULL;

  g_assert_no_error (error);
  from_stream = mg_import_stream (stream, "run.jsonl", &error);
  g_assert_no_error (error);

  /* The workload: itself and one child that holds 120 MiB. */
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 2);
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), >=, 120 * MIB);
  g_assert_cmpfloat (mg_recording_get_peak_rss (rec), <=, 120 * MIB * 1.05);
  g_assert_cmpint (mg_recording_get_exit (rec)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (rec)->code, ==, 0);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), >=, 20);

  assert_same_run (from_json, from_stream);
  assert_same_run (rec, from_stream);
  /* Written again as JSON: the same file, byte for byte. */
  json_again = mg_export_json_bytes (from_stream);
  g_assert_true (g_bytes_equal (json, json_again));
}

/* memgraph-record as a subprocess: stdin kept open (the control channel),
 * stdout read through the reader. */
typedef struct
{
  GSubprocess    *proc;
  GOutputStream  *control;
  GInputStream   *out;
  MgRecording    *rec;
  MgStreamReader *reader;
} Recorder;

static void
recorder_start (Recorder           *r,
                const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char * const *command = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  r->proc = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  r->control = g_subprocess_get_stdin_pipe (r->proc);
  r->out = g_subprocess_get_stdout_pipe (r->proc);
  /* The reader fills a recording made here from the command, as the
   * caller of a remote recorder makes it; the header sets the rest. */
  for (guint i = 0; args[i] != NULL; i++)
    if (strcmp (args[i], "--") == 0)
      command = &args[i + 1];
  r->rec = mg_recording_new (command, NULL, 0.1);
  r->reader = mg_stream_reader_new (r->rec);
}

/* Reads a block of the stream; FALSE at its end. */
static gboolean
recorder_read (Recorder *r)
{
  g_autoptr(GError) error = NULL;
  char buf[16384];
  gssize n = g_input_stream_read (r->out, buf, sizeof buf, NULL, &error);

  g_assert_no_error (error);
  if (n <= 0)
    return FALSE;
  g_assert_true (mg_stream_reader_feed (r->reader, buf, n, &error));
  g_assert_no_error (error);
  return TRUE;
}

/* Reads until @rss bytes are seen in a sample, or the end. */
static void
recorder_read_until (Recorder *r,
                     double    rss)
{
  while (recorder_read (r))
    {
      const MgSample *last = mg_recording_get_last (r->rec);

      if (last != NULL && last->rss_bytes >= rss)
        return;
    }
}

/* Reads to the end; the recorder exits 0 after its end line. */
static void
recorder_finish (Recorder *r)
{
  g_autoptr(GError) error = NULL;

  while (recorder_read (r))
    ;
  g_assert_true (mg_stream_reader_finish (r->reader, NULL));
  g_assert_true (mg_stream_reader_got_end (r->reader));
  g_assert_cmpuint (mg_stream_reader_get_n_malformed (r->reader), ==, 0);
  g_subprocess_wait (r->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (r->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (r->proc), ==, 0);
}

static void
recorder_clear (Recorder *r)
{
  g_clear_pointer (&r->reader, mg_stream_reader_free);
  g_clear_object (&r->rec);
  g_clear_object (&r->proc);
}

static const char *
record_binary (void)
{
  const char *path = g_getenv ("MG_RECORD_BINARY");

  g_assert_nonnull (path);
  return path;
}

/* 100 MiB held: the peak read from the recorder's stdout is within 5 %. */
static void
test_recorder (void)
{
  const char *args[] = { record_binary (), "-i", "0.05", "--", mg_test_workload (), "hold", "100",
                         "1", NULL };
  Recorder r = { 0 };
  const MgExit *e;

  recorder_start (&r, args);
  recorder_finish (&r);
  g_assert_true (mg_recording_is_finished (r.rec));
  g_assert_cmpstr (mg_recording_get_argv (r.rec)[0], ==, mg_test_workload ());
  g_assert_cmpfloat (mg_recording_get_peak_rss (r.rec), >=, 100 * MIB);
  g_assert_cmpfloat (mg_recording_get_peak_rss (r.rec), <=, 100 * MIB * 1.05);
  e = mg_recording_get_exit (r.rec);
  g_assert_cmpint (e->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (e->code, ==, 0);
  g_assert_cmpuint (mg_recording_get_n_processes (r.rec), ==, 1);
  g_assert_cmpuint (mg_recording_get_n_samples (r.rec), >=, 10);
  g_assert_cmpfloat_with_epsilon (mg_recording_get_interval (r.rec), 0.05, 1e-9);
  recorder_clear (&r);
}

/* "stop" on stdin: SIGTERM to the tree, which ends by it. */
static void
test_recorder_stop (void)
{
  const char *args[] = { record_binary (), "-i", "0.05", "--", mg_test_workload (), "hold", "40",
                         "60", NULL };
  Recorder r = { 0 };
  const MgExit *e;

  recorder_start (&r, args);
  recorder_read_until (&r, 40 * MIB);
  g_assert_false (mg_recording_is_finished (r.rec));
  g_assert_true (g_output_stream_write_all (r.control, "stop\n", 5, NULL, NULL, NULL));
  recorder_finish (&r);
  e = mg_recording_get_exit (r.rec);
  g_assert_cmpint (e->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (e->code, ==, SIGTERM);
  g_assert_true (mg_recording_get_stopped (r.rec) || mg_recording_get_exit (r.rec)->code == SIGTERM);
  g_assert_cmpfloat (mg_recording_get_peak_rss (r.rec), >=, 40 * MIB);
  recorder_clear (&r);
}

static gboolean
pid_gone (int pid)
{
  return kill (pid, 0) != 0 && errno == ESRCH;
}

/* Its stdin closed mid-run (the link is gone): nothing of the tree is
 * left running, and the stream still ends. */
static void
test_recorder_eof (void)
{
  const char *args[] = { record_binary (), "-i", "0.05", "--", mg_test_workload (), "tree", "2",
                         "20", "60", NULL };
  Recorder r = { 0 };
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean gone = FALSE;

  recorder_start (&r, args);
  recorder_read_until (&r, 40 * MIB);
  /* The workload and its two children, by the stream. */
  g_assert_cmpuint (mg_recording_get_n_processes (r.rec), ==, 3);
  for (guint i = 0; i < mg_recording_get_n_processes (r.rec); i++)
    {
      int pid = mg_recording_get_process (r.rec, i)->pid;

      g_assert_false (pid_gone (pid));
      g_array_append_val (pids, pid);
    }
  g_assert_true (g_output_stream_close (r.control, NULL, NULL));
  recorder_finish (&r);
  g_assert_cmpint (mg_recording_get_exit (r.rec)->kind, ==, MG_EXIT_SIGNAL);
  g_assert_cmpint (mg_recording_get_exit (r.rec)->code, ==, SIGKILL);
  /* Reaped by memgraph-launch before it reported: a bounded wait, not a
   * timed assertion. */
  for (int k = 0; k < 500 && !gone; k++)
    {
      gone = TRUE;
      for (guint i = 0; i < pids->len; i++)
        gone = gone && pid_gone (g_array_index (pids, int, i));
      if (!gone)
        g_usleep (10000);
    }
  g_assert_true (gone);
  recorder_clear (&r);
}

/* A small real stream, with output and a process tree. */
static GBytes *
small_stream (MgRecording **rec_out)
{
  const char *argv[] = { mg_test_workload (), "tree", "1", "4", "0.3", NULL };
  GBytes *stream = NULL;

  *rec_out = run_streamed (argv, 0.05, &stream);
  return stream;
}

/* Cut at every byte: it opens, holds a prefix of the samples and says it
 * was cut; whole, it does not. */
static void
test_cut_every_byte (void)
{
  g_autoptr(MgRecording) rec = NULL;
  g_autoptr(GBytes) stream = small_stream (&rec);
  gsize size;
  const char *data = g_bytes_get_data (stream, &size);
  guint n = mg_recording_get_n_samples (rec);
  guint last_n = 0;

  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpuint (size, <, 64 * 1024);
  for (gsize cut = 0; cut <= size; cut++)
    {
      g_autoptr(GBytes) part = g_bytes_new_static (data, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgRecording) got = mg_import_stream (part, "cut.jsonl", &error);
      const MgExit *e;
      guint k;

      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_true (mg_recording_is_finished (got));
      k = mg_recording_get_n_samples (got);
      g_assert_cmpuint (k, <=, n);
      /* Samples only come: a longer prefix holds as many or more. */
      g_assert_cmpuint (k, >=, last_n);
      last_n = k;
      for (guint i = 0; i < k; i++)
        g_assert_cmpuint (mg_samples_get (mg_recording_get_samples (got), i).rss_bytes, ==,
                          mg_samples_get (mg_recording_get_samples (rec), i).rss_bytes);
      e = mg_recording_get_exit (got);
      if (cut == size)
        {
          g_assert_cmpint (e->kind, ==, MG_EXIT_STATUS);
          g_assert_cmpuint (k, ==, n);
        }
      else
        {
          g_autofree char *said = mg_recording_describe_exit (got);

          g_assert_cmpint (e->kind, ==, MG_EXIT_UNKNOWN);
          g_assert_nonnull (e->message);
          g_assert_nonnull (strstr (said, "cut"));
        }
    }
}

static MgRecording *
feed_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return mg_import_stream (bytes, "x.jsonl", error);
}

#define HEADER "{\"memgraph_stream\":1,\"argv\":[\"prog\"],\"interval\":0.5}\n"

static void
test_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;

  /* Not a stream. */
  g_assert_null (feed_text ("{\"command\":[\"x\"]}\n", &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_A_RECORDING);
  g_assert_nonnull (strstr (error->message, "not a Memory Graph stream"));
  g_clear_error (&error);
  g_assert_null (feed_text ("{\"memgraph_stream\":\"one\"}\n", &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_A_RECORDING);
  g_clear_error (&error);

  /* Another major version: named. */
  g_assert_null (feed_text ("{\"memgraph_stream\":2,\"argv\":[\"x\"]}\n", &error));
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_A_RECORDING);
  g_assert_nonnull (strstr (error->message, "version 2"));
  g_clear_error (&error);

  /* Unknown members and events are ignored; a malformed line is skipped. */
  {
    MgRecording *empty = mg_recording_new ((const char *[]) { "x", NULL }, NULL, 0.1);
    g_autoptr(MgStreamReader) reader = mg_stream_reader_new (empty);
    const char *text =
      "{\"memgraph_stream\":1.3,\"argv\":[\"prog\"],\"interval\":0.5,\"future\":{\"a\":[1]}}\n"
      "{\"e\":\"sample\",\"t\":0.5,\"rss_bytes\":1000,\"vsz_bytes\":2000,\"new_field\":7}\n"
      "{\"e\":\"hologram\",\"t\":0.7}\n"
      "{\"e\":\"sample\",\"t\":1\n"
      "[1,2,3]\n"
      "\n"
      "{\"e\":\"sample\",\"t\":1.0,\"rss_bytes\":3000,\"vsz_bytes\":4000}\r\n"
      "{\"e\":\"end\",\"duration_s\":1.2,\"exit\":{\"status\":3},\"peak\":{\"rss_bytes\":3000},"
      "\"more\":true}\n"
      "{\"e\":\"sample\",\"t\":2.0,\"rss_bytes\":9000,\"vsz_bytes\":4000}\n";

    /* Fed one byte at a time, as a slow link gives it. */
    for (const char *p = text; *p != '\0'; p++)
      g_assert_true (mg_stream_reader_feed (reader, p, 1, &error));
    g_assert_no_error (error);
    g_assert_true (mg_stream_reader_got_header (reader));
    g_assert_true (mg_stream_reader_finish (reader, NULL));
    g_assert_cmpuint (mg_stream_reader_get_n_malformed (reader), ==, 2);
    g_assert_cmpuint (mg_recording_get_n_samples (empty), ==, 2);
    g_assert_cmpuint (mg_recording_get_peak_rss (empty), ==, 3000);
    g_assert_cmpint (mg_recording_get_exit_code (empty), ==, 3);
    g_assert_cmpfloat_with_epsilon (mg_recording_get_interval (empty), 0.5, 1e-9);
    g_assert_cmpfloat_with_epsilon (mg_recording_get_duration (empty), 1.2, 1e-9);
    g_object_unref (empty);
  }

  /* The caller's message for a cut. */
  {
    g_autoptr(MgRecording) cut = mg_recording_new ((const char *[]) { "x", NULL }, NULL, 0.1);
    g_autoptr(MgStreamReader) reader = mg_stream_reader_new (cut);

    g_assert_true (mg_stream_reader_feed (reader, HEADER, strlen (HEADER), NULL));
    g_assert_false (mg_stream_reader_finish (reader, "The link to host closed"));
    g_assert_cmpstr (mg_recording_get_exit (cut)->message, ==, "The link to host closed");
    g_assert_cmpint (mg_recording_get_exit (cut)->kind, ==, MG_EXIT_UNKNOWN);
  }

  rec = feed_text (HEADER "{\"e\":\"sample\",\"t\":0.1,\"rss_bytes\":5,\"vsz_bytes\":6}\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mg_recording_get_argv (rec)[0], ==, "prog");
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 1);
}

/* A 100 MiB line without a newline: refused once past 64 MiB, in pieces
 * or whole, and what is held stays below the cap. */
/* Output lines read by the short path and by json-glib give the same
 * lines; what the short path is not sure of (a surrogate pair, a NUL, a
 * member out of the writer's order, bad UTF-8) goes to json-glib, which
 * reads it or counts it malformed. */
static void
test_output_lines (void)
{
  static const struct
  {
    const char *line;
    const char *text;     /* NULL: malformed */
    guint64     length;
    MgOutputStream stream;
  } cases[] = {
    { "{\"e\":\"output\",\"t\":0.5,\"stream\":\"stdout\",\"text\":\"plain\"}", "plain", 5,
      MG_OUTPUT_STDOUT },
    { "{\"e\":\"output\",\"t\":1,\"stream\":\"stderr\",\"text\":\"q\\\"b\\\\s\\/\\t\\u00e9\\u0001\"}",
      "q\"b\\s/\t\xc3\xa9\x01", 10, MG_OUTPUT_STDERR },
    { "{\"e\":\"output\",\"t\":2,\"stream\":\"stdout\",\"text\":\"cut\",\"length\":5000000}", "cut",
      5000000, MG_OUTPUT_STDOUT },
    { "{\"e\":\"output\",\"t\":3,\"stream\":\"stdout\",\"text\":\"\\ud83d\\ude00\"}",
      "\xf0\x9f\x98\x80", 4, MG_OUTPUT_STDOUT },
    { "{\"e\":\"output\",\"text\":\"order\",\"t\":4,\"stream\":\"stdout\"}", "order", 5,
      MG_OUTPUT_STDOUT },
    { "{\"e\":\"output\",\"t\":5,\"stream\":\"stdout\",\"text\":\"\xff\"}", NULL, 0, 0 },
    { "{\"e\":\"output\",\"t\":6,\"stream\":\"stdout\",\"text\":\"open}", NULL, 0, 0 },
    { "{\"e\":\"output\",\"t\":-1,\"stream\":\"stdout\",\"text\":\"neg\"}", NULL, 0, 0 },
    { "{\"e\":\"output\",\"t\":0x10,\"stream\":\"stdout\",\"text\":\"hex\"}", NULL, 0, 0 },
  };
  g_autoptr(GString) text = g_string_new (HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;
  guint kept = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_string_append_printf (text, "%s\n", cases[i].line);
  rec = feed_text (text->str, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MgOutputLine *line;

      if (cases[i].text == NULL)
        continue;
      line = mg_recording_get_output (rec, kept++);
      g_assert_cmpstr (line->text, ==, cases[i].text);
      g_assert_cmpuint (line->full_length, ==, cases[i].length);
      g_assert_cmpint (line->stream, ==, cases[i].stream);
    }
  g_assert_cmpuint (mg_recording_get_n_output (rec), ==, kept);
}

/* Sample lines read by the short path (the writer's own form) and by the
 * general one (any other order, spacing, members) give the same sample;
 * what is not JSON is counted malformed by both. */
static void
test_sample_lines (void)
{
  static const struct
  {
    const char *line;
    gint64      rss;      /* -1: malformed */
    gint64      vsz;
    gint64      anon;     /* -1: not in the line (kept as 0) */
    double      t;
  } cases[] = {
    { "{\"e\":\"sample\",\"t\":0.5,\"rss_bytes\":1000,\"vsz_bytes\":2000,\"anon_bytes\":300}",
      1000, 2000, 300, 0.5 },
    { "{\"t\":0.5,\"e\":\"sample\",\"vsz_bytes\":2000,\"anon_bytes\":300,\"rss_bytes\":1000}",
      1000, 2000, 300, 0.5 },
    { "{\"e\": \"sample\", \"t\": 2.25, \"rss_bytes\": 7, \"vsz_bytes\": 8}", 7, 8, -1, 2.25 },
    { "{\"e\":\"sample\",\"t\":3,\"rss_bytes\":5,\"vsz_bytes\":6,\"later\":9}", 5, 6, -1, 3 },
    { "{\"e\":\"sample\",\"t\":1e1,\"rss_bytes\":999999999999999999,\"vsz_bytes\":6}",
      G_GINT64_CONSTANT (999999999999999999), 6, -1, 10 },
    { "{\"e\":\"sample\",\"t\":0x10,\"rss_bytes\":5,\"vsz_bytes\":6}", -1, 0, 0, 0 },
    { "{\"e\":\"sample\",\"t\":1,\"rss_bytes\":5,\"vsz_bytes\":6}x", -1, 0, 0, 0 },
    { "{\"e\":\"sample\",\"t\":1,\"rss_bytes\":5,\"vsz_bytes\":", -1, 0, 0, 0 },
    { "{\"e\":\"sample\",\"t\":1,\"rss_bytes\":5,,\"vsz_bytes\":6}", -1, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MgRecording) rec = mg_recording_new ((const char *[]) { "x", NULL }, NULL, 0.1);
      g_autoptr(MgStreamReader) reader = mg_stream_reader_new (rec);
      g_autofree char *text = g_strdup_printf ("%s%s\n", HEADER, cases[i].line);
      g_autoptr(GError) error = NULL;
      const MgSample *last;

      g_test_message ("%s", cases[i].line);
      g_assert_true (mg_stream_reader_feed (reader, text, strlen (text), &error));
      g_assert_no_error (error);
      if (cases[i].rss < 0)
        {
          g_assert_cmpuint (mg_stream_reader_get_n_malformed (reader), ==, 1);
          g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 0);
          continue;
        }
      g_assert_cmpuint (mg_stream_reader_get_n_malformed (reader), ==, 0);
      g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 1);
      last = mg_recording_get_last (rec);
      g_assert_cmpfloat (last->time_s, ==, cases[i].t);
      g_assert_cmpuint (last->rss_bytes, ==, (guint64) cases[i].rss);
      g_assert_cmpuint (last->vsz_bytes, ==, (guint64) cases[i].vsz);
      g_assert_cmpuint (last->anon_bytes, ==, (guint64) MAX (cases[i].anon, 0));
    }
}

static void
test_long_line (void)
{
  g_autoptr(MgRecording) rec = mg_recording_new ((const char *[]) { "x", NULL }, NULL, 0.1);
  g_autoptr(MgStreamReader) reader = mg_stream_reader_new (rec);
  g_autoptr(GError) error = NULL;
  gsize block = 1024 * 1024;
  g_autofree char *buf = g_malloc (block);
  guint64 before, peak = 0;
  gsize held = 0;
  guint fed = 0;
  gboolean ok = TRUE;

  memset (buf, 'x', block);
  g_assert_true (mg_stream_reader_feed (reader, HEADER, strlen (HEADER), NULL));
  before = (guint64) mg_test_status_bytes ("VmRSS:");
  for (fed = 0; fed < 100 && ok; fed++)
    {
      ok = mg_stream_reader_feed (reader, buf, block, &error);
      peak = MAX (peak, (guint64) mg_test_status_bytes ("VmRSS:"));
      held = MAX (held, mg_stream_reader_get_held_bytes (reader));
    }
  g_assert_false (ok);
  g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
  /* The 65th MiB is the one refused. */
  g_assert_cmpuint (fed, ==, 65);
  g_assert_cmpuint (held, ==, 64 * 1024 * 1024);
  g_assert_cmpuint (mg_stream_reader_get_held_bytes (reader), ==, 0);
#ifndef __SANITIZE_ADDRESS__
  /* The process: the line and a few blocks. (AddressSanitizer keeps freed
   * buffers in quarantine: there, only what is held is checked.) */
  g_assert_cmpfloat (peak - MIN (before, peak), <=, 64 * MIB + 8 * MIB);
#endif
  g_clear_error (&error);

  /* Whole, as a file of one line is. */
  {
    gsize size = 100 * 1024 * 1024;
    char *big = g_malloc (size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(MgRecording) none = NULL;

    memcpy (big, HEADER, strlen (HEADER));
    memset (big + strlen (HEADER), 'y', size - strlen (HEADER));
    bytes = g_bytes_new_take (big, size);
    none = mg_import_stream (bytes, "big.jsonl", &error);
    g_assert_null (none);
    g_assert_error (error, MG_IMPORT_ERROR, MG_IMPORT_ERROR_INVALID);
  }
}

/* Through a PID namespace: the recorder sees the processes, the reader
 * cannot; what it reads equals a local run of the same workload. */
static void
test_pid_namespace (void)
{
  const char *args[] = { "unshare", "--pid", "--fork", "--mount-proc", record_binary (), "-i",
                         "0.05", "--", mg_test_workload (), "tree", "1", "60", "1", NULL };
  const char *local_argv[] = { mg_test_workload (), "tree", "1", "60", "1", NULL };
  g_autoptr(GSubprocess) probe = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autoptr(MgRecording) local = NULL;
  Recorder r = { 0 };

  probe = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            NULL, "unshare", "--pid", "--fork", "--mount-proc", "true", NULL);
  if (probe == NULL || !g_subprocess_wait_check (probe, NULL, NULL))
    {
      g_test_skip ("unshare --pid --fork --mount-proc is refused here (needs root or user "
                   "namespaces)");
      return;
    }

  recorder_start (&r, args);
  recorder_finish (&r);
  local = run_streamed (local_argv, 0.05, &stream);

  /* Pids of the namespace, where the recorder is pid 1: not the reader's. */
  for (guint i = 0; i < mg_recording_get_n_processes (r.rec); i++)
    g_assert_cmpint (mg_recording_get_process (r.rec, i)->pid, <, 100);
  g_assert_cmpuint (mg_recording_get_n_processes (r.rec), ==,
                    mg_recording_get_n_processes (local));
  g_assert_cmpfloat (mg_recording_get_peak_rss (r.rec), >=, 60 * MIB);
  g_assert_cmpfloat (fabs ((double) mg_recording_get_peak_rss (r.rec) -
                           (double) mg_recording_get_peak_rss (local)), <=, 60 * MIB * 0.05);
  g_assert_cmpint (mg_recording_get_exit (r.rec)->kind, ==, MG_EXIT_STATUS);
  g_assert_cmpint (mg_recording_get_exit (r.rec)->code, ==, mg_recording_get_exit (local)->code);
  g_assert_cmpint (mg_recording_get_peak_source (r.rec), ==, mg_recording_get_peak_source (local));
  /* The graph: as many samples within a tenth, over the same time. */
  g_assert_cmpfloat (fabs ((double) mg_recording_get_n_samples (r.rec) -
                           (double) mg_recording_get_n_samples (local)), <=,
                     0.1 * mg_recording_get_n_samples (local) + 2);
  for (guint i = 0; i < mg_recording_get_n_processes (r.rec); i++)
    g_assert_cmpfloat (fabs ((double) mg_recording_get_process (r.rec, i)->peak_rss -
                             (double) mg_recording_get_process (local, i)->peak_rss), <=,
                       0.05 * 60 * MIB);
  recorder_clear (&r);
}

static gsize
count_lines (const char *text,
             const char *prefix)
{
  gsize n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = strchr (p, '\n'), p = p ? p + 1 : NULL)
    if (g_str_has_prefix (p, prefix))
      n++;
  return n;
}

/* Batch -o x.jsonl: samples in the file while it runs; killed with
 * SIGKILL, it leaves a stream that opens and says it was cut. */
static void
test_batch_live (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.jsonl", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MgRecording) got = NULL;
  gboolean seen = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, g_getenv ("MG_BINARY"),
                           "--no-window", "-i", "0.05", "-o", path, "--", mg_test_workload (),
                           "hold", "30", "60", NULL);
  g_assert_no_error (error);
  for (int k = 0; k < 3000 && !seen; k++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (path, &text, NULL, NULL))
        {
          const char *last = g_strrstr (text, "\"rss_bytes\":");

          seen = count_lines (text, "{\"e\":\"sample\"") >= 5 && last != NULL &&
                 g_ascii_strtod (last + 12, NULL) >= 30 * MIB;
          g_assert_cmpuint (count_lines (text, "{\"e\":\"end\""), ==, 0);
        }
      if (!seen)
        g_usleep (10000);
    }
  /* Samples, and no end line yet: still running. */
  g_assert_true (seen);
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);

  got = mg_import_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (got), >=, 5);
  g_assert_cmpfloat (mg_recording_get_peak_rss (got), >=, 30 * MIB);
  g_assert_cmpint (mg_recording_get_exit (got)->kind, ==, MG_EXIT_UNKNOWN);
  g_assert_nonnull (strstr (mg_recording_get_exit (got)->message, "cut"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memgraph/stream/round-trip", test_round_trip);
  g_test_add_func ("/memgraph/stream/recorder", test_recorder);
  g_test_add_func ("/memgraph/stream/recorder-stop", test_recorder_stop);
  g_test_add_func ("/memgraph/stream/recorder-eof", test_recorder_eof);
  g_test_add_func ("/memgraph/stream/cut-every-byte", test_cut_every_byte);
  g_test_add_func ("/memgraph/stream/garbage", test_garbage);
  g_test_add_func ("/memgraph/stream/long-line", test_long_line);
  g_test_add_func ("/memgraph/stream/output-lines", test_output_lines);
  g_test_add_func ("/memgraph/stream/sample-lines", test_sample_lines);
  g_test_add_func ("/memgraph/stream/pid-namespace", test_pid_namespace);
  g_test_add_func ("/memgraph/stream/batch-live", test_batch_live);
  return g_test_run ();
}
