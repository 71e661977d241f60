/* fuzz-command.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the start page's command line.
 */
#include "config.h"

#include <stdint.h>

#include "mg-command.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = mg_command_parse (text, &error);

  /* Either a command of at least one word, or a message for the person. */
  g_assert ((argv != NULL && argv[0] != NULL && error == NULL) ||
            (argv == NULL && error != NULL && error->message[0] != '\0'));
  return 0;
}
