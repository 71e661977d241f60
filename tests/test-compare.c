/* test-compare.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Comparing runs: the differences in words and numbers, and the overlay.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "mg-compare.h"
#include "mg-export.h"
#include "mg-import.h"
#include "mg-test-util.h"

static MgRecording *
run_of (const char *arg,
        double      peak_mib,
        double      duration)
{
  const char *argv[] = { "./raytracer", arg, NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.1);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

  for (guint i = 0; i <= 10; i++)
    mg_recording_append (rec, duration * i / 10, (guint64) (peak_mib * MIB * MIN (i, 5) / 5),
                         (guint64) (2 * peak_mib * MIB));
  mg_recording_finish (rec, &exit_info, duration);
  /* One process, whose exact peak the kernel gave. */
  mg_recording_restore_peak (rec, (guint64) (peak_mib * MIB), MG_PEAK_RU_MAXRSS, TRUE, -1, -1);
  return rec;
}

/* Peaks known only as lower bounds are said so, and so is their
 * difference. */
static void
test_lower_bounds (void)
{
  g_autoptr(MgRecording) doubles = run_of ("--doubles", 824, 10.0);
  g_autoptr(MgRecording) floats = run_of ("--floats", 412, 8.0);
  g_auto(GStrv) lines = NULL;
  MgRecording *runs[] = { doubles, floats };
  const char *labels[] = { "doubles", "floats" };

  mg_recording_restore_peak (floats, 412 * MIB, MG_PEAK_SAMPLED, FALSE, -1, -1);
  lines = mg_compare_summary (runs, labels, 2);
  g_assert_cmpstr (lines[0], ==, "doubles: 824.0\u00a0MiB in 10.0 s");
  g_assert_cmpstr (lines[1], ==,
                   "floats: at least 412.0\u00a0MiB, \u2212412.0\u00a0MiB between the lower ends "
                   "(\u221250 %) vs doubles; 8.0 s, \u22122.0 s (\u221220 %)");
}

static void
test_lines (void)
{
  g_autoptr(MgRecording) doubles = run_of ("--doubles", 824, 10.0);
  g_autoptr(MgRecording) floats = run_of ("--floats", 412, 8.0);
  g_autoptr(MgRecording) bigger = run_of ("--quads", 1030, 10.0);
  MgRecording *runs[] = { doubles, floats, bigger };
  const char *labels[] = { "doubles", "floats", "quads" };
  g_auto(GStrv) lines = mg_compare_summary (runs, labels, 3);

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "doubles: 824.0\u00a0MiB in 10.0 s");
  /* U+2212 for minus, a rounded percentage, the difference in duration. */
  g_assert_cmpstr (lines[1], ==,
                   "floats: 412.0\u00a0MiB, \u2212412.0\u00a0MiB (\u221250 %) vs doubles; "
                   "8.0 s, \u22122.0 s (\u221220 %)");
  g_assert_cmpstr (lines[2], ==,
                   "quads: 1.0\u00a0GiB, +206.0\u00a0MiB (+25 %) vs doubles; 10.0 s, +0.00 s (±0 %)");
}

static void
test_signed_bytes (void)
{
  g_autofree char *minus = mg_compare_signed_bytes (-96 * 1024 * 1024);
  g_autofree char *plus = mg_compare_signed_bytes (1024);
  g_autofree char *zero = mg_compare_signed_bytes (0);

  g_assert_cmpstr (minus, ==, "\u221296.0\u00a0MiB");
  g_assert_cmpstr (plus, ==, "+1.0\u00a0KiB");
  g_assert_cmpstr (zero, ==, "±0 bytes");
}

static void
test_default_label (void)
{
  g_autoptr(MgRecording) rec = run_of ("x", 1, 1);
  g_autofree char *from_file = mg_compare_default_label (rec, "/home/u/doubles.json", 0);
  g_autofree char *numbered = mg_compare_default_label (rec, NULL, 2);

  g_assert_cmpstr (from_file, ==, "doubles");
  g_assert_cmpstr (numbered, ==, "run 3");
}

/* The overlay PNG has both runs in their colours; the comparison JSON
 * reopens as the same runs with their labels. */
static void
test_overlay_and_round_trip (void)
{
  g_autoptr(MgRecording) doubles = run_of ("--doubles", 800, 10.0);
  g_autoptr(MgRecording) floats = run_of ("--floats", 400, 10.0);
  MgRecording *runs[] = { doubles, floats };
  const char *labels[] = { "doubles", "floats" };
  g_autofree char *dir = g_dir_make_tmp ("memgraph-compare-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "compare.png", NULL);
  g_autofree char *json = g_build_filename (dir, "compare.json", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) json_file = g_file_new_for_path (json);
  g_autoptr(GPtrArray) reopened = NULL;
  g_auto(GStrv) reopened_labels = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  MgPlotStyle style;

  mg_plot_style_init (&style, FALSE);
  g_assert_true (mg_export_compare_write (runs, labels, 2, png_file, MG_EXPORT_PNG, &style, 1200,
                                          700, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpuint (mg_test_count_color (surface, mg_plot_run_color (&style, 0), 0, 0, 1200, 700),
                    >, 500);
  g_assert_cmpuint (mg_test_count_color (surface, mg_plot_run_color (&style, 1), 0, 0, 1200, 700),
                    >, 500);
  cairo_surface_destroy (surface);

  g_assert_true (mg_export_compare_write (runs, labels, 2, json_file, MG_EXPORT_JSON, &style, 1200,
                                          700, &error));
  reopened = mg_import_file_runs (json_file, &reopened_labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reopened->len, ==, 2);
  g_assert_cmpstrv (reopened_labels, ((const char *[]) { "doubles", "floats", NULL }));
  g_assert_cmpuint (mg_recording_get_peak_rss (g_ptr_array_index (reopened, 1)), ==,
                    mg_recording_get_peak_rss (floats));

  g_unlink (png);
  g_unlink (json);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/compare/lines", test_lines);
  g_test_add_func ("/memgraph/compare/lower-bounds", test_lower_bounds);
  g_test_add_func ("/memgraph/compare/signed-bytes", test_signed_bytes);
  g_test_add_func ("/memgraph/compare/default-label", test_default_label);
  g_test_add_func ("/memgraph/compare/overlay-and-round-trip", test_overlay_and_round_trip);

  return g_test_run ();
}
