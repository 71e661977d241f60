/* test-options.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line of memgraph-gtk and the start page's command entry.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mg-command.h"
#include "mg-options.h"

static gboolean
parse (MgOptions   *options,
       const char  *line,
       GError     **error)
{
  g_auto(GStrv) argv = NULL;
  int argc;

  g_assert_true (g_shell_parse_argv (line, &argc, &argv, NULL));
  return mg_options_parse (options, argc, argv, error);
}

static void
test_command_after_dashes (void)
{
  g_auto(MgOptions) o = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (&o, "memgraph-gtk -i 0.5 -o a.png -o b.json -- ./raytracer -i 3 --", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (o.interval_s, ==, 0.5);
  g_assert_true (o.interval_set);
  g_assert_cmpuint (g_strv_length (o.outputs), ==, 2);
  g_assert_cmpstr (o.outputs[1], ==, "b.json");
  /* The command's own options, and a second "--", are its own. */
  g_assert_cmpuint (g_strv_length (o.command), ==, 4);
  g_assert_cmpstr (o.command[0], ==, "./raytracer");
  g_assert_cmpstr (o.command[1], ==, "-i");
  g_assert_cmpstr (o.command[3], ==, "--");
}

static void
test_command_without_dashes (void)
{
  g_auto(MgOptions) o = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse (&o, "memgraph-gtk --no-window ls -l", &error));
  g_assert_true (o.no_window);
  g_assert_cmpuint (g_strv_length (o.command), ==, 2);
  g_assert_cmpstr (o.command[1], ==, "-l");
  g_assert_cmpfloat (o.interval_s, ==, MG_INTERVAL_DEFAULT);
  g_assert_false (o.interval_set);
}

static void
test_nothing (void)
{
  g_auto(MgOptions) o = { 0 };

  g_assert_true (parse (&o, "memgraph-gtk", NULL));
  g_assert_null (o.command);
  g_assert_false (o.no_window);
}

static void
test_directory (void)
{
  g_auto(MgOptions) o = { 0 };

  g_assert_true (parse (&o, "memgraph-gtk -C /tmp/. -- true", NULL));
  g_assert_cmpstr (o.directory, ==, "/tmp");
}

static void
test_bad (void)
{
  const char *lines[] = {
    "memgraph-gtk -i 0 -- true",
    "memgraph-gtk -i 61 -- true",
    "memgraph-gtk -i fast -- true",
    "memgraph-gtk --interval=0.0001 -- true",
    "memgraph-gtk -o graph.gif -- true",
    "memgraph-gtk --no-window",
    "memgraph-gtk --frobnicate -- true",
    "memgraph-gtk -C /nonexistent/dir -- true",
    "memgraph-gtk stray -- true",
    "memgraph-gtk --",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto(MgOptions) o = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", lines[i]);
      g_assert_false (parse (&o, lines[i], &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_command_entry (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = mg_command_parse ("./raytracer 'my scene.obj' --threads=\"4\"", &error);
  GStrv bad;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (argv), ==, 3);
  g_assert_cmpstr (argv[1], ==, "my scene.obj");
  g_assert_cmpstr (argv[2], ==, "--threads=4");

  bad = mg_command_parse ("./raytracer 'unbalanced", &error);
  g_assert_null (bad);
  g_assert_error (error, MG_COMMAND_ERROR, MG_COMMAND_ERROR_QUOTING);
  g_assert_nonnull (strstr (error->message, "unbalanced quote"));
  g_clear_error (&error);

  bad = mg_command_parse ("   ", &error);
  g_assert_null (bad);
  g_assert_error (error, MG_COMMAND_ERROR, MG_COMMAND_ERROR_EMPTY);
}

/* -i takes what the man page says: a decimal number of seconds from 0.001
 * to 60; -1 is no longer "not given". */
static void
test_interval_values (void)
{
  static const char * const refused[] = {
    "-1", "0", "0.0005", "60.5", "abc", "1e-3", "inf", "nan", "0x1p-3", "' 0.5'", "0.5s",
    "''", ".", "1..2", "+1",
  };
  static const struct { const char *text; double value; } accepted[] = {
    { "0.001", 0.001 }, { "0.5", 0.5 }, { "60", 60 }, { ".25", 0.25 }, { "2.", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(MgOptions) o = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_strdup_printf ("memgraph-gtk -i %s -- true", refused[i]);
      g_autofree char *unquoted = NULL;
      g_autofree char *want = NULL;

      g_assert_false (parse (&o, line, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      unquoted = g_shell_unquote (refused[i], NULL);
      want = g_strdup_printf ("--interval takes a number of seconds from 0.001 to 60, such as "
                              "0.5, not “%s”", unquoted);
      g_assert_cmpstr (error->message, ==, want);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_auto(MgOptions) o = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_strdup_printf ("memgraph-gtk -i %s -- true", accepted[i].text);

      g_assert_true (parse (&o, line, &error));
      g_assert_no_error (error);
      g_assert_true (o.interval_set);
      g_assert_cmpfloat (o.interval_s, ==, accepted[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/options/interval-values", test_interval_values);
  g_test_add_func ("/memgraph/options/command-after-dashes", test_command_after_dashes);
  g_test_add_func ("/memgraph/options/command-without-dashes", test_command_without_dashes);
  g_test_add_func ("/memgraph/options/nothing", test_nothing);
  g_test_add_func ("/memgraph/options/directory", test_directory);
  g_test_add_func ("/memgraph/options/bad", test_bad);
  g_test_add_func ("/memgraph/options/command-entry", test_command_entry);

  return g_test_run ();
}
