/* main.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "mg-application.h"
#include "mg-batch.h"
#include "mg-options.h"

int
main (int   argc,
      char *argv[])
{
  g_auto(MgOptions) options = { 0 };
  g_autoptr(MgApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  char *app_argv[] = { argv[0], NULL };
  const char *localedir = g_getenv ("MEMGRAPH_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* $MEMGRAPH_LOCALEDIR: the catalogues built but not installed (meson devenv). */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!mg_options_parse (&options, argc, argv, &error))
    {
      g_printerr ("memgraph-gtk: %s\n", error->message);
      g_printerr (_("Try “memgraph-gtk --help” for more information.\n"));
      return 2;
    }

  if (options.version)
    {
      g_print ("memgraph-gtk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (options.no_window)
    return mg_batch_run (&options);

  /* Without a display GTK would print a bare warning and exit; say what to
   * do instead. */
  if (!gtk_init_check ())
    {
      g_printerr (_("memgraph-gtk: cannot open a display for the window (is DISPLAY or "
                    "WAYLAND_DISPLAY set?). To record without a window, use --no-window, "
                    "for example: memgraph-gtk --no-window -o run.png -- COMMAND\n"));
      return 1;
    }

  g_set_application_name (_("Memory Graph"));
  app = mg_application_new (&options);
  /* Our own options were read above; GApplication gets none of them. */
  return g_application_run (G_APPLICATION (app), 1, app_argv);
}
