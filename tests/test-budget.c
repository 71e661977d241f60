/* test-budget.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Budgets for CI: sizes and percentages as given on the command line, the
 * verdict on exact, ranged and lower-bound peaks, and memgraph-gtk
 * --no-window --max-rss / --baseline on workloads of known size.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mg-budget.h"
#include "mg-recording.h"
#include "mg-test-util.h"

static void
test_parse_size (void)
{
  static const struct { const char *text; guint64 bytes; } good[] = {
    { "500MiB", 500 * 1048576ull },
    { "500MB", 500000000ull },
    { "1.5GiB", 1610612736ull },
    { "1.5GB", 1500000000ull },
    { "500M", 500 * 1048576ull },
    { "500m", 500 * 1048576ull },
    { "500 MiB", 500 * 1048576ull },
    { "64k", 65536 },
    { "64kB", 64000 },
    { "2T", 2199023255552ull },
    { "4096", 4096 },
    { "4096B", 4096 },
  };
  static const char *bad[] = {
    "", "MiB", "-5M", "+5M", "0", "0M", "5 ", "5  MiB", "5.M", ".5M", "5..5M", "5Mi", "5MiBs",
    "5 PiB", "1e3", "inf", "nan", "99999999999T", "5,5M",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint64 bytes = 0;

      g_test_message ("%s", good[i].text);
      g_assert_true (mg_parse_size (good[i].text, &bytes));
      g_assert_cmpuint (bytes, ==, good[i].bytes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      guint64 bytes = 7;

      g_test_message ("%s", bad[i]);
      g_assert_false (mg_parse_size (bad[i], &bytes));
      g_assert_cmpuint (bytes, ==, 7);
    }
}

static void
test_parse_percent (void)
{
  double pct = -1;

  g_assert_true (mg_parse_percent ("5", &pct));
  g_assert_cmpfloat (pct, ==, 5);
  g_assert_true (mg_parse_percent ("2.5%", &pct));
  g_assert_cmpfloat (pct, ==, 2.5);
  g_assert_true (mg_parse_percent ("0", &pct));
  g_assert_cmpfloat (pct, ==, 0);
  g_assert_false (mg_parse_percent ("-5", &pct));
  g_assert_false (mg_parse_percent ("5 %", &pct));
  g_assert_false (mg_parse_percent ("five", &pct));
  g_assert_false (mg_parse_percent ("200000", &pct));
  g_assert_cmpfloat (pct, ==, 0);
}

/* A finished recording whose peak is @low, exact when @high == @low, a
 * range up to @high, or a lower bound only when @high is 0. */
static MgRecording *
recording_with_peak (guint64 low,
                     guint64 high)
{
  const char *argv[] = { "true", NULL };
  MgRecording *rec = mg_recording_new (argv, "/", 0.1);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

  mg_recording_append (rec, 0.0, low / 2, low);
  mg_recording_append (rec, 0.1, low, low);
  mg_recording_append (rec, 0.2, 0, 0);
  mg_recording_restore_peak_range (rec, high == 0, high == 0 ? -1 : (gint64) high);
  mg_recording_finish (rec, &exit_info, 0.2);
  return rec;
}

static void
test_verdicts (void)
{
  g_autoptr(MgRecording) exact = recording_with_peak (512 * 1048576ull, 512 * 1048576ull);
  g_autoptr(MgRecording) range = recording_with_peak (490 * 1048576ull, 510 * 1048576ull);
  g_autoptr(MgRecording) bound = recording_with_peak (490 * 1048576ull, 0);
  g_autoptr(MgRecording) bound_over = recording_with_peak (510 * 1048576ull, 0);
  guint64 budget = 500 * 1048576ull;
  char *message = NULL;

  g_assert_true (mg_recording_get_peak_is_exact (exact));

  g_assert_cmpint (mg_budget_check_rss (exact, budget, &message), ==, MG_BUDGET_OVER);
  g_assert_cmpstr (message, ==, "peak RSS 512.0\u00a0MiB is over the budget of 500.0\u00a0MiB");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (mg_budget_check_rss (exact, 512 * 1048576ull, &message), ==, MG_BUDGET_UNDER);
  g_assert_cmpstr (message, ==, "peak RSS 512.0\u00a0MiB is within the budget of 512.0\u00a0MiB");
  g_clear_pointer (&message, g_free);

  /* A range across the budget, and a lower bound under it: may be over. */
  g_assert_cmpint (mg_budget_check_rss (range, budget, &message), ==, MG_BUDGET_MAYBE);
  g_assert_cmpstr (message, ==, "peak RSS between 490.0\u00a0MiB and 510.0\u00a0MiB may be over "
                   "the budget of 500.0\u00a0MiB: only a bound of the peak is known");
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (mg_budget_check_rss (range, 510 * 1048576ull, &message), ==, MG_BUDGET_UNDER);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (mg_budget_check_rss (range, 480 * 1048576ull, &message), ==, MG_BUDGET_OVER);
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (mg_budget_check_rss (bound, budget, &message), ==, MG_BUDGET_MAYBE);
  g_assert_cmpstr (message, ==, "peak RSS at least 490.0\u00a0MiB may be over the budget of "
                   "500.0\u00a0MiB: only a bound of the peak is known");
  g_clear_pointer (&message, g_free);
  /* "At least" and already over: over. */
  g_assert_cmpint (mg_budget_check_rss (bound_over, budget, &message), ==, MG_BUDGET_OVER);
  g_assert_cmpstr (message, ==, "peak RSS at least 510.0\u00a0MiB is over the budget of "
                   "500.0\u00a0MiB");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (mg_budget_status (MG_BUDGET_UNDER), ==, 0);
  g_assert_cmpint (mg_budget_status (MG_BUDGET_OVER), ==, 3);
  g_assert_cmpint (mg_budget_status (MG_BUDGET_MAYBE), ==, 4);
}

static void
test_baseline_verdicts (void)
{
  g_autoptr(MgRecording) rec = recording_with_peak (330 * 1048576ull, 330 * 1048576ull);
  g_autoptr(MgRecording) less = recording_with_peak (297 * 1048576ull, 297 * 1048576ull);
  char *message = NULL;

  g_assert_cmpint (mg_budget_check_baseline (rec, 300 * 1048576ull, "base.json", 5, &message), ==,
                   MG_BUDGET_OVER);
  g_assert_cmpstr (message, ==, "peak RSS 330.0\u00a0MiB is 10.0 % over the baseline’s "
                   "300.0\u00a0MiB (base.json): more than the 5 % allowed (limit 315.0\u00a0MiB)");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (mg_budget_check_baseline (rec, 300 * 1048576ull, "base.json", 10, &message), ==,
                   MG_BUDGET_UNDER);
  g_assert_cmpstr (message, ==, "peak RSS 330.0\u00a0MiB is 10.0 % over the baseline’s "
                   "300.0\u00a0MiB (base.json), within the 10 % allowed (limit 330.0\u00a0MiB)");
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (mg_budget_check_baseline (less, 300 * 1048576ull, "b.json", 0, &message), ==,
                   MG_BUDGET_UNDER);
  g_assert_cmpstr (message, ==, "peak RSS 297.0\u00a0MiB is 1.0 % under the baseline’s "
                   "300.0\u00a0MiB (b.json), within the 0 % allowed (limit 300.0\u00a0MiB)");
  g_clear_pointer (&message, g_free);
}

typedef struct
{
  int   status;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->err, g_free);
}

static void
run_memgraph (Result             *r,
              const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("MG_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("status %d, stderr: %s", r->status, r->err);
}

/* The line of stderr that begins with @prefix, without "memgraph-gtk: ". */
static char *
line_of (const char *err,
         const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "memgraph-gtk: ") &&
        g_str_has_prefix (lines[i] + strlen ("memgraph-gtk: "), prefix))
      return g_strdup (lines[i] + strlen ("memgraph-gtk: "));
  return NULL;
}

/* The budget of a batch run of a workload holding 60 MiB: over at 50 MiB
 * (status 3), within at 200 MiB (status 0). */
static void
test_batch_max_rss (void)
{
  Result r = { 0 };
  const char *over[] = { "--no-window", "--max-rss", "50MiB", "--", mg_test_workload (), "hold",
                         "60", "0.5", NULL };
  const char *under[] = { "--no-window", "--max-rss=200M", "--", mg_test_workload (), "hold",
                          "60", "0.5", NULL };
  const char *failed[] = { "--no-window", "--max-rss", "1MB", "--", mg_test_workload (), "exit",
                           "5", NULL };
  g_autofree char *line = NULL;
  double peak_mib;

  run_memgraph (&r, over);
  g_assert_cmpint (r.status, ==, MG_BUDGET_STATUS_OVER);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, " is over the budget of 50.0\u00a0MiB"));
  /* The figure itself: the workload's 60 MiB and a little of its own. */
  peak_mib = g_ascii_strtod (line + strlen ("peak RSS "), NULL);
  if (g_str_has_prefix (line, "peak RSS at least "))
    peak_mib = g_ascii_strtod (line + strlen ("peak RSS at least "), NULL);
  g_assert_cmpfloat (peak_mib, >=, 60);
  g_assert_cmpfloat (peak_mib, <, 66);
  g_clear_pointer (&line, g_free);
  result_clear (&r);

  run_memgraph (&r, under);
  g_assert_cmpint (r.status, ==, 0);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, " is within the budget of 200.0\u00a0MiB"));
  g_clear_pointer (&line, g_free);
  result_clear (&r);

  /* The command's own failure is not hidden behind the budget. */
  run_memgraph (&r, failed);
  g_assert_cmpint (r.status, ==, 5);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, " is over the budget of 976.6\u00a0KiB"));
  result_clear (&r);
}

/* A baseline of 40 MiB saved by one run; a run of 60 MiB is 50 % over it. */
static void
test_batch_baseline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("memgraph-budget-XXXXXX", NULL);
  g_autofree char *base = g_build_filename (dir, "base.json", NULL);
  g_autofree char *line = NULL;
  g_autofree char *expected_end = NULL;
  Result r = { 0 };
  const char *first[] = { "--no-window", "-o", base, "--", mg_test_workload (), "hold", "40",
                          "0.5", NULL };
  const char *over[] = { "--no-window", "--baseline", base, "--max-increase", "20%", "--",
                         mg_test_workload (), "hold", "60", "0.5", NULL };
  const char *under[] = { "--no-window", "--baseline", base, "--max-increase", "80", "--",
                          mg_test_workload (), "hold", "60", "0.5", NULL };
  const char *saved[] = { "--no-window", "--baseline", base, "--max-increase", "0", base, NULL };
  double base_mib, increase;
  const char *p;

  run_memgraph (&r, first);
  g_assert_cmpint (r.status, ==, 0);
  result_clear (&r);

  run_memgraph (&r, over);
  g_assert_cmpint (r.status, ==, MG_BUDGET_STATUS_OVER);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  /* "peak RSS 61.9 MiB is 50.1 % over the baseline’s 41.2 MiB (PATH): more
   * than the 20 % allowed (limit 49.5 MiB)" */
  p = strstr (line, " is ");
  g_assert_nonnull (p);
  increase = g_ascii_strtod (p + 4, NULL);
  g_assert_cmpfloat (increase, >, 35);
  g_assert_cmpfloat (increase, <, 60);
  p = strstr (line, "% over the baseline’s ");
  g_assert_nonnull (p);
  base_mib = g_ascii_strtod (p + strlen ("% over the baseline’s "), NULL);
  g_assert_cmpfloat (base_mib, >=, 40);
  g_assert_cmpfloat (base_mib, <, 46);
  expected_end = g_strdup_printf ("(%s): more than the 20 %% allowed (limit %.1f\u00a0MiB)", base,
                                  base_mib * 1.2);
  g_test_message ("expected end: %s", expected_end);
  /* The limit is 1.2 × the baseline's figure, give or take its rounding. */
  g_assert_nonnull (strstr (line, "): more than the 20 % allowed (limit "));
  {
    double limit = g_ascii_strtod (strstr (line, "(limit ") + strlen ("(limit "), NULL);

    g_assert_cmpfloat (fabs (limit - base_mib * 1.2), <, 0.2);
  }
  g_clear_pointer (&line, g_free);
  result_clear (&r);

  run_memgraph (&r, under);
  g_assert_cmpint (r.status, ==, 0);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "within the 80 % allowed"));
  g_clear_pointer (&line, g_free);
  result_clear (&r);

  /* A saved recording checked again against itself: 0.0 % over. */
  run_memgraph (&r, saved);
  g_assert_cmpint (r.status, ==, 0);
  line = line_of (r.err, "peak RSS ");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, " is 0.0 % over the baseline’s "));
  result_clear (&r);

  g_unlink (base);
  g_rmdir (dir);
}

/* Sizes, percentages and baselines that are refused, with what to give. */
static void
test_batch_refused (void)
{
  static const struct { const char *args[8]; const char *message; } cases[] = {
    { { "--no-window", "--max-rss", "lots", "--", "true", NULL },
      "--max-rss takes a size with a unit, such as 500MiB, 500MB or 1.5GiB (K, M, G alone are "
      "KiB, MiB, GiB), not “lots”" },
    { { "--no-window", "--max-rss", "-5M", "--", "true", NULL },
      "--max-rss takes a size with a unit, such as 500MiB, 500MB or 1.5GiB (K, M, G alone are "
      "KiB, MiB, GiB), not “-5M”" },
    { { "--no-window", "--max-rss", "0", "--", "true", NULL },
      "--max-rss takes a size with a unit, such as 500MiB, 500MB or 1.5GiB (K, M, G alone are "
      "KiB, MiB, GiB), not “0”" },
    { { "--no-window", "--baseline", "base.json", "--max-increase", "x", "--", "true", NULL },
      "--max-increase takes a percentage, such as 5 or 2.5%, not “x”" },
    { { "--no-window", "--baseline", "base.json", "--", "true", NULL },
      "--baseline and --max-increase go together: --baseline base.json --max-increase 5" },
    { { "--baseline", "base.json", "--max-increase", "5", "--", "true", NULL },
      "--baseline is checked in batch mode: add --no-window" },
    { { "--no-window", "--baseline", "/nonexistent/base.json", "--max-increase", "5", "--", "true",
        NULL },
      "Cannot read the baseline: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = { 0 };

      run_memgraph (&r, cases[i].args);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].message));
      /* Nothing ran: no summary line. */
      g_assert_null (strstr (r.err, "samples; command:"));
      result_clear (&r);
    }
}

/* Batch mode draws the budget on the images it writes: one dashed row at
 * the budget's height (80 MiB on an axis that holds the 120 MiB peak). */
static void
test_batch_budget_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mg-budget-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "run.png", NULL);
  const char *args[] = { "--no-window", "--max-rss", "80MiB", "-i", "0.05", "-o", png, "--",
                         mg_test_workload (), "hold", "120", "0.6", NULL };
  cairo_surface_t *surface;
  MgPlotStyle style;
  Result r = { 0 };
  int w, h, row = -1;
  guint rows = 0;

  run_memgraph (&r, args);
  g_assert_cmpint (r.status, ==, MG_BUDGET_STATUS_OVER);
  result_clear (&r);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  mg_plot_style_init (&style, FALSE);
  for (int y = 0; y < h; y++)
    if (mg_test_count_color (surface, &style.budget, 0, y, w, y + 1) > (guint) w / 2)
      {
        rows++;
        row = y;
      }
  g_assert_cmpuint (rows, ==, 1);
  /* Below the middle of the image, above its lowest quarter: 80 of an axis
   * of 150 or 200 MiB. */
  g_assert_cmpint (row, >, h / 4);
  g_assert_cmpint (row, <, h * 3 / 4);
  cairo_surface_destroy (surface);
  g_unlink (png);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/budget/parse-size", test_parse_size);
  g_test_add_func ("/memgraph/budget/parse-percent", test_parse_percent);
  g_test_add_func ("/memgraph/budget/verdicts", test_verdicts);
  g_test_add_func ("/memgraph/budget/baseline-verdicts", test_baseline_verdicts);
  g_test_add_func ("/memgraph/budget/batch-max-rss", test_batch_max_rss);
  g_test_add_func ("/memgraph/budget/batch-baseline", test_batch_baseline);
  g_test_add_func ("/memgraph/budget/batch-refused", test_batch_refused);
  g_test_add_func ("/memgraph/budget/batch-budget-line", test_batch_budget_line);
  return g_test_run ();
}
