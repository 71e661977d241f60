/* mg-field.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of the series of a sample. Adding a series is a member of
 * MgSample, a value of MgField and a row here, plus what measures it.
 */
#include "config.h"

#include "mg-field.h"

#include <glib/gi18n.h>
#include <string.h>

const MgFieldInfo mg_fields[MG_N_FIELDS] = {
  [MG_FIELD_RSS] = { "rss", "rss_bytes", "rss_bytes", NC_("series", "RSS"), "bytes",
                     G_STRUCT_OFFSET (MgSample, rss_bytes), MG_FIELD_ALWAYS, TRUE, FALSE, FALSE },
  [MG_FIELD_VSZ] = { "vsz", "vsz_bytes", "vsz_bytes", NC_("series", "VSZ"), "bytes",
                     G_STRUCT_OFFSET (MgSample, vsz_bytes), MG_FIELD_ALWAYS, TRUE, FALSE, TRUE },
  [MG_FIELD_ANON] = { "anon", "anon_bytes", "anon_bytes", NC_("series", "Anonymous"), "bytes",
                      G_STRUCT_OFFSET (MgSample, anon_bytes), MG_FIELD_ALWAYS, FALSE, FALSE, TRUE },
  [MG_FIELD_FILE] = { "file", "file_bytes", "file_bytes", NC_("series", "File"), "bytes",
                      G_STRUCT_OFFSET (MgSample, file_bytes), MG_FIELD_ALWAYS, FALSE, FALSE, TRUE },
  [MG_FIELD_SHMEM] = { "shmem", "shmem_bytes", "shmem_bytes", NC_("series", "Shared"), "bytes",
                       G_STRUCT_OFFSET (MgSample, shmem_bytes), MG_FIELD_ALWAYS, FALSE, FALSE, TRUE },
  [MG_FIELD_SWAP] = { "swap", "swap_bytes", "swap_bytes", NC_("series", "Swap"), "bytes",
                      G_STRUCT_OFFSET (MgSample, swap_bytes), MG_FIELD_ALWAYS, FALSE, FALSE, TRUE },
  [MG_FIELD_RSS_MAX] = { "rss_max", "rss_max_bytes", "rss_max_bytes",
                         NC_("series", "Highest RSS between samples"), "bytes",
                         G_STRUCT_OFFSET (MgSample, rss_max_bytes), MG_FIELD_ENVELOPE, FALSE, FALSE,
                         FALSE },
  [MG_FIELD_PSS] = { "pss", "pss_bytes", "pss_bytes", NC_("series", "PSS"), "bytes",
                     G_STRUCT_OFFSET (MgSample, pss_bytes), MG_FIELD_WITH_PSS, FALSE, TRUE, TRUE },
  [MG_FIELD_USS] = { "uss", "uss_bytes", "uss_bytes", NC_("series", "USS"), "bytes",
                     G_STRUCT_OFFSET (MgSample, uss_bytes), MG_FIELD_WITH_PSS, FALSE, TRUE, FALSE },
};

/* Every size of MgSample has its row. */
G_STATIC_ASSERT (sizeof (MgSample) == MG_FIELD_OFFSET (MG_N_FIELDS));

/**
 * mg_field_get_info:
 *
 * Returns: (transfer none): the row of @field
 */
const MgFieldInfo *
mg_field_get_info (MgField field)
{
  g_return_val_if_fail (field < MG_N_FIELDS, &mg_fields[MG_FIELD_RSS]);
  return &mg_fields[field];
}

/**
 * mg_field_get_label:
 *
 * Returns: the legend label of @field, translated
 */
const char *
mg_field_get_label (MgField field)
{
  g_return_val_if_fail (field < MG_N_FIELDS, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "series", mg_fields[field].label);
}

/**
 * mg_field_from_offset:
 * @offset: of a size in #MgSample
 * @field: (out): its field
 *
 * Returns: whether a field is at @offset
 */
gboolean
mg_field_from_offset (gsize    offset,
                      MgField *field)
{
  for (guint f = 0; f < MG_N_FIELDS; f++)
    if (mg_fields[f].offset == offset)
      {
        *field = f;
        return TRUE;
      }
  return FALSE;
}

/**
 * mg_field_from_key:
 * @key: a member of a JSON recording's "samples"
 * @field: (out): its field
 *
 * Returns: whether @key names a field
 */
gboolean
mg_field_from_key (const char *key,
                   MgField    *field)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint f = 0; f < MG_N_FIELDS; f++)
    if (strcmp (mg_fields[f].key, key) == 0)
      {
        *field = f;
        return TRUE;
      }
  return FALSE;
}

/**
 * mg_field_from_column:
 * @column: a column of a CSV recording's header
 * @field: (out): its field
 *
 * Returns: whether @column names a field
 */
gboolean
mg_field_from_column (const char *column,
                      MgField    *field)
{
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint f = 0; f < MG_N_FIELDS; f++)
    if (strcmp (mg_fields[f].column, column) == 0)
      {
        *field = f;
        return TRUE;
      }
  return FALSE;
}
