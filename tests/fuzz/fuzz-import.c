/* fuzz-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the JSON and CSV recording loaders; the first byte
 * picks the loader. What loads must also save.
 */
#include "config.h"

#include <stdint.h>

#include "mg-export.h"
#include "mg-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = NULL;

  if (size < 1)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  if (data[0] % 2 == 0)
    rec = mg_import_json (bytes, "fuzz.json", &error);
  else
    rec = mg_import_csv (bytes, "fuzz.csv", &error);

  g_assert ((rec != NULL) != (error != NULL));
  if (rec != NULL)
    {
      g_autoptr(GBytes) json = mg_export_json_bytes (rec);
      g_autoptr(GBytes) csv = mg_export_csv_bytes (rec);

      g_assert (g_bytes_get_size (json) > 0 && g_bytes_get_size (csv) > 0);
    }
  return 0;
}
