/* test-field.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of the series: every field has its own name, key and column,
 * survives the JSON and CSV round trips with a known value, and the files
 * stay those the earlier versions wrote.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mg-export.h"
#include "mg-field.h"
#include "mg-import.h"

/* The JSON keys and CSV columns of the files, as they have always been. */
static const char * const file_names[MG_N_FIELDS] = {
  [MG_FIELD_RSS] = "rss_bytes",
  [MG_FIELD_VSZ] = "vsz_bytes",
  [MG_FIELD_ANON] = "anon_bytes",
  [MG_FIELD_FILE] = "file_bytes",
  [MG_FIELD_SHMEM] = "shmem_bytes",
  [MG_FIELD_SWAP] = "swap_bytes",
  [MG_FIELD_RSS_MAX] = "rss_max_bytes",
  [MG_FIELD_PSS] = "pss_bytes",
  [MG_FIELD_USS] = "uss_bytes",
};

static void
test_table (void)
{
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      const MgFieldInfo *info = mg_field_get_info (f);
      MgField found;

      g_assert_true (info == &mg_fields[f]);
      g_assert_cmpstr (info->key, ==, file_names[f]);
      g_assert_cmpstr (info->column, ==, file_names[f]);
      g_assert_cmpstr (info->unit, ==, "bytes");
      g_assert_nonnull (info->name);
      g_assert_nonnull (info->label);
      /* The constant offset for static tables is the table's. */
      g_assert_cmpuint (info->offset, ==, MG_FIELD_OFFSET (f));
      g_assert_cmpuint (info->offset, ==, mg_field_offset (f));

      g_assert_true (mg_field_from_key (info->key, &found));
      g_assert_cmpint (found, ==, f);
      g_assert_true (mg_field_from_column (info->column, &found));
      g_assert_cmpint (found, ==, f);
      g_assert_true (mg_field_from_offset (info->offset, &found));
      g_assert_cmpint (found, ==, f);

      for (MgField g = f + 1; g < MG_N_FIELDS; g++)
        {
          g_assert_cmpstr (info->name, !=, mg_fields[g].name);
          g_assert_cmpstr (info->key, !=, mg_fields[g].key);
          g_assert_cmpstr (info->column, !=, mg_fields[g].column);
          g_assert_cmpuint (info->offset, !=, mg_fields[g].offset);
        }
      g_assert_cmpstr (info->key, !=, MG_FIELD_TIME_KEY);
    }

  g_assert_cmpuint (G_STRUCT_OFFSET (MgSample, rss_bytes), ==, mg_field_offset (MG_FIELD_RSS));
  g_assert_cmpuint (G_STRUCT_OFFSET (MgSample, uss_bytes), ==, mg_field_offset (MG_FIELD_USS));
  g_assert_cmpuint (G_STRUCT_OFFSET (MgSample, rss_max_bytes), ==,
                    mg_field_offset (MG_FIELD_RSS_MAX));
  g_assert_cmpstr (mg_field_get_label (MG_FIELD_PSS), ==, "PSS");
  g_assert_true (mg_fields[MG_FIELD_RSS].required && mg_fields[MG_FIELD_VSZ].required);
  g_assert_false (mg_fields[MG_FIELD_ANON].required);
  g_assert_true (mg_fields[MG_FIELD_PSS].nullable && mg_fields[MG_FIELD_USS].nullable);
  g_assert_false (mg_fields[MG_FIELD_RSS_MAX].nullable);
  g_assert_false (mg_field_from_key ("time_s", &(MgField) { 0 }));
  g_assert_false (mg_field_from_column ("rss", &(MgField) { 0 }));
  g_assert_false (mg_field_from_offset (G_STRUCT_OFFSET (MgSample, time_s), &(MgField) { 0 }));
}

/* A known value of @field in sample @i, different for every field and
 * sample; MG_NO_VALUE in the first sample of a nullable field. */
static guint64
known (MgField f,
       guint   i)
{
  if (mg_fields[f].nullable && i == 0)
    return MG_NO_VALUE;
  return 1000003 * (f + 1) + 4099 * i;
}

/* A recording where every field has its known values, so that every
 * series is written. */
static MgRecording *
known_recording (void)
{
  const char *argv[] = { "./known", NULL };
  MgRecording *rec = mg_recording_new (argv, NULL, 0.1);
  MgExit exit_info = { MG_EXIT_STATUS, 0, FALSE, NULL };

  for (guint i = 0; i < 4; i++)
    {
      MgSample s;

      mg_sample_init (&s, i * 0.25);
      for (MgField f = 0; f < MG_N_FIELDS; f++)
        mg_field_set (&s, f, known (f, i));
      mg_recording_append_sample (rec, &s);
      if (i > 0)
        mg_recording_set_pss (rec, s.time_s, known (MG_FIELD_PSS, i), known (MG_FIELD_USS, i));
    }
  mg_recording_finish (rec, &exit_info, 1);
  return rec;
}

static void
assert_known (MgRecording *rec)
{
  MgSamples *samples = mg_recording_get_samples (rec);

  g_assert_cmpuint (mg_samples_get_size (samples), ==, 4);
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      guint64 peak = 0;

      g_assert_true (mg_recording_has_field (rec, f));
      for (guint i = 0; i < 4; i++)
        {
          const MgSample *s = mg_samples_peek (samples, i);

          g_assert_cmpuint (mg_field_get (s, f), ==, known (f, i));
          g_assert_cmpuint (mg_samples_get_value (samples, i, mg_fields[f].offset), ==,
                            known (f, i));
          if (known (f, i) != MG_NO_VALUE)
            peak = MAX (peak, known (f, i));
        }
      g_assert_cmpuint (mg_recording_get_field_peak (rec, f), ==, peak);
      g_assert_cmpuint (mg_recording_get_peak_of (rec, mg_field_offset (f)), ==, peak);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(MgRecording) rec = known_recording ();
  g_autoptr(GBytes) json = mg_export_json_bytes (rec);
  g_autoptr(GBytes) csv = mg_export_csv_bytes (rec);
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) from_json = NULL;
  g_autoptr(MgRecording) from_csv = NULL;
  g_autofree char *csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_autofree char *json_text = g_strndup (g_bytes_get_data (json, NULL), g_bytes_get_size (json));
  g_autoptr(GString) header = g_string_new (MG_FIELD_TIME_KEY);

  assert_known (rec);

  /* Every column, in the order of the table. */
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    g_string_append_printf (header, ",%s", mg_fields[f].column);
  g_string_append_c (header, '\n');
  g_assert_true (g_str_has_prefix (csv_text, header->str));
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      g_autofree char *member = g_strdup_printf ("\"%s\":[", mg_fields[f].key);

      g_assert_nonnull (strstr (json_text, member));
    }

  from_json = mg_import_json (json, "known.json", &error);
  g_assert_no_error (error);
  assert_known (from_json);

  from_csv = mg_import_csv (csv, "known.csv", &error);
  g_assert_no_error (error);
  assert_known (from_csv);
}

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

/* Files written by the earlier versions (every series, PSS read every
 * other sample) open, and are written again byte for byte. */
static void
test_fixture (void)
{
  g_autoptr(GBytes) json = read_fixture ("fields.json");
  g_autoptr(GBytes) csv = read_fixture ("fields.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(MgRecording) rec = mg_import_json (json, "fields.json", &error);
  g_autoptr(MgRecording) from_csv = NULL;
  g_autoptr(GBytes) json_again = NULL;
  g_autoptr(GBytes) csv_again = NULL;
  g_autoptr(GBytes) csv_from_csv = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (mg_recording_get_n_samples (rec), ==, 6);
  g_assert_cmpuint (mg_recording_get_field_peak (rec, MG_FIELD_PSS), ==, 700055);
  g_assert_cmpuint (mg_recording_get_field_peak (rec, MG_FIELD_USS), ==, 500065);
  g_assert_cmpuint (mg_recording_get_field_peak (rec, MG_FIELD_RSS_MAX), ==, 1120480);
  g_assert_cmpuint (mg_samples_get_value (mg_recording_get_samples (rec), 0,
                                          mg_field_offset (MG_FIELD_PSS)), ==, MG_NO_VALUE);

  json_again = mg_export_json_bytes (rec);
  assert_bytes_equal (json_again, json);
  csv_again = mg_export_csv_bytes (rec);
  assert_bytes_equal (csv_again, csv);

  from_csv = mg_import_csv (csv, "fields.csv", &error);
  g_assert_no_error (error);
  csv_from_csv = mg_export_csv_bytes (from_csv);
  assert_bytes_equal (csv_from_csv, csv);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memgraph/field/table", test_table);
  g_test_add_func ("/memgraph/field/round-trip", test_round_trip);
  g_test_add_func ("/memgraph/field/fixture", test_fixture);

  return g_test_run ();
}
