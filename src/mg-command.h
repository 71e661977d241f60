/* mg-command.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MG_COMMAND_ERROR (mg_command_error_quark ())

typedef enum
{
  MG_COMMAND_ERROR_EMPTY,
  MG_COMMAND_ERROR_QUOTING,
} MgCommandError;

GQuark  mg_command_error_quark (void);
GStrv   mg_command_parse       (const char  *text,
                                GError     **error);

G_END_DECLS
