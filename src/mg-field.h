/* mg-field.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of the series of a sample: what each is called in a JSON
 * recording, in a CSV file and in a legend, its unit, whether it may be
 * missing, and where it lives in #MgSample. The recording, the formats and
 * the plot read the series through it.
 */
#pragma once

#include "mg-samples.h"

G_BEGIN_DECLS

/* The sizes of #MgSample, in the order of its members and of the files. */
typedef enum
{
  MG_FIELD_RSS,
  MG_FIELD_VSZ,
  MG_FIELD_ANON,
  MG_FIELD_FILE,
  MG_FIELD_SHMEM,
  MG_FIELD_SWAP,
  MG_FIELD_RSS_MAX,
  MG_FIELD_PSS,
  MG_FIELD_USS,
  MG_N_FIELDS
} MgField;

/* When a recording has a series: the files write it only then. */
typedef enum
{
  MG_FIELD_ALWAYS,    /* written for every recording */
  MG_FIELD_ENVELOPE,  /* when the interval maximum was measured (catch every spike) */
  MG_FIELD_WITH_PSS,  /* when PSS and USS were measured */
} MgFieldWhen;

typedef struct
{
  const char  *name;       /* short name, for code and tests */
  const char  *key;        /* JSON member of "samples" (and of "summary") */
  const char  *column;     /* CSV column */
  const char  *label;      /* legend label, untranslated, context "series" */
  const char  *unit;       /* of the values */
  gsize        offset;     /* of the value in MgSample */
  MgFieldWhen  when;
  gboolean     required;   /* a recording without it is refused */
  gboolean     nullable;   /* MG_NO_VALUE (null in JSON, an empty cell in CSV): not measured */
  gboolean     summarized; /* its peak is written in a JSON recording's "summary" */
} MgFieldInfo;

/* Times come first, as "time_s", in both formats. */
#define MG_FIELD_TIME_KEY "time_s"

/* The offset of @field in MgSample as a constant expression, for static
 * tables: the sizes follow each other in the order of #MgField (the table
 * is checked against it). */
#define MG_FIELD_OFFSET(field) \
  (G_STRUCT_OFFSET (MgSample, rss_bytes) + (gsize) (field) * sizeof (guint64))

/* The table, indexed by #MgField. */
extern const MgFieldInfo mg_fields[MG_N_FIELDS];

const MgFieldInfo *mg_field_get_info      (MgField          field);
const char        *mg_field_get_label     (MgField          field);
gboolean           mg_field_from_offset   (gsize            offset,
                                           MgField         *field);
gboolean           mg_field_from_key      (const char      *key,
                                           MgField         *field);
gboolean           mg_field_from_column   (const char      *column,
                                           MgField         *field);

static inline gsize
mg_field_offset (MgField field)
{
  return MG_FIELD_OFFSET (field);
}

static inline guint64
mg_field_get (const MgSample *sample,
              MgField         field)
{
  return G_STRUCT_MEMBER (guint64, sample, mg_fields[field].offset);
}

static inline void
mg_field_set (MgSample *sample,
              MgField   field,
              guint64   value)
{
  G_STRUCT_MEMBER (guint64, sample, mg_fields[field].offset) = value;
}

G_END_DECLS
