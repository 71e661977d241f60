/* fuzz-import.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the JSON, stream and CSV recording loaders; the first
 * byte picks the loader: even JSON from memory, or a stream when it begins
 * as one (2 mod 4: from a file, as a comparison of runs, the loader chosen
 * by content), odd CSV. What loads must also save. Criticals and
 * warnings are fatal: every malformed file must get a message, never a
 * g_return_if_fail of a getter that met a member of another kind.
 */
#include "config.h"

#include <stdint.h>
#include <unistd.h>

#include "mg-export.h"
#include "mg-import.h"
#include "mg-format-private.h"
#include "mg-stream.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *scratch;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  scratch = g_strdup_printf ("%s/fuzz-import-%d.json", g_get_tmp_dir (), (int) getpid ());
  return 0;
}

static void
check_saves (MgRecording *rec)
{
  g_autoptr(GBytes) json = mg_export_json_bytes (rec);
  g_autoptr(GBytes) csv = mg_export_csv_bytes (rec);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) again = mg_import_json (json, "again.json", &error);

  g_assert (g_bytes_get_size (json) > 0 && g_bytes_get_size (csv) > 0);
  /* What we write, we read. */
  g_assert_no_error (error);
  g_assert (mg_recording_get_n_samples (again) == mg_recording_get_n_samples (rec));
  /* And as a stream. */
  {
    g_autoptr(GByteArray) memory = g_byte_array_new ();
    g_autoptr(GBytes) stream = NULL;
    g_autoptr(MgRecording) streamed = NULL;
    MgSink sink;

    mg_sink_init (&sink, -1, NULL, memory);
    mg_stream_write_sink (&sink, rec);
    g_assert (mg_sink_finish (&sink, NULL));
    stream = g_byte_array_free_to_bytes (g_steal_pointer (&memory));
    streamed = mg_import_stream (stream, "again.jsonl", &error);
    g_assert_no_error (error);
    g_assert (mg_recording_get_n_samples (streamed) == mg_recording_get_n_samples (rec));
  }
}

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
  if (data[0] % 4 == 2)
    {
      g_autoptr(GFile) file = g_file_new_for_path (scratch);
      g_autoptr(GPtrArray) runs = NULL;
      g_auto(GStrv) labels = NULL;

      g_assert (g_file_set_contents (scratch, (const char *) data + 1, size - 1, NULL));
      runs = mg_import_file_runs (file, &labels, &error);
      g_assert ((runs != NULL) != (error != NULL));
      if (runs != NULL)
        {
          g_assert (g_strv_length (labels) == runs->len);
          for (guint i = 0; i < runs->len; i++)
            check_saves (g_ptr_array_index (runs, i));
        }
      return 0;
    }
  if (data[0] % 2 == 0 && mg_stream_bytes_look_like (data + 1, size - 1))
    rec = mg_import_stream (bytes, "fuzz.jsonl", &error);
  else if (data[0] % 2 == 0)
    rec = mg_import_json (bytes, "fuzz.json", &error);
  else
    rec = mg_import_csv (bytes, "fuzz.csv", &error);

  g_assert ((rec != NULL) != (error != NULL));
  if (rec != NULL)
    check_saves (rec);
  return 0;
}
