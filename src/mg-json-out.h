/* mg-json-out.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON written as it goes: commas and nesting are tracked here, so each
 * section is a plain list of members. Shared by mg-format-json.c and
 * mg-stream.c; GLib only.
 */
#pragma once

#include "mg-recording.h"
#include "mg-sink.h"

G_BEGIN_DECLS

#define JSON_MAX_DEPTH 8

typedef struct
{
  MgSink   *sink;
  guint     depth;
  gboolean  first[JSON_MAX_DEPTH + 1];
  gboolean  after_key;
} MgJsonOut;

void         mg_json_out_init (MgJsonOut *w, MgSink *sink);
void         jw_value (MgJsonOut *w);
void         jw_key (MgJsonOut *w, const char *key);
void         jw_begin (MgJsonOut *w, char open);
void         jw_end (MgJsonOut *w, char close);
void         jw_int (MgJsonOut *w, gint64 value);
void         jw_double (MgJsonOut *w, double value);
void         jw_time (MgJsonOut *w, double seconds);
void         jw_string (MgJsonOut *w, const char *text);
void         jw_bool (MgJsonOut *w, gboolean value);
void         jw_null (MgJsonOut *w);
void         jw_member_int (MgJsonOut *w, const char *key, gint64 value);
void         jw_member_time (MgJsonOut *w, const char *key, double seconds);
void         jw_member_string (MgJsonOut *w, const char *key, const char *text);
void         jw_member_bool (MgJsonOut *w, const char *key, gboolean value);
void         jw_member_strv (MgJsonOut *w, const char *key, const char * const *strv);
void         jw_member_path (MgJsonOut *w, const char *key, const char *path);
void         mg_json_out_exit (MgJsonOut *w, MgRecording *recording);
void         mg_json_out_peak (MgJsonOut *w, MgRecording *recording);
void         mg_json_out_interval (MgJsonOut *w, MgRecording *recording);
void         mg_json_out_process (MgJsonOut *w, const MgProcess *p);

G_END_DECLS
