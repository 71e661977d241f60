/* test-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recordings opened again: the round trip keeps everything, and every kind
 * of bad file gets its own clear error.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "mg-export.h"
#include "mg-import.h"
#include "mg-test-util.h"

static MgRecording *
full_recording (void)
{
  const char *argv[] = { "./raytracer", "scene one.obj", "--floats", NULL };
  MgRecording *rec = mg_recording_new (argv, "/home/user/src", 0.25);
  MgExit exit_info = { MG_EXIT_SIGNAL, SIGSEGV, TRUE, NULL };
  MgSample s;
  guint p, q;

  p = mg_recording_add_process (rec, 4242, 1, "raytracer", "./raytracer scene one.obj", 0.0);
  q = mg_recording_add_process (rec, 4243, 4242, "worker", "worker --id 1", 0.5);
  mg_recording_set_command_pid (rec, 4242);
  for (guint i = 0; i <= 40; i++)
    {
      mg_sample_init (&s, i * 0.25 + (i % 3) * 0.001);
      s.anon_bytes = (guint64) (i * 3 * MIB);
      s.file_bytes = (guint64) (10 * MIB) + i;
      s.shmem_bytes = i % 5 == 0 ? (guint64) (20 * MIB) : 0;
      s.swap_bytes = i > 30 ? 4096 : 0;
      s.rss_bytes = s.anon_bytes + s.file_bytes + s.shmem_bytes;
      s.vsz_bytes = s.rss_bytes * 3;
      s.rss_max_bytes = s.rss_bytes + 4096 * i;
      mg_recording_append_sample (rec, &s);
      if (i % 4 == 0)
        mg_recording_set_pss (rec, s.time_s, s.rss_bytes / 2, s.rss_bytes / 3);
      mg_recording_note_tick (rec, s.time_s);
      mg_recording_process_sample (rec, p, &s, s.rss_bytes, s.time_s - 0.25);
    }
  mg_recording_process_ended (rec, 4243, 7.5, 9, 123 * MIB);
  mg_recording_process_gone (rec, q, 7.5);
  mg_recording_process_ended (rec, 4242, 10.1, SIGSEGV | 0x80, 500 * MIB);
  mg_recording_note_unreadable (rec, 4250, MG_UNREADABLE_PROCESS);
  mg_recording_note_unreadable (rec, 4251, MG_UNREADABLE_PSS);
  mg_recording_finish (rec, &exit_info, 10.1);
  return rec;
}

static void
assert_same (MgRecording *a,
             MgRecording *b)
{
  g_autofree MgSample *sa = mg_test_copy_samples (a);
  g_autofree MgSample *sb = mg_test_copy_samples (b);
  double from_a, to_a, from_b, to_b, med_a, worst_a, med_b, worst_b;
  g_autofree char *title_a = mg_recording_dup_title (a);
  g_autofree char *title_b = mg_recording_dup_title (b);
  g_autofree char *exit_a = mg_recording_describe_exit (a);
  g_autofree char *exit_b = mg_recording_describe_exit (b);
  g_autofree char *unreadable_a = mg_recording_dup_unreadable_message (a);
  g_autofree char *unreadable_b = mg_recording_dup_unreadable_message (b);

  g_assert_cmpstr (title_a, ==, title_b);
  g_assert_cmpstr (exit_a, ==, exit_b);
  g_assert_nonnull (unreadable_a);
  g_assert_cmpstr (unreadable_a, ==, unreadable_b);
  g_assert_cmpstr (mg_recording_get_directory (a), ==, mg_recording_get_directory (b));
  g_assert_cmpfloat (mg_recording_get_interval (a), ==, mg_recording_get_interval (b));
  g_assert_cmpfloat_with_epsilon (mg_recording_get_duration (a), mg_recording_get_duration (b), 1e-6);
  g_assert_cmpint (mg_recording_get_exit_code (a), ==, mg_recording_get_exit_code (b));
  g_assert_cmpint (mg_recording_get_exit (a)->core_dumped, ==, mg_recording_get_exit (b)->core_dumped);

  g_assert_cmpuint (mg_recording_get_n_samples (a), ==, mg_recording_get_n_samples (b));
  for (guint i = 0; i < mg_recording_get_n_samples (a); i++)
    {
      g_assert_cmpfloat_with_epsilon (sa[i].time_s, sb[i].time_s, 1e-6);
      /* Every series, PSS gaps included. */
      g_assert_cmpmem (&sa[i].rss_bytes, sizeof (MgSample) - sizeof (double),
                       &sb[i].rss_bytes, sizeof (MgSample) - sizeof (double));
    }

  g_assert_cmpuint (mg_recording_get_peak_rss (a), ==, mg_recording_get_peak_rss (b));
  g_assert_cmpuint (mg_recording_get_sampled_peak_rss (a), ==, mg_recording_get_sampled_peak_rss (b));
  g_assert_cmpuint (mg_recording_get_peak_vsz (a), ==, mg_recording_get_peak_vsz (b));
  g_assert_cmpint (mg_recording_get_peak_source (a), ==, mg_recording_get_peak_source (b));
  g_assert_cmpint (mg_recording_get_peak_is_exact (a), ==, mg_recording_get_peak_is_exact (b));
  g_assert_cmpint (mg_recording_get_peak_window (a, &from_a, &to_a), ==,
                   mg_recording_get_peak_window (b, &from_b, &to_b));
  g_assert_true (mg_recording_get_achieved_interval (a, &med_a, &worst_a));
  g_assert_true (mg_recording_get_achieved_interval (b, &med_b, &worst_b));
  g_assert_cmpfloat_with_epsilon (med_a, med_b, 1e-6);
  g_assert_cmpfloat_with_epsilon (worst_a, worst_b, 1e-6);

  g_assert_cmpuint (mg_recording_get_n_processes (a), ==, mg_recording_get_n_processes (b));
  for (guint i = 0; i < mg_recording_get_n_processes (a); i++)
    {
      const MgProcess *pa = mg_recording_get_process (a, i);
      const MgProcess *pb = mg_recording_get_process (b, i);

      g_assert_cmpint (pa->pid, ==, pb->pid);
      g_assert_cmpint (pa->ppid, ==, pb->ppid);
      g_assert_cmpstr (pa->name, ==, pb->name);
      g_assert_cmpstr (pa->cmdline, ==, pb->cmdline);
      g_assert_cmpfloat_with_epsilon (pa->end_s, pb->end_s, 1e-6);
      g_assert_cmpuint (pa->peak_rss, ==, pb->peak_rss);
      g_assert_cmpint (pa->peak_source, ==, pb->peak_source);
      g_assert_cmpint (pa->exited, ==, pb->exited);
      g_assert_cmpint (WIFSIGNALED (pa->wait_status), ==, WIFSIGNALED (pb->wait_status));
    }
}

/* record → JSON → open → export again: the samples, peaks and exit are
 * equal, and the graph is drawn the same to the pixel. */
static void
test_round_trip (void)
{
  g_autoptr(MgRecording) original = full_recording ();
  g_autoptr(MgRecording) reopened = NULL;
  g_autoptr(MgRecording) again = NULL;
  g_autoptr(GBytes) json = mg_export_json_bytes (original);
  g_autoptr(GBytes) json_again = NULL;
  g_autoptr(GBytes) png_a = NULL;
  g_autoptr(GBytes) png_b = NULL;
  g_autoptr(GError) error = NULL;
  MgPlotStyle style;

  reopened = mg_import_json (json, "run.json", &error);
  g_assert_no_error (error);
  assert_same (original, reopened);

  /* Saved again, it reads back the same once more. */
  json_again = mg_export_json_bytes (reopened);
  again = mg_import_json (json_again, "again.json", &error);
  g_assert_no_error (error);
  assert_same (original, again);

  mg_plot_style_init (&style, FALSE);
  png_a = mg_export_png_bytes (original, &style, 800, 500, NULL);
  png_b = mg_export_png_bytes (reopened, &style, 800, 500, NULL);
  g_assert_true (g_bytes_equal (png_a, png_b));
}

static void
test_csv_round_trip (void)
{
  g_autoptr(MgRecording) original = full_recording ();
  g_autoptr(GBytes) csv = mg_export_csv_bytes (original);
  g_autoptr(MgRecording) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree MgSample *sa = NULL;
  g_autofree MgSample *sb = NULL;
  g_autofree char *title = NULL;

  reopened = mg_import_csv (csv, "/tmp/run.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (reopened), ==, mg_recording_get_n_samples (original));
  sa = mg_test_copy_samples (original);
  sb = mg_test_copy_samples (reopened);
  for (guint i = 0; i < mg_recording_get_n_samples (original); i++)
    {
      g_assert_cmpfloat_with_epsilon (sa[i].time_s, sb[i].time_s, 1e-6);
      g_assert_cmpmem (&sa[i].rss_bytes, sizeof (MgSample) - sizeof (double),
                       &sb[i].rss_bytes, sizeof (MgSample) - sizeof (double));
    }
  /* Samples only: the title is the file, the outcome unknown. */
  title = mg_recording_dup_title (reopened);
  g_assert_cmpstr (title, ==, "run.csv");
  g_assert_cmpint (mg_recording_get_exit (reopened)->kind, ==, MG_EXIT_UNKNOWN);
  g_assert_cmpuint (mg_recording_get_sampled_peak_rss (reopened), ==,
                    mg_recording_get_sampled_peak_rss (original));
}

static void
test_csv_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "samples.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = mg_import_file (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 3);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 3 * 1024 * 1024);
  g_assert_cmpuint (mg_recording_get_peak_vsz (rec), ==, 5 * 1024 * 1024);
  g_assert_cmpfloat (mg_recording_get_duration (rec), ==, 0.2);
}

typedef struct
{
  const char *file;
  int         code;
  const char *says;
} BadCase;

/* A dozen kinds of bad file: each says which file and what is wrong. */
static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "bad-empty.json", MG_IMPORT_ERROR_NOT_A_RECORDING, "the file is empty" },
    { "bad-not-json.json", MG_IMPORT_ERROR_NOT_A_RECORDING, "it is not valid JSON" },
    { "bad-truncated.json", MG_IMPORT_ERROR_NOT_A_RECORDING, "it is not valid JSON" },
    { "bad-array.json", MG_IMPORT_ERROR_NOT_A_RECORDING, "no object at the top" },
    { "bad-other.json", MG_IMPORT_ERROR_NOT_A_RECORDING, "not a Memory Graph recording" },
    { "bad-command.json", MG_IMPORT_ERROR_INVALID, "“command” must be an array of strings" },
    { "bad-lengths.json", MG_IMPORT_ERROR_INVALID,
      "“samples.rss_bytes” has 2 values but “samples.time_s” has 3" },
    { "bad-type.json", MG_IMPORT_ERROR_INVALID,
      "value 1 of “samples.rss_bytes” is not a whole number of bytes" },
    { "bad-negative.json", MG_IMPORT_ERROR_INVALID, "value 2 of “samples.rss_bytes” is out of range" },
    { "bad-backwards.json", MG_IMPORT_ERROR_INVALID, "“samples.time_s” goes backwards at value 3" },
    { "bad-exit.json", MG_IMPORT_ERROR_INVALID, "“exit” has neither" },
    { "bad-interval.json", MG_IMPORT_ERROR_INVALID, "“interval_s” must be from 0.001 to 60" },
    { "bad-started.json", MG_IMPORT_ERROR_INVALID, "“started” is not an ISO 8601 time" },
    { "bad-missing-rss.json", MG_IMPORT_ERROR_INVALID, "“samples.rss_bytes” is missing" },
    { "bad-header.csv", MG_IMPORT_ERROR_NOT_A_RECORDING, "header must begin" },
    { "bad-cell.csv", MG_IMPORT_ERROR_INVALID, "line 3: “lots” is not a whole number of bytes" },
    { "bad-binary.csv", MG_IMPORT_ERROR_NOT_A_RECORDING, "it is not a text file" },
    { "bad-columns.csv", MG_IMPORT_ERROR_INVALID, "line 3 has 2 cells, the header 3" },
    { "no-such-file.json", MG_IMPORT_ERROR_UNREADABLE, "No such file or directory" },
    /* Found by tests/fuzz/fuzz-import: a pid past 32 bits was cast to int. */
    { "bad-pid.json", MG_IMPORT_ERROR_INVALID, "process 1 has a pid out of range" },
    { "bad-unreadable.json", MG_IMPORT_ERROR_INVALID, "unreadable process 1 must have a pid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", cases[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(MgRecording) rec = mg_import_file (file, &error);

      g_test_message ("%s: %s", cases[i].file, error ? error->message : "(no error)");
      g_assert_null (rec);
      g_assert_error (error, MG_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

static char *
write_tmp (const char *name,
           const char *contents,
           gssize      len)
{
  static char *dir;
  char *path;

  if (dir == NULL)
    dir = g_dir_make_tmp ("memgraph-import-XXXXXX", NULL);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static MgRecording *
import_text (const char  *name,
             const char  *contents,
             GError     **error)
{
  g_autofree char *path = write_tmp (name, contents, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return mg_import_file (file, error);
}

#define MINIMAL_SAMPLES "\"samples\":{\"time_s\":[0,0.5],\"rss_bytes\":[1,2],\"vsz_bytes\":[3,4]}"

/* Nesting of any depth gets a message before anything recurses over it:
 * arrays, objects, and deep inside a member of a real recording. */
static void
test_deep_nesting (void)
{
  static const guint depths[] = { 65, 1000, 100000 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      g_autoptr(GString) arrays = g_string_new (NULL);
      g_autoptr(GString) objects = g_string_new (NULL);
      g_autoptr(GString) inside = g_string_new ("{\"command\":[\"x\"]," MINIMAL_SAMPLES
                                                ",\"exit\":{\"status\":0},\"peak\":");
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;
      g_autoptr(MgRecording) r1 = NULL;
      g_autoptr(MgRecording) r2 = NULL;
      g_autoptr(MgRecording) r3 = NULL;

      for (guint d = 0; d < depths[i]; d++)
        {
          g_string_append_c (arrays, '[');
          g_string_append (objects, "{\"a\":");
        }
      g_string_append (objects, "1");
      for (guint d = 0; d < depths[i]; d++)
        {
          g_string_append_c (arrays, ']');
          g_string_append_c (objects, '}');
        }
      g_string_append_printf (inside, "%s}", arrays->str);

      r1 = import_text ("deep-arrays.json", arrays->str, &e1);
      r2 = import_text ("deep-objects.json", objects->str, &e2);
      r3 = import_text ("deep-member.json", inside->str, &e3);
      g_assert_null (r1);
      g_assert_null (r2);
      g_assert_null (r3);
      g_assert_error (e1, MG_IMPORT_ERROR, MG_IMPORT_ERROR_NOT_A_RECORDING);
      g_assert_nonnull (strstr (e1->message, "it is nested more than 64 levels deep (line 1)"));
      g_assert_nonnull (strstr (e2->message, "it is nested more than 64 levels deep (line 1)"));
      g_assert_nonnull (strstr (e3->message, "it is nested more than 64 levels deep (line 1)"));
    }

  /* 64 levels are allowed: it is read, and refused as what it is. */
  {
    g_autoptr(GString) arrays = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(MgRecording) rec = NULL;

    for (guint d = 0; d < 64; d++)
      g_string_append_c (arrays, '[');
    for (guint d = 0; d < 64; d++)
      g_string_append_c (arrays, ']');
    rec = import_text ("deep-64.json", arrays->str, &error);
    g_assert_nonnull (strstr (error->message, "no object at the top"));
  }
}

/* Members of every wrong kind: the tests run with criticals fatal, and
 * json-glib's *_with_default getters warned on each of these. They get
 * their defaults, or a message. */
static void
test_wrong_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;
  const MgProcess *p;

  rec = import_text ("kinds.json",
                     "{\"command\":[\"x\"],\"directory\":[1]," MINIMAL_SAMPLES ","
                     "\"exit\":{\"status\":3},"
                     "\"peak\":{\"rss_bytes\":2,\"rss_source\":[\"VmHWM\"],\"rss_exact\":{},"
                     "\"rss_between_s\":[{},\"a\"]},"
                     "\"interval\":{\"median_s\":\"x\",\"worst_s\":[]},"
                     "\"processes\":[{\"pid\":7,\"name\":{\"x\":1},\"cmdline\":[1],"
                     "\"peak_rss_source\":7,\"exit\":{\"signal\":\"9\"}}],"
                     "\"markers\":[{\"time_s\":0.1,\"label\":{\"a\":[]}}],"
                     "\"output\":[{\"time_s\":0.2,\"stream\":[],\"text\":{}}]}",
                     &error);
  g_assert_no_error (error);
  g_assert_null (mg_recording_get_directory (rec));
  g_assert_cmpuint (mg_recording_get_n_processes (rec), ==, 1);
  p = mg_recording_get_process (rec, 0);
  g_assert_cmpint (p->pid, ==, 7);
  g_assert_cmpstr (p->name, ==, "");
  g_assert_cmpstr (p->cmdline, ==, "");
  g_assert_cmpint (p->peak_source, ==, MG_PEAK_SAMPLED);
  g_assert_true (p->exited);
  /* "signal": "9" is not a number: no signal. */
  g_assert_cmpint (p->wait_status, ==, 0);
  g_assert_cmpstr (mg_recording_get_marker (rec, 0)->label, ==, "");
  g_assert_cmpstr (mg_recording_get_output (rec, 0)->text, ==, "");
  g_assert_cmpint (mg_recording_get_output (rec, 0)->stream, ==, MG_OUTPUT_STDOUT);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 2);
  g_assert_cmpint (mg_recording_get_exit_code (rec), ==, 3);

  /* A comparison whose labels are not strings is named by default. */
  {
    g_autofree char *path = write_tmp ("labels.json",
                                       "{\"labels\":[{\"a\":1}],\"runs\":[{\"command\":[\"a\"],"
                                       MINIMAL_SAMPLES ",\"exit\":{\"status\":0}}]}", -1);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GPtrArray) runs = NULL;
    g_auto(GStrv) labels = NULL;
    g_autoptr(GError) e = NULL;

    runs = mg_import_file_runs (file, &labels, &e);
    g_assert_no_error (e);
    g_assert_cmpuint (runs->len, ==, 1);
    g_assert_cmpstr (labels[0], !=, "");
  }
}

/* A CSV as spreadsheets save it: a UTF-8 byte-order mark and CRLF. */
static void
test_csv_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = import_text ("bom.csv",
                                            "\xef\xbb\xbftime_s,rss_bytes,vsz_bytes\r\n"
                                            "0.0,100,200\r\n0.1,150,250\r\n", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 2);
  g_assert_cmpuint (mg_recording_get_peak_rss (rec), ==, 150);
  g_assert_cmpuint (mg_recording_get_peak_vsz (rec), ==, 250);
}

/* Markers in any order come out in time order, those of one time in the
 * order saved: 20,000 in decreasing time, in pairs of one time. */
static void
test_markers_any_order (void)
{
  g_autoptr(GString) text = g_string_new ("{\"command\":[\"x\"]," MINIMAL_SAMPLES
                                          ",\"exit\":{\"status\":0},\"markers\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"time_s\":%u.5,\"label\":\"m%u\"}", i ? "," : "",
                            (n - 1 - i) / 2, i);
  g_string_append (text, "]}");
  rec = import_text ("markers.json", text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_markers (rec), ==, n);
  for (guint k = 0; k < n; k++)
    {
      const MgMarker *m = mg_recording_get_marker (rec, k);
      /* Position k holds time k / 2 + 0.5; the earlier saved of its pair first. */
      guint saved = n - 2 - (k / 2) * 2 + (k % 2);
      g_autofree char *label = g_strdup_printf ("m%u", saved);

      g_assert_cmpfloat (m->time_s, ==, k / 2 + 0.5);
      g_assert_cmpstr (m->label, ==, label);
    }
}

/* 100,000 unreadable entries, each pid saved twice and with both kinds:
 * repeats go, found through a hash set, not a scan per entry. */
static void
test_unreadable_repeats (void)
{
  g_autoptr(GString) text = g_string_new ("{\"command\":[\"x\"]," MINIMAL_SAMPLES
                                          ",\"exit\":{\"status\":0},\"unreadable\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;
  const guint n = 25000;

  for (guint i = 0; i < 4 * n; i++)
    g_string_append_printf (text, "%s{\"pid\":%u,\"what\":\"%s\"}", i ? "," : "",
                            1 + (i / 2) % n, i % 2 ? "pss" : "process");
  g_string_append (text, "]}");
  rec = import_text ("unreadable.json", text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_unreadable (rec), ==, 2 * n);
  for (guint i = 0; i < 2 * n; i++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (rec, i);

      g_assert_cmpint (u->pid, ==, 1 + i / 2);
      g_assert_cmpint (u->what, ==, i % 2 ? MG_UNREADABLE_PSS : MG_UNREADABLE_PROCESS);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/import/round-trip", test_round_trip);
  g_test_add_func ("/memgraph/import/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/memgraph/import/csv-fixture", test_csv_fixture);
  g_test_add_func ("/memgraph/import/malformed", test_malformed);
  g_test_add_func ("/memgraph/import/deep-nesting", test_deep_nesting);
  g_test_add_func ("/memgraph/import/wrong-kinds", test_wrong_kinds);
  g_test_add_func ("/memgraph/import/csv-bom", test_csv_bom);
  g_test_add_func ("/memgraph/import/markers-any-order", test_markers_any_order);
  g_test_add_func ("/memgraph/import/unreadable-repeats", test_unreadable_repeats);

  return g_test_run ();
}
