/* mg-bench-files.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What recordings cost to write and read: one line per figure, "name value
 * unit". Each figure of memory is the VmHWM of a process of its own (this
 * program run again with a task), so it is that task's whole peak: the
 * recording it holds and what writing or reading adds.
 *
 *   mg-bench-files                       every figure
 *   mg-bench-files export-json N FILE    build N samples, write them as JSON
 *   mg-bench-files export-csv N FILE     the same as CSV
 *   mg-bench-files import FILE           read a recording
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mg-export.h"
#include "mg-import.h"

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
self_hwm_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024;
}

/* N samples at 10 ms of a process whose memory walks in pages and now and
 * then jumps, with every kind of RSS: what a long run looks like. */
static MgRecording *
build (guint n)
{
  const char *argv[] = { "./server", NULL };
  MgRecording *rec = mg_recording_new (argv, "/srv", 0.01);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };
  GRand *rand = g_rand_new_with_seed (12);
  guint64 anon = 300 << 20, file = 40 << 20;

  for (guint i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 1000);
      MgSample s;

      if (r < 300)
        anon += 4096 * (guint64) g_rand_int_range (rand, 1, 64);
      else if (r < 600 && anon > (100 << 20))
        anon -= 4096 * (guint64) g_rand_int_range (rand, 1, 64);
      else if (r < 602)
        anon = (guint64) g_rand_int_range (rand, 100, 900) << 20;
      if (r % 10 == 0)
        file = (guint64) g_rand_int_range (rand, 30 << 8, 60 << 8) << 12;
      mg_sample_init (&s, (i * (gint64) 10000) / 1e6);
      s.anon_bytes = anon;
      s.file_bytes = file;
      s.shmem_bytes = 2 << 20;
      s.rss_bytes = anon + file + s.shmem_bytes;
      s.vsz_bytes = s.rss_bytes * 2 + (1 << 30);
      mg_recording_append_sample (rec, &s);
    }
  mg_recording_finish (rec, &exit_info, n / 100.0);
  g_rand_free (rand);
  return rec;
}

static int
task (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  double t0, seconds;

  if (argc == 4 && (g_str_equal (argv[1], "export-json") || g_str_equal (argv[1], "export-csv")))
    {
      g_autoptr(MgRecording) rec = build ((guint) g_ascii_strtoull (argv[2], NULL, 10));
      g_autoptr(GFile) file = g_file_new_for_path (argv[3]);

      t0 = now_s ();
      if (!mg_export_write (rec, file, g_str_equal (argv[1], "export-json") ? MG_EXPORT_JSON
                                                                          : MG_EXPORT_CSV,
                            NULL, 0, 0, &error))
        g_error ("%s", error->message);
      seconds = now_s () - t0;
    }
  else if (argc == 3 && g_str_equal (argv[1], "import"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(MgRecording) rec = NULL;

      t0 = now_s ();
      rec = mg_import_file (file, &error);
      if (rec == NULL)
        g_error ("%s", error->message);
      seconds = now_s () - t0;
      printf ("%u ", mg_recording_get_n_samples (rec) + mg_recording_get_n_markers (rec));
    }
  else
    {
      g_printerr ("usage: mg-bench-files [export-json|export-csv N FILE | import FILE]\n");
      return 2;
    }
  printf ("%.3f %.1f\n", seconds, self_hwm_mib ());
  return 0;
}

/* Runs this program with a task; returns what it printed. */
static char *
run (const char *self,
     const char *a,
     const char *b,
     const char *c)
{
  const char *argv[] = { self, a, b, c, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s %s: %s", a, b, error->message);
  return out;
}

static void
figure (const char *name,
        double      value,
        const char *unit)
{
  printf ("%s %.1f %s\n", name, value, unit);
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *markers = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GString) text = NULL;
  double seconds, hwm;
  guint n;
  FILE *f;

  if (argc > 1)
    return task (argc, argv);

  dir = g_dir_make_tmp ("memgraph-bench-XXXXXX", NULL);
  json = g_build_filename (dir, "3m.json", NULL);
  csv = g_build_filename (dir, "10m.csv", NULL);
  markers = g_build_filename (dir, "markers.json", NULL);

  /* 3 M samples written as JSON, then read. */
  out = run (argv[0], "export-json", "3000000", json);
  if (sscanf (out, "%lf %lf", &seconds, &hwm) != 2)
    g_error ("export-json: %s", out);
  figure ("export_json_peak_mib_3m", hwm, "MiB");
  figure ("export_json_ms_per_msample", seconds * 1000 / 3, "ms");
  g_free (out);
  out = run (argv[0], "import", json, NULL);
  if (sscanf (out, "%u %lf %lf", &n, &seconds, &hwm) != 3 || n != 3000000)
    g_error ("import: %s", out);
  figure ("import_json_peak_mib_3m", hwm, "MiB");
  figure ("import_json_ms_per_msample", seconds * 1000 / 3, "ms");
  g_unlink (json);

  /* 10 M rows of CSV, read. */
  g_free (out);
  out = run (argv[0], "export-csv", "10000000", csv);
  g_free (out);
  out = run (argv[0], "import", csv, NULL);
  if (sscanf (out, "%u %lf %lf", &n, &seconds, &hwm) != 3 || n != 10000000)
    g_error ("import csv: %s", out);
  figure ("import_csv_peak_mib_10m", hwm, "MiB");
  figure ("import_csv_ms_per_msample", seconds * 1000 / 10, "ms");
  g_unlink (csv);

  /* 1,000,000 markers in decreasing time. */
  text = g_string_new ("{\"command\":[\"x\"],\"samples\":{\"time_s\":[0],\"rss_bytes\":[1],"
                       "\"vsz_bytes\":[1]},\"exit\":{\"status\":0},\"markers\":[");
  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "%s{\"time_s\":%u.5,\"label\":\"m\"}", i ? "," : "",
                            1000000 - i);
  g_string_append (text, "]}");
  f = fopen (markers, "w");
  if (f == NULL || fwrite (text->str, 1, text->len, f) != text->len || fclose (f) != 0)
    g_error ("could not write %s", markers);
  g_free (out);
  out = run (argv[0], "import", markers, NULL);
  if (sscanf (out, "%u %lf %lf", &n, &seconds, &hwm) != 3 || n != 1000001)
    g_error ("import markers: %s", out);
  figure ("import_markers_1m_decreasing_s", seconds, "s");
  g_unlink (markers);
  g_rmdir (dir);
  return 0;
}
