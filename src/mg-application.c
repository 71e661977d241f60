/* mg-application.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "mg-application.h"
#include "mg-window.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

struct _MgApplication
{
  AdwApplication  parent_instance;

  /* owned */
  MgOptions       options;
  guint           signal_ids[3];
  gboolean        command_started;

  /* The window of `memgraph-gtk -- COMMAND` until it is drawn */
  GtkWindow      *waiting_window;
  GdkFrameClock  *waiting_clock;
  gulong          first_paint_id;
  guint           first_paint_timeout;
};

/* Without a frame by then (a window out of sight may get none), the
 * command starts all the same. */
#define FIRST_PAINT_WAIT_MS 1500

G_DEFINE_FINAL_TYPE (MgApplication, mg_application, ADW_TYPE_APPLICATION)

static void
start_command (MgApplication *self)
{
  g_autoptr(GtkWindow) window = g_steal_pointer (&self->waiting_window);

  if (self->waiting_clock != NULL)
    g_clear_signal_handler (&self->first_paint_id, self->waiting_clock);
  g_clear_object (&self->waiting_clock);
  g_clear_handle_id (&self->first_paint_timeout, g_source_remove);
  if (window == NULL)
    return;

  /* Closed, or stopped, before it was drawn: nothing to start. A command
   * that could not start is said where the person typed it, and on the
   * window's page for the run. */
  if (gtk_window_get_application (window) != NULL &&
      !mg_window_launch_command (MG_WINDOW (window)))
    {
      g_autofree char *failure = mg_window_dup_start_failure (MG_WINDOW (window));

      g_printerr ("memgraph-gtk: %s\n", failure != NULL ? failure : _("Could not start"));
    }
  g_application_release (G_APPLICATION (self));
}

static gboolean
on_first_paint_timeout (gpointer data)
{
  MgApplication *self = data;

  self->first_paint_timeout = 0;
  start_command (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                MgApplication *self)
{
  g_clear_signal_handler (&self->first_paint_id, clock);
  /* After this frame is done. */
  g_clear_handle_id (&self->first_paint_timeout, g_source_remove);
  self->first_paint_timeout = g_idle_add (on_first_paint_timeout, self);
}

/* Shows the command's run at once and starts the command once the window
 * has drawn its first frame with it, so that the window's own start
 * (styles, fonts, the first layout of the run's page: half a second of a
 * core on a slow machine) does not take the processor from the command it
 * measures, as it would at the command's own start. */
static void
start_command_when_drawn (MgApplication *self,
                          GtkWindow     *window,
                          const char    *cwd)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  self->waiting_window = g_object_ref (window);
  mg_window_prepare_command (MG_WINDOW (window), (const char * const *) self->options.command,
                             cwd, self->options.interval_s);
  /* Until it starts, the application stays, whatever becomes of the
   * window. */
  g_application_hold (G_APPLICATION (self));
  if (clock == NULL)
    {
      start_command (self);
      return;
    }
  self->waiting_clock = g_object_ref (clock);
  self->first_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
  self->first_paint_timeout = g_timeout_add (FIRST_PAINT_WAIT_MS, on_first_paint_timeout, self);
}

static void
mg_application_activate (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL || (self->options.command != NULL && !self->command_started))
    window = GTK_WINDOW (mg_window_new (GTK_APPLICATION (app)));

  gtk_window_present (window);

  /* `memgraph-gtk a.json b.json`: the runs in one window, compared. */
  if (self->options.files != NULL)
    {
      guint first = mg_window_get_n_runs (MG_WINDOW (window));

      for (guint i = 0; self->options.files[i] != NULL; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->options.files[i]);
          g_autoptr(GError) error = NULL;

          if (!mg_window_open_file (MG_WINDOW (window), file, &error))
            {
              g_printerr ("memgraph-gtk: %s\n", error->message);
              mg_window_show_error (MG_WINDOW (window), _("Could Not Open the Recording"),
                                    error);
            }
        }
      if (mg_window_get_n_runs (MG_WINDOW (window)) - first >= 2)
        mg_window_compare (MG_WINDOW (window), first, 0);
    }
  g_clear_pointer (&self->options.files, g_strfreev);

  /* `memgraph-gtk --pid PID`: watching starts at once; a process that
   * cannot be watched is said as a command that cannot start. */
  if (self->options.pids != NULL && !self->command_started)
    {
      self->command_started = TRUE;
      mg_window_set_outputs (MG_WINDOW (window), (const char * const *) self->options.outputs,
                             self->options.width, self->options.height, self->options.dark);
      mg_window_set_terminal_options (MG_WINDOW (window), FALSE, self->options.pss, FALSE);
      mg_window_set_terminal_budget (MG_WINDOW (window), self->options.max_rss);
      if (!mg_window_attach (MG_WINDOW (window), (const pid_t *) self->options.pids->data,
                             self->options.pids->len, self->options.interval_s))
        {
          g_autofree char *failure = mg_window_dup_start_failure (MG_WINDOW (window));

          g_printerr ("memgraph-gtk: %s\n", failure != NULL ? failure : _("Could not start"));
        }
    }

  /* The command of `memgraph-gtk -- COMMAND` starts at once, in the caller's
   * directory, keeping the caller's terminal. */
  if (self->options.command != NULL && !self->command_started)
    {
      /* Elsewhere, the directory is the other end's: where the link starts
       * unless one was given. */
      g_autofree char *cwd = self->options.directory ? g_strdup (self->options.directory)
                             : self->options.via != NULL ? NULL : g_get_current_dir ();

      self->command_started = TRUE;
      mg_window_set_outputs (MG_WINDOW (window), (const char * const *) self->options.outputs,
                             self->options.width, self->options.height, self->options.dark);
      mg_window_set_terminal_options (MG_WINDOW (window), self->options.catch_spikes,
                                      self->options.pss, self->options.capture_output);
      mg_window_set_terminal_follow (MG_WINDOW (window),
                                     self->options.follow_set ? self->options.follow : -1);
      mg_window_set_terminal_via (MG_WINDOW (window), self->options.via);
      mg_window_set_terminal_budget (MG_WINDOW (window), self->options.max_rss);
      start_command_when_drawn (self, window, cwd);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Each window asks before stopping its command. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Memory Graph authors", NULL };
  /* As in the metainfo's release of this version. */
  g_autofree char *release_notes =
    g_strdup_printf ("<p>%s</p><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>",
                     _("The first release of Memory Graph."),
                     _("Run a command and watch its RSS and VSZ live, with its exact peak."),
                     _("Compare runs, and see the processes, output and markers of each."),
                     _("Export the graph as PNG, SVG or PDF, and the samples as CSV or JSON."),
                     _("A user manual, a German translation, and a screen reader’s view of "
                       "the graph."));

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Memory Graph"),
                         "application-icon", APP_ID,
                         "developer-name", "The Memory Graph authors",
                         "version", PACKAGE_VERSION,
                         "comments", _("See how much memory a program uses over time, and where its peak is."),
                         "website", "https://github.com/memgraph-gtk/memgraph-gtk",
                         "issue-url", "https://github.com/memgraph-gtk/memgraph-gtk/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Memory Graph authors",
                         "release-notes-version", PACKAGE_VERSION,
                         "release-notes", release_notes,
                         NULL);
}

/* The user manual, in the help viewer (Yelp). */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;

  gtk_show_uri (gtk_application_get_active_window (app), "help:memgraph-gtk", GDK_CURRENT_TIME);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
};

static gboolean
on_terminate (gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Asked to quit from outside: no dialog, and no command left running. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (MG_IS_WINDOW (l->data))
      mg_window_kill_command (l->data);
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_CONTINUE;
}

static void
mg_application_startup (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *run_accels[] = { "<Control>Return", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  G_APPLICATION_CLASS (mg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.run", run_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    self->signal_ids[i] = g_unix_signal_add (signals[i], on_terminate, app);
}

static void
mg_application_shutdown (GApplication *app)
{
  MgApplication *self = MG_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  /* Quit before the window was drawn: the command never starts. */
  if (self->waiting_clock != NULL)
    g_clear_signal_handler (&self->first_paint_id, self->waiting_clock);
  g_clear_object (&self->waiting_clock);
  g_clear_handle_id (&self->first_paint_timeout, g_source_remove);
  g_clear_object (&self->waiting_window);

  G_APPLICATION_CLASS (mg_application_parent_class)->shutdown (app);
}

static void
mg_application_finalize (GObject *object)
{
  MgApplication *self = (MgApplication *) object;

  mg_options_clear (&self->options);

  G_OBJECT_CLASS (mg_application_parent_class)->finalize (object);
}

static void
mg_application_class_init (MgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mg_application_finalize;
  app_class->activate = mg_application_activate;
  app_class->startup = mg_application_startup;
  app_class->shutdown = mg_application_shutdown;
}

static void
mg_application_init (MgApplication *self)
{
}

/**
 * mg_application_new:
 * @options: (transfer full): the parsed command line; its contents are
 *   taken over and @options is left empty
 *
 * A command line with a command makes a process of its own (non-unique),
 * so every invocation runs its own command even when a window is open.
 *
 * Returns: (transfer full): the application
 */
MgApplication *
mg_application_new (MgOptions *options)
{
  MgApplication *self;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->command != NULL || options->files != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  self = g_object_new (MG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
  self->options = *options;
  memset (options, 0, sizeof *options);
  return self;
}
