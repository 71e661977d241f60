/* mg-command.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The start page's command line, split with the shell's quoting rules.
 */
#include "config.h"

#include "mg-command.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (mg-command-error-quark, mg_command_error)

/**
 * mg_command_parse:
 * @text: what the person typed
 * @error: return location for a #GError in the %MG_COMMAND_ERROR domain,
 *   with a message that can be shown as it is
 *
 * Returns: (transfer full): the argument vector, or %NULL with @error set
 */
GStrv
mg_command_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStrv argv = NULL;
  int argc = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_shell_parse_argv (text, &argc, &argv, &local_error))
    {
      if (g_error_matches (local_error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        g_set_error_literal (error, MG_COMMAND_ERROR, MG_COMMAND_ERROR_EMPTY,
                             _("Type a command to run, such as “./raytracer scene.obj”."));
      else
        g_set_error_literal (error, MG_COMMAND_ERROR, MG_COMMAND_ERROR_QUOTING,
                             _("The command has an unbalanced quote or a trailing backslash. "
                               "Close each ' or \" and try again."));
      return NULL;
    }

  return argv;
}
