/* mg-options.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * memgraph-gtk [OPTION…] [-- COMMAND [ARG…]]
 */
#include "config.h"

#include "mg-options.h"
#include "mg-export.h"
#include "mg-budget.h"

#include <glib/gi18n.h>
#include <string.h>

/* What the man page says -i takes: a decimal number of seconds (digits,
 * at most one point), from MG_INTERVAL_MIN to MG_INTERVAL_MAX. No sign, no
 * exponent, no "inf" or "nan", nothing after it. */
static gboolean
parse_interval (const char *text,
                double     *out)
{
  gboolean digits = FALSE, point = FALSE;
  double value;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (g_ascii_isdigit (*c))
        digits = TRUE;
      else if (*c == '.' && !point)
        point = TRUE;
      else
        return FALSE;
    }
  if (!digits)
    return FALSE;
  value = g_ascii_strtod (text, NULL);
  if (!(value >= MG_INTERVAL_MIN && value <= MG_INTERVAL_MAX))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
follow_set_value (gboolean follow,
                  gboolean no_follow)
{
  if (follow)
    return TRUE;
  if (no_follow)
    return FALSE;
  return MG_FOLLOW_DEFAULT;
}

/**
 * mg_options_parse:
 * @options: (out caller-allocates): filled in; clear with mg_options_clear()
 * @argc: number of arguments
 * @argv: the program's arguments; not modified
 * @error: return location for a #GError with a message for the person
 *
 * Everything after the first "--", or after the first argument that is not
 * an option, is the command: its own options are never read as ours.
 *
 * Returns: %TRUE when the arguments make sense
 */
gboolean
mg_options_parse (MgOptions  *options,
                  int         argc,
                  char      **argv,
                  GError    **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) ours = g_ptr_array_new ();
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *directory = NULL;
  g_autofree char *size = NULL;
  g_autofree char *style = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *max_rss = NULL;
  g_autofree char *max_increase = NULL;
  g_auto(GStrv) pids = NULL;
  gboolean follow = FALSE, no_follow = FALSE;
  char **parse_argv;
  int parse_argc;
  int split = argc;
  GOptionEntry entries[] = {
    { "interval", 'i', 0, G_OPTION_ARG_STRING, &interval,
      N_("Time between samples, a number of seconds from 0.001 to 60 (default 0.1)"),
      N_("SECONDS") },
    { "directory", 'C', 0, G_OPTION_ARG_FILENAME, &directory,
      N_("Run the command in DIR"), N_("DIR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME_ARRAY, &options->outputs,
      N_("Write FILE (.png, .svg, .pdf, .csv, .json or .jsonl) when the command ends, or a .jsonl stream as it runs; may be repeated"), N_("FILE") },
    { "catch-spikes", 0, 0, G_OPTION_ARG_NONE, &options->catch_spikes,
      N_("Reset each process’s high-water mark after every sample, so that the highest RSS "
         "between two samples is exact (changes what the command’s own getrusage() reports)"), NULL },
    { "follow", 0, 0, G_OPTION_ARG_NONE, &follow,
      N_("Follow every process from its fork to its exit (traced: set-user-ID programs run "
         "without their privileges, debuggers cannot attach); the default"), NULL },
    { "no-follow", 0, 0, G_OPTION_ARG_NONE, &no_follow,
      N_("Only sample /proc: short-lived processes may go unseen, and the peak is then a "
         "lower bound"), NULL },
    { "pss", 0, 0, G_OPTION_ARG_NONE, &options->pss,
      N_("Also measure PSS and USS from smaps_rollup, once a second at most"), NULL },
    { "capture-output", 0, 0, G_OPTION_ARG_NONE, &options->capture_output,
      N_("Keep the command’s output with the recording, each line with its time, "
         "instead of printing it"), NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("Size of image outputs (default 1200x700)"), N_("WxH") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style,
      N_("Colours of image outputs: light or dark"), N_("STYLE") },
    { "via", 0, 0, G_OPTION_ARG_STRING, &options->via,
      N_("Run the command elsewhere, through COMMAND, with memgraph-record installed there: "
         "\"ssh render01\", \"podman exec -i box\", \"kubectl exec -i pod --\", "
         "\"flatpak-spawn --host\""), N_("COMMAND") },
    { "pid", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &pids,
      N_("Watch a running process of yours and its descendants, instead of starting a command; "
         "may be repeated. Stopping leaves it running."), N_("PID") },
    { "no-window", 0, 0, G_OPTION_ARG_NONE, &options->no_window,
      N_("Record without a window, write the outputs, exit with the command’s status"), NULL },
    { "max-rss", 0, 0, G_OPTION_ARG_STRING, &max_rss,
      N_("A budget for the peak RSS, such as 500MiB, 500MB or 1.5GiB: a line on the graph; "
         "with --no-window, exit with status 3 when the peak is over it (4 when it may be)"),
      N_("SIZE") },
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &options->baseline,
      N_("With --no-window and --max-increase: compare the peak RSS with that of a saved "
         "recording"), N_("FILE") },
    { "max-increase", 0, 0, G_OPTION_ARG_STRING, &max_increase,
      N_("With --baseline: exit with status 3 when the peak RSS is more than PERCENT over the "
         "baseline’s (4 when it may be)"), N_("PERCENT") },
    { "version", 'V', 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (argc >= 1 && argv != NULL, FALSE);

  memset (options, 0, sizeof *options);
  options->interval_s = MG_INTERVAL_DEFAULT;
  options->width = MG_EXPORT_DEFAULT_WIDTH;
  options->height = MG_EXPORT_DEFAULT_HEIGHT;
  options->dark = -1;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--") == 0)
      {
        split = i;
        break;
      }

  for (int i = 0; i < split; i++)
    g_ptr_array_add (ours, argv[i]);
  g_ptr_array_add (ours, NULL);
  parse_argc = split;
  parse_argv = (char **) ours->pdata;

  context = g_option_context_new (_("[-- COMMAND [ARG…]]"));
  g_option_context_set_summary (context,
                                _("Graph the memory use of a command over time."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  memgraph-gtk -- ./raytracer scene.obj\n"
                                      "  memgraph-gtk --no-window -o run.png -o run.json -- make -j4\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the first non-option: "memgraph-gtk ls -l" runs "ls -l". */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &parse_argc, &parse_argv, error))
    return FALSE;

  for (int i = 1; i < parse_argc; i++)
    g_ptr_array_add (command, g_strdup (parse_argv[i]));
  if (split < argc)
    {
      if (command->len > 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unexpected argument “%s” before “--”"),
                       (const char *) g_ptr_array_index (command, 0));
          return FALSE;
        }
      for (int i = split + 1; i < argc; i++)
        g_ptr_array_add (command, g_strdup (argv[i]));
      if (command->len == 0)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("No command after “--”"));
          return FALSE;
        }
    }
  /* Without "--", arguments that all name saved recordings are opened. */
  if (split == argc && command->len > 0)
    {
      gboolean all_recordings = TRUE;

      for (guint i = 0; i < command->len && all_recordings; i++)
        {
          const char *arg = g_ptr_array_index (command, i);

          all_recordings = (g_str_has_suffix (arg, ".json") || g_str_has_suffix (arg, ".jsonl") ||
                            g_str_has_suffix (arg, ".csv")) &&
                           g_file_test (arg, G_FILE_TEST_IS_REGULAR);
        }
      if (all_recordings)
        {
          g_ptr_array_add (command, NULL);
          options->files = (GStrv) g_ptr_array_free (g_steal_pointer (&command), FALSE);
        }
    }

  if (command != NULL && command->len > 0)
    {
      g_ptr_array_add (command, NULL);
      options->command = (GStrv) g_ptr_array_free (g_steal_pointer (&command), FALSE);
    }

  if (follow && no_follow)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--follow and --no-follow cannot be given together"));
      return FALSE;
    }
  options->follow_set = follow || no_follow;
  options->follow = follow_set_value (follow, no_follow);

  if (interval != NULL)
    {
      if (!parse_interval (interval, &options->interval_s))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--interval takes a number of seconds from %g to %g, such as 0.5, "
                         "not “%s”"), MG_INTERVAL_MIN, MG_INTERVAL_MAX, interval);
          return FALSE;
        }
      options->interval_set = TRUE;
    }

  if (size != NULL && !mg_export_parse_size (size, &options->width, &options->height))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--size takes WIDTHxHEIGHT, each from 100 to 16384, such as 1200x700"));
      return FALSE;
    }
  if (style != NULL)
    {
      if (g_str_equal (style, "light"))
        options->dark = 0;
      else if (g_str_equal (style, "dark"))
        options->dark = 1;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--style takes light or dark, not “%s”"), style);
          return FALSE;
        }
    }

  if (directory != NULL && options->via != NULL)
    /* A directory at the other end: as it was given. */
    options->directory = g_strdup (directory);
  else if (directory != NULL)
    {
      if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("“%s” is not a directory"), directory);
          return FALSE;
        }
      options->directory = g_canonicalize_filename (directory, NULL);
    }

  for (guint i = 0; options->outputs != NULL && options->outputs[i] != NULL; i++)
    {
      if (mg_export_format_for_path (options->outputs[i]) == MG_EXPORT_UNKNOWN)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Cannot tell the format of “%s”: use .png, .svg, .pdf, .csv, .json or .jsonl"),
                       options->outputs[i]);
          return FALSE;
        }
    }

  for (guint i = 0; pids != NULL && pids[i] != NULL; i++)
    {
      guint64 value;
      pid_t pid;

      if (!g_ascii_string_to_unsigned (pids[i], 10, 1, G_MAXINT32, &value, NULL))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--pid takes a process id, a whole number such as 1234, not “%s”"),
                       pids[i]);
          return FALSE;
        }
      if (options->pids == NULL)
        options->pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
      pid = (pid_t) value;
      g_array_append_val (options->pids, pid);
    }
  if (options->pids != NULL)
    {
      const char *other = options->command != NULL ? _("a command")
                          : options->files != NULL ? _("recordings to open")
                          : directory != NULL ? "--directory"
                          : options->catch_spikes ? "--catch-spikes"
                          : options->capture_output ? "--capture-output"
                          : follow ? "--follow" : NULL;

      if (other != NULL)
        {
          /* TRANSLATORS: %s is "a command", "recordings to open" or an option */
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--pid watches processes that are already running: it cannot be given "
                         "with %s"), other);
          return FALSE;
        }
    }

  if (max_rss != NULL && !mg_parse_size (max_rss, &options->max_rss))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--max-rss takes a size with a unit, such as 500MiB, 500MB or 1.5GiB "
                     "(K, M, G alone are KiB, MiB, GiB), not “%s”"), max_rss);
      return FALSE;
    }
  if (max_increase != NULL && !mg_parse_percent (max_increase, &options->max_increase))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--max-increase takes a percentage, such as 5 or 2.5%%, not “%s”"),
                   max_increase);
      return FALSE;
    }
  if ((options->baseline != NULL) != (max_increase != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--baseline and --max-increase go together: "
                             "--baseline base.json --max-increase 5"));
      return FALSE;
    }
  /* In the window --max-rss is a line on the graph; a baseline is only
   * checked in batch mode. */
  if (options->baseline != NULL && !options->no_window)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--baseline is checked in batch mode: add --no-window"));
      return FALSE;
    }

  if (options->via != NULL && options->command == NULL && options->pids == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--via runs a command elsewhere: give the command after it "
                             "(memgraph-gtk --via \"ssh render01\" -- ./raytracer) or the "
                             "processes to watch there (--pid PID)"));
      return FALSE;
    }
  if (options->via != NULL && options->pids != NULL && !options->no_window)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--via with --pid watches processes elsewhere in batch mode: "
                             "add --no-window"));
      return FALSE;
    }
  if (options->via != NULL && options->via[0] == '\0')
    g_clear_pointer (&options->via, g_free);

  if (options->no_window && options->command == NULL && options->files == NULL &&
      options->pids == NULL &&
      !options->version)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--no-window needs a command (memgraph-gtk --no-window -- COMMAND), "
                             "a running process to watch (--pid PID) "
                             "or saved recordings to export (FILE.json)"));
      return FALSE;
    }

  return TRUE;
}

void
mg_options_clear (MgOptions *options)
{
  g_clear_pointer (&options->directory, g_free);
  g_clear_pointer (&options->outputs, g_strfreev);
  g_clear_pointer (&options->command, g_strfreev);
  g_clear_pointer (&options->files, g_strfreev);
  g_clear_pointer (&options->baseline, g_free);
  g_clear_pointer (&options->pids, g_array_unref);
  g_clear_pointer (&options->via, g_free);
}
