/* test-units.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>

#include "mg-units.h"

static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (mg_nice_step (100, 5), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (300, 5), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (12.3, 5), 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (1, 5), 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (0.07, 5), 0.02, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (0, 5), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (mg_nice_step (NAN, 5), 1, 1e-9);
}

static void
test_axis_bytes (void)
{
  MgAxis axis;
  g_autofree char *label = NULL;

  mg_axis_for_bytes (&axis, 315.0 * 1024 * 1024);
  g_assert_cmpstr (axis.unit, ==, "MiB");
  g_assert_cmpfloat_with_epsilon (axis.step, 100.0 * 1024 * 1024, 1);
  g_assert_cmpfloat_with_epsilon (axis.max, 400.0 * 1024 * 1024, 1);
  label = mg_axis_format_tick (&axis, 200.0 * 1024 * 1024);
  g_assert_cmpstr (label, ==, "200 MiB");
  g_clear_pointer (&label, g_free);

  mg_axis_for_bytes (&axis, 1.5 * 1024 * 1024 * 1024);
  g_assert_cmpstr (axis.unit, ==, "GiB");
  g_assert_cmpfloat_with_epsilon (axis.step, 0.5 * 1024 * 1024 * 1024, 1);
  label = mg_axis_format_tick (&axis, 0.5 * 1024 * 1024 * 1024);
  g_assert_cmpstr (label, ==, "0.5 GiB");
  g_clear_pointer (&label, g_free);

  mg_axis_for_bytes (&axis, 700 * 1024);
  g_assert_cmpstr (axis.unit, ==, "KiB");
  mg_axis_for_bytes (&axis, 100);
  g_assert_cmpstr (axis.unit, ==, "B");
  mg_axis_for_bytes (&axis, 0);
  g_assert_cmpfloat (axis.max, >, 0);
}

static void
test_axis_seconds (void)
{
  MgAxis axis;
  g_autofree char *label = NULL;

  mg_axis_for_seconds (&axis, 12.3);
  g_assert_cmpstr (axis.unit, ==, "s");
  g_assert_cmpfloat_with_epsilon (axis.step, 2.5, 1e-9);
  label = mg_axis_format_tick (&axis, 7.5);
  g_assert_cmpstr (label, ==, "7.5 s");
  g_clear_pointer (&label, g_free);

  mg_axis_for_seconds (&axis, 600);
  g_assert_cmpstr (axis.unit, ==, "min");
  g_assert_cmpfloat_with_epsilon (axis.step, 120, 1e-9);
  label = mg_axis_format_tick (&axis, 240);
  g_assert_cmpstr (label, ==, "4 min");
  g_clear_pointer (&label, g_free);

  mg_axis_for_seconds (&axis, 5 * 3600);
  g_assert_cmpstr (axis.unit, ==, "h");
  label = mg_axis_format_tick (&axis, 3600);
  g_assert_cmpstr (label, ==, "1 h");
}

static void
test_format (void)
{
  struct { double s; const char *text; } durations[] = {
    { 0.25, "0.25 s" },
    { 12.34, "12.3 s" },
    { 59.99, "59.9 s" },
    { 125, "2 min 05 s" },
    { 3725, "1 h 02 min" },
    { -1, "0.00 s" },
  };
  g_autofree char *size = mg_format_bytes (300 * 1024 * 1024);

  /* g_format_size() keeps number and unit together with a no-break space. */
  g_assert_cmpstr (size, ==, "300.0\u00a0MiB");
  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *text = mg_format_duration (durations[i].s);
      g_assert_cmpstr (text, ==, durations[i].text);
    }
}

static void
test_signal_name (void)
{
  g_assert_cmpstr (mg_signal_name (SIGKILL), ==, "SIGKILL");
  g_assert_cmpstr (mg_signal_name (SIGSEGV), ==, "SIGSEGV");
  g_assert_cmpstr (mg_signal_name (SIGTERM), ==, "SIGTERM");
  g_assert_cmpstr (mg_signal_name (0), ==, "SIG?");
  g_assert_cmpstr (mg_signal_name (1000), ==, "SIG?");
}

/* A range whose ends read alike in IEC units is said in MiB; one whose
 * ends differ keeps its units. */
static void
test_format_range (void)
{
  const guint64 mib = 1024 * 1024;
  struct { guint64 low, high; const char *low_text, *high_text; } cases[] = {
    { 2151 * mib + 400 * 1024, 2163 * mib, "2151.4\u00a0MiB", "2163.0\u00a0MiB" },
    { 300 * mib, 310 * mib, "300.0\u00a0MiB", "310.0\u00a0MiB" },
    { 1536 * mib, 3 * 1024 * mib, "1.5\u00a0GiB", "3.0\u00a0GiB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;

      mg_format_bytes_range (cases[i].low, cases[i].high, &low, &high);
      g_assert_cmpstr (low, ==, cases[i].low_text);
      g_assert_cmpstr (high, ==, cases[i].high_text);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/units/nice-step", test_nice_step);
  g_test_add_func ("/memgraph/units/axis-bytes", test_axis_bytes);
  g_test_add_func ("/memgraph/units/axis-seconds", test_axis_seconds);
  g_test_add_func ("/memgraph/units/format", test_format);
  g_test_add_func ("/memgraph/units/format-range", test_format_range);
  g_test_add_func ("/memgraph/units/signal-name", test_signal_name);

  return g_test_run ();
}
