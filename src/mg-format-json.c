/* mg-format-json.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON: the writer and its reader. The writer streams a recording one
 * section at a time, straight from the packed samples, with the keys of
 * the series from mg-field.h.
 *
 * Files are read as streams, never as a whole tree: a recording of a day
 * holds millions of samples, and a crafted file may nest without end. JSON
 * goes through a small pull tokenizer that keeps its nesting on a fixed
 * stack (MG_JSON_MAX_DEPTH) and recurses nowhere. A first pass reads the
 * small members into JsonNodes (each list element on its own) and notes
 * where each array of samples begins; a second pass reads those arrays side
 * by side, one sample at a time, straight into the recording. A file is read
 * in blocks with pread(), so what is held is the recording and a few blocks,
 * not the file.
 */
#include "config.h"

#include "mg-import.h"
#include "mg-compare.h"
#include "mg-format-private.h"
#include "mg-json-out.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

static void
write_head (MgJsonOut     *w,
            MgRecording *recording)
{
  const char * const *argv = mg_recording_get_argv (recording);
  g_autofree char *started = g_date_time_format_iso8601 (mg_recording_get_started (recording));

  jw_member_strv (w, "command", argv);
  jw_member_path (w, "directory", mg_recording_get_directory (recording));

  jw_key (w, "interval_s");
  jw_double (w, mg_recording_get_interval (recording));
  jw_member_string (w, "started", started);
  jw_member_time (w, "duration_s", mg_recording_get_duration (recording));
}

static void
write_processes (MgJsonOut     *w,
                 MgRecording *recording)
{
  jw_key (w, mg_list_keys[MG_LIST_PROCESSES]);
  jw_begin (w, '[');
  for (guint i = 0; i < mg_recording_get_n_processes (recording); i++)
    mg_json_out_process (w, mg_recording_get_process (recording, i));
  jw_end (w, ']');
}

/* One array per series, written from the packed samples in order. */
static void
write_samples (MgJsonOut     *w,
               MgRecording *recording)
{
  MgSamples *samples = mg_recording_get_samples (recording);
  guint n = mg_recording_get_n_samples (recording);

  jw_key (w, MG_SAMPLES_KEY);
  jw_begin (w, '{');
  jw_key (w, MG_FIELD_TIME_KEY);
  jw_begin (w, '[');
  for (guint i = 0; i < n && w->sink->error == NULL; i++)
    jw_time (w, mg_samples_get_time (samples, i));
  jw_end (w, ']');
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      if (!mg_recording_has_field (recording, f))
        continue;
      jw_key (w, mg_fields[f].key);
      jw_begin (w, '[');
      for (guint i = 0; i < n && w->sink->error == NULL; i++)
        {
          guint64 v = mg_samples_get_value (samples, i, mg_fields[f].offset);

          if (v == MG_NO_VALUE)
            jw_null (w);
          else
            jw_int (w, (gint64) v);
        }
      jw_end (w, ']');
    }
  jw_end (w, '}');
}

static void
write_markers (MgJsonOut     *w,
               MgRecording *recording)
{
  jw_key (w, mg_list_keys[MG_LIST_MARKERS]);
  jw_begin (w, '[');
  for (guint i = 0; i < mg_recording_get_n_markers (recording); i++)
    {
      const MgMarker *m = mg_recording_get_marker (recording, i);

      jw_begin (w, '{');
      jw_member_time (w, "time_s", m->time_s);
      jw_member_string (w, "label", m->label);
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

static void
write_unreadable (MgJsonOut     *w,
                  MgRecording *recording)
{
  guint n = mg_recording_get_n_unreadable (recording);

  if (n == 0)
    return;
  jw_key (w, mg_list_keys[MG_LIST_UNREADABLE]);
  jw_begin (w, '[');
  for (guint i = 0; i < n; i++)
    {
      const MgUnreadable *u = mg_recording_get_unreadable (recording, i);

      jw_begin (w, '{');
      jw_member_int (w, "pid", u->pid);
      jw_member_string (w, "what", u->what == MG_UNREADABLE_PROCESS ? "process" : "pss");
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

static void
write_output (MgJsonOut     *w,
              MgRecording *recording)
{
  guint n = mg_recording_get_n_output (recording);
  guint64 dropped_lines = mg_recording_get_output_dropped_lines (recording);
  guint64 dropped_bytes = mg_recording_get_output_dropped_bytes (recording);

  if (n == 0 && dropped_lines == 0 && dropped_bytes == 0)
    return;
  /* The counts before the lines, so that a reader knows where the head
   * ends as it streams them. */
  if (dropped_lines > 0)
    jw_member_int (w, "output_head_lines",
                   mg_output_get_n_head (mg_recording_get_output_store (recording)));
  jw_member_int (w, "output_dropped_lines", dropped_lines);
  jw_member_int (w, "output_dropped_bytes", dropped_bytes);
  jw_key (w, mg_list_keys[MG_LIST_OUTPUT]);
  jw_begin (w, '[');
  for (guint i = 0; i < n && w->sink->error == NULL; i++)
    {
      const MgOutputLine *line = mg_recording_get_output (recording, i);

      jw_begin (w, '{');
      jw_member_time (w, "time_s", line->time_s);
      jw_member_string (w, "stream", line->stream == MG_OUTPUT_STDERR ? "stderr" : "stdout");
      jw_member_string (w, "text", line->text);
      if (line->full_length > line->length)
        /* Only its start was kept: how long it was. */
        jw_member_int (w, "length", line->full_length);
      jw_end (w, '}');
    }
  jw_end (w, ']');
}

/* The sections of a recording, in the order they are written. */
static void (* const recording_sections[]) (MgJsonOut *, MgRecording *) = {
  write_head,
  mg_json_out_exit,
  mg_json_out_peak,
  mg_json_out_interval,
  write_processes,
  write_samples,
  write_markers,
  write_unreadable,
  write_output,
};

/* One recording as a JSON object. */
static void
write_recording (MgJsonOut     *w,
                 MgRecording *recording)
{
  jw_begin (w, '{');
  for (guint i = 0; i < G_N_ELEMENTS (recording_sections); i++)
    recording_sections[i] (w, recording);
  jw_end (w, '}');
}

/* A recording, or a comparison of runs, as JSON. */
void
mg_format_json_write (MgSink     *sink,
                      MgDocument *doc)
{
  MgJsonOut w;

  mg_json_out_init (&w, sink);
  if (doc->labels == NULL)
    write_recording (&w, doc->runs[0]);
  else
    {
      g_auto(GStrv) summary = mg_compare_summary (doc->runs, doc->labels, doc->n_runs);

      jw_begin (&w, '{');
      jw_key (&w, MG_LABELS_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        jw_string (&w, doc->labels[i]);
      jw_end (&w, ']');
      jw_key (&w, MG_SUMMARY_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        jw_string (&w, summary[i]);
      jw_end (&w, ']');
      jw_key (&w, MG_RUNS_KEY);
      jw_begin (&w, '[');
      for (guint i = 0; i < doc->n_runs; i++)
        write_recording (&w, doc->runs[i]);
      jw_end (&w, ']');
      jw_end (&w, '}');
    }
}

/* JSON tokens, pulled one at a time. */

typedef enum
{
  TOK_ERROR,
  TOK_EOF,
  TOK_BEGIN_OBJECT,
  TOK_END_OBJECT,
  TOK_BEGIN_ARRAY,
  TOK_END_ARRAY,
  TOK_KEY,
  TOK_STRING,
  TOK_INT,
  TOK_DOUBLE,
  TOK_TRUE,
  TOK_FALSE,
  TOK_NULL,
} Token;

typedef enum
{
  WANT_VALUE,
  WANT_VALUE_OR_END,   /* after "[" */
  WANT_KEY,            /* after "," in an object */
  WANT_KEY_OR_END,     /* after "{" */
  WANT_COMMA_OR_END,   /* after a value inside a container */
  WANT_NOTHING,        /* after the top value */
} Want;

typedef struct
{
  MgInput     in;
  const char *name;
  char        stack[MG_JSON_MAX_DEPTH];  /* '{' or '[' of each open container */
  guint       depth;
  Want        want;
  guint       line;
  GString    *str;           /* TOK_KEY, TOK_STRING: the text, unescaped */
  gint64      int_value;     /* TOK_INT */
  double      double_value;  /* TOK_DOUBLE */
} Lexer;

static void
lexer_init (Lexer      *lx,
            const char *name)
{
  lx->name = name;
  lx->depth = 0;
  lx->want = WANT_VALUE;
  lx->line = 1;
  lx->str = g_string_new (NULL);
}

static void
lexer_clear (Lexer *lx)
{
  mg_input_clear (&lx->in);
  g_string_free (lx->str, TRUE);
}

static Token
syntax_error (Lexer       *lx,
              GError     **error,
              const char  *reason)
{
  if (lx->in.read_errno != 0)
    mg_import_fail (error, MG_IMPORT_ERROR_UNREADABLE, lx->name, "%s", g_strerror (lx->in.read_errno));
  else
    /* TRANSLATORS: a line number, then what is wrong there */
    mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, lx->name,
                    _("it is not valid JSON (line %u: %s)"), lx->line, reason);
  return TOK_ERROR;
}

static int
skip_space (Lexer *lx)
{
  for (;;)
    {
      int c = mg_input_peek (&lx->in);

      if (c == '\n')
        lx->line++;
      else if (c != ' ' && c != '\t' && c != '\r')
        return c;
      lx->in.p++;
    }
}

static gboolean
lex_hex4 (Lexer    *lx,
          gunichar *out)
{
  *out = 0;
  for (int k = 0; k < 4; k++)
    {
      int c = mg_input_peek (&lx->in);

      if (c < 0 || !g_ascii_isxdigit (c))
        return FALSE;
      *out = *out * 16 + g_ascii_xdigit_value (c);
      lx->in.p++;
    }
  return TRUE;
}

/* After the opening quote: the string, unescaped, into lx->str. */
static gboolean
lex_string (Lexer   *lx,
            GError **error)
{
  MgInput *in = &lx->in;

  g_string_truncate (lx->str, 0);
  for (;;)
    {
      const guint8 *q = in->p;
      gunichar u;
      int c;

      /* Plain bytes are copied a run at a time. */
      while (q < in->end && *q != '"' && *q != '\\' && *q >= 0x20)
        q++;
      g_string_append_len (lx->str, (const char *) in->p, q - in->p);
      in->p = q;
      c = mg_input_peek (in);
      if (c < 0)
        return syntax_error (lx, error, _("a string is not closed")), FALSE;
      /* The run went on past the bytes at hand. */
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      in->p++;
      if (c == '"')
        break;
      if (c != '\\')
        return syntax_error (lx, error, _("a control character in a string")), FALSE;
      c = mg_input_peek (in);
      in->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (lx->str, c);
          break;
        case 'b':
          g_string_append_c (lx->str, '\b');
          break;
        case 'f':
          g_string_append_c (lx->str, '\f');
          break;
        case 'n':
          g_string_append_c (lx->str, '\n');
          break;
        case 'r':
          g_string_append_c (lx->str, '\r');
          break;
        case 't':
          g_string_append_c (lx->str, '\t');
          break;
        case 'u':
          if (!lex_hex4 (lx, &u))
            return syntax_error (lx, error, _("a \\u escape needs four hex digits")), FALSE;
          if (u >= 0xd800 && u < 0xdc00)
            {
              gunichar low;

              if (mg_input_peek (in) != '\\')
                return syntax_error (lx, error, _("half a surrogate pair")), FALSE;
              in->p++;
              if (mg_input_peek (in) != 'u')
                return syntax_error (lx, error, _("half a surrogate pair")), FALSE;
              in->p++;
              if (!lex_hex4 (lx, &low) || low < 0xdc00 || low >= 0xe000)
                return syntax_error (lx, error, _("half a surrogate pair")), FALSE;
              u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (u >= 0xdc00 && u < 0xe000)
            return syntax_error (lx, error, _("half a surrogate pair")), FALSE;
          /* Strings are C strings here: a NUL would cut them short. */
          if (u == 0)
            return syntax_error (lx, error, _("a NUL character in a string")), FALSE;
          g_string_append_unichar (lx->str, u);
          break;
        default:
          return syntax_error (lx, error, _("an unknown escape in a string")), FALSE;
        }
    }
  if (!g_utf8_validate_len (lx->str->str, lx->str->len, NULL))
    return syntax_error (lx, error, _("a string is not valid UTF-8")), FALSE;
  return TRUE;
}

static Token
lex_number (Lexer   *lx,
            GError **error)
{
  char buf[256];
  gsize n = 0, i = 0;
  gboolean integer = TRUE;
  int c;

  while ((c = mg_input_peek (&lx->in)) >= 0 &&
         (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
    {
      if (n == sizeof buf - 1)
        return syntax_error (lx, error, _("a number is too long"));
      integer = integer && c != '.' && c != 'e' && c != 'E';
      buf[n++] = c;
      lx->in.p++;
    }
  buf[n] = '\0';

  /* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
  if (buf[i] == '-')
    i++;
  if (buf[i] == '0')
    i++;
  else if (buf[i] >= '1' && buf[i] <= '9')
    while (g_ascii_isdigit (buf[i]))
      i++;
  else
    return syntax_error (lx, error, _("a number is not valid"));
  if (buf[i] == '.')
    {
      if (!g_ascii_isdigit (buf[++i]))
        return syntax_error (lx, error, _("a number is not valid"));
      while (g_ascii_isdigit (buf[i]))
        i++;
    }
  if (buf[i] == 'e' || buf[i] == 'E')
    {
      i++;
      if (buf[i] == '+' || buf[i] == '-')
        i++;
      if (!g_ascii_isdigit (buf[i]))
        return syntax_error (lx, error, _("a number is not valid"));
      while (g_ascii_isdigit (buf[i]))
        i++;
    }
  if (i != n)
    return syntax_error (lx, error, _("a number is not valid"));

  if (integer)
    {
      errno = 0;
      lx->int_value = g_ascii_strtoll (buf, NULL, 10);
      if (errno == 0)
        return TOK_INT;
    }
  lx->double_value = g_ascii_strtod (buf, NULL);
  return TOK_DOUBLE;
}

static Token
lex_literal (Lexer      *lx,
             const char *word,
             Token       token,
             GError    **error)
{
  for (const char *w = word; *w != '\0'; w++)
    {
      if (mg_input_peek (&lx->in) != *w)
        return syntax_error (lx, error, _("a value is not valid"));
      lx->in.p++;
    }
  return token;
}

static Token
lex_close (Lexer *lx)
{
  char open = lx->stack[--lx->depth];

  lx->in.p++;
  lx->want = lx->depth == 0 ? WANT_NOTHING : WANT_COMMA_OR_END;
  return open == '{' ? TOK_END_OBJECT : TOK_END_ARRAY;
}

/* The next token; the syntax is checked on the way, and the nesting is
 * bounded before anything is built from it. */
static Token
lex_next (Lexer   *lx,
          GError **error)
{
  int c = skip_space (lx);
  Token token;

  switch (lx->want)
    {
    case WANT_NOTHING:
      if (c < 0)
        return lx->in.read_errno != 0 ? syntax_error (lx, error, "") : TOK_EOF;
      return syntax_error (lx, error, _("more text after the end"));
    case WANT_COMMA_OR_END:
      if (c == ',')
        {
          lx->in.p++;
          lx->want = lx->stack[lx->depth - 1] == '{' ? WANT_KEY : WANT_VALUE;
          c = skip_space (lx);
          break;
        }
      if (c == (lx->stack[lx->depth - 1] == '{' ? '}' : ']'))
        return lex_close (lx);
      return syntax_error (lx, error, c < 0 ? _("the file ends too soon")
                                            : _("a comma or a closing bracket is missing"));
    case WANT_VALUE:
    case WANT_VALUE_OR_END:
    case WANT_KEY:
    case WANT_KEY_OR_END:
    default:
      break;
    }

  if (lx->want == WANT_KEY || lx->want == WANT_KEY_OR_END)
    {
      if (c == '}' && lx->want == WANT_KEY_OR_END)
        return lex_close (lx);
      if (c != '"')
        return syntax_error (lx, error, c < 0 ? _("the file ends too soon")
                                              : _("a member name is missing"));
      lx->in.p++;
      if (!lex_string (lx, error))
        return TOK_ERROR;
      if (skip_space (lx) != ':')
        return syntax_error (lx, error, _("a colon is missing"));
      lx->in.p++;
      lx->want = WANT_VALUE;
      return TOK_KEY;
    }

  if (c == ']' && lx->want == WANT_VALUE_OR_END)
    return lex_close (lx);
  switch (c)
    {
    case '{':
    case '[':
      if (lx->depth == MG_JSON_MAX_DEPTH)
        {
          mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, lx->name,
                          _("it is nested more than %d levels deep (line %u)"), MG_JSON_MAX_DEPTH, lx->line);
          return TOK_ERROR;
        }
      lx->in.p++;
      lx->stack[lx->depth++] = c;
      lx->want = c == '{' ? WANT_KEY_OR_END : WANT_VALUE_OR_END;
      return c == '{' ? TOK_BEGIN_OBJECT : TOK_BEGIN_ARRAY;
    case '"':
      lx->in.p++;
      token = lex_string (lx, error) ? TOK_STRING : TOK_ERROR;
      break;
    case 't':
      token = lex_literal (lx, "true", TOK_TRUE, error);
      break;
    case 'f':
      token = lex_literal (lx, "false", TOK_FALSE, error);
      break;
    case 'n':
      token = lex_literal (lx, "null", TOK_NULL, error);
      break;
    default:
      if (c == '-' || g_ascii_isdigit (c))
        token = lex_number (lx, error);
      else
        return syntax_error (lx, error, c < 0 ? _("the file ends too soon")
                                              : _("a value is missing or not valid"));
      break;
    }
  if (token != TOK_ERROR)
    lx->want = lx->depth == 0 ? WANT_NOTHING : WANT_COMMA_OR_END;
  return token;
}

/* Skips the rest of a value whose first token was @token. */
static gboolean
skip_value (Lexer   *lx,
            Token    token,
            GError **error)
{
  guint depth;

  if (token != TOK_BEGIN_OBJECT && token != TOK_BEGIN_ARRAY)
    return token != TOK_ERROR;
  depth = lx->depth - 1;
  while (lx->depth > depth)
    if (lex_next (lx, error) == TOK_ERROR)
      return FALSE;
  return TRUE;
}

static JsonNode *
scalar_node (Lexer *lx,
             Token  token)
{
  JsonNode *node = json_node_alloc ();

  switch (token)
    {
    case TOK_STRING:
      return json_node_init_string (node, lx->str->str);
    case TOK_INT:
      return json_node_init_int (node, lx->int_value);
    case TOK_DOUBLE:
      return json_node_init_double (node, lx->double_value);
    case TOK_TRUE:
    case TOK_FALSE:
      return json_node_init_boolean (node, token == TOK_TRUE);
    default:
      return json_node_init_null (node);
    }
}

/* The value whose first token was @token, as a tree; built with a stack of
 * its own (the lexer bounds its depth). */
static JsonNode *
read_node (Lexer   *lx,
           Token    token,
           GError **error)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;

  for (;;)
    {
      JsonNode *node, *parent;

      switch (token)
        {
        case TOK_ERROR:
        case TOK_EOF:
          return NULL;
        case TOK_KEY:
          g_free (key);
          key = g_strdup (lx->str->str);
          token = lex_next (lx, error);
          continue;
        case TOK_BEGIN_OBJECT:
          node = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (node, json_object_new ());
          g_ptr_array_add (open, node);
          g_ptr_array_add (keys, g_steal_pointer (&key));
          token = lex_next (lx, error);
          continue;
        case TOK_BEGIN_ARRAY:
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_take_array (node, json_array_new ());
          g_ptr_array_add (open, node);
          g_ptr_array_add (keys, g_steal_pointer (&key));
          token = lex_next (lx, error);
          continue;
        case TOK_END_OBJECT:
        case TOK_END_ARRAY:
          node = g_ptr_array_steal_index (open, open->len - 1);
          g_free (key);
          key = g_ptr_array_steal_index (keys, keys->len - 1);
          break;
        case TOK_STRING:
        case TOK_INT:
        case TOK_DOUBLE:
        case TOK_TRUE:
        case TOK_FALSE:
        case TOK_NULL:
        default:
          node = scalar_node (lx, token);
          break;
        }

      if (open->len == 0)
        return node;
      parent = g_ptr_array_index (open, open->len - 1);
      if (JSON_NODE_HOLDS_OBJECT (parent))
        json_object_set_member (json_node_get_object (parent), key, node);
      else
        json_array_add_element (json_node_get_array (parent), node);
      g_clear_pointer (&key, g_free);
      token = lex_next (lx, error);
    }
}

/* Reading the members of a recording, without the json-glib getters that
 * warn on a member of another kind: every kind gets a message. */

/* A member of the given JSON type, or NULL (with @error set when @required). */
static JsonNode *
member (JsonObject  *object,
        const char  *key,
        const char  *path,
        JsonNodeType type,
        gboolean     required,
        const char  *name,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  static const char *type_names[] = { N_("an object"), N_("an array"), N_("a value"), N_("null") };

  if (node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      if (required)
        mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” is missing"), path);
      return NULL;
    }
  if (JSON_NODE_TYPE (node) != type)
    {
      mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be %s"), path,
                      _(type_names[type]));
      return NULL;
    }
  return node;
}

static gboolean
node_number (JsonNode *node,
             double   *out)
{
  GType t;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  if (t == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (t == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

static gboolean
number_member (JsonObject  *object,
               const char  *key,
               const char  *path,
               gboolean     required,
               double      *out,
               const char  *name,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” is missing"), path);
      return TRUE;
    }
  if (!node_number (node, out))
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be a number"), path);
  return TRUE;
}

/* A string member, or @fallback when it is missing or of another kind. */
static const char *
string_member (JsonObject *object,
               const char *key,
               const char *fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

static gboolean
boolean_member (JsonObject *object,
                const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* A whole number member in [@min, @max], or @fallback. */
static int
int_member (JsonObject *object,
            const char *key,
            int         min,
            int         max,
            int         fallback)
{
  double v;

  if (!node_number (json_object_get_member (object, key), &v) || v != floor (v) || v < min ||
      v > max)
    return fallback;
  return (int) v;
}

/* One recording of a file, after the first pass: its small members as
 * read, its lists converted, and where its arrays of samples are. */

typedef struct
{
  goffset  offset;   /* of its "[" */
  guint    length;
  gboolean found;    /* an array was there */
  gboolean bad;      /* something else than an array or null was there */
} Series;

typedef struct
{
  JsonObject *members;      /* the rest; a placeholder for "samples" and the lists */
  Series      time;
  Series      series[MG_N_FIELDS];
  GArray     *processes;    /* MgProcess, name and cmdline owned */
  GArray     *markers;      /* MgMarker, label owned */
  GArray     *unreadable;   /* MgUnreadable */
  MgOutput   *output;       /* what is kept of the lines, bounded as a run's */
  GError     *list_error;   /* the first bad element of a list, told in its turn */
} Pending;

static void
clear_process (gpointer data)
{
  MgProcess *p = data;

  g_free (p->name);
  g_free (p->cmdline);
}

static void
clear_marker (gpointer data)
{
  g_free (((MgMarker *) data)->label);
}

static Pending *
pending_new (void)
{
  Pending *p = g_new0 (Pending, 1);

  p->members = json_object_new ();
  p->processes = g_array_new (FALSE, FALSE, sizeof (MgProcess));
  g_array_set_clear_func (p->processes, clear_process);
  p->markers = g_array_new (FALSE, FALSE, sizeof (MgMarker));
  g_array_set_clear_func (p->markers, clear_marker);
  p->unreadable = g_array_new (FALSE, FALSE, sizeof (MgUnreadable));
  p->output = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);
  return p;
}

static void
pending_free (Pending *p)
{
  g_clear_pointer (&p->members, json_object_unref);
  g_array_unref (p->processes);
  g_array_unref (p->markers);
  g_array_unref (p->unreadable);
  g_clear_pointer (&p->output, mg_output_free);
  g_clear_error (&p->list_error);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static gboolean
convert_process (JsonNode    *element,
                 guint        i,
                 GArray      *out,
                 const char  *name,
                 GError     **error)
{
  JsonObject *obj, *e;
  JsonNode *exit_node;
  MgProcess p = { 0 };
  double pid = 0, ppid = 0, start = 0, end = -1, peak = 0;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("process %u of “processes” must be an object"), i + 1);
  obj = json_node_get_object (element);
  if (!number_member (obj, "pid", "processes[].pid", TRUE, &pid, name, error) ||
      !number_member (obj, "ppid", "processes[].ppid", FALSE, &ppid, name, error) ||
      !number_member (obj, "start_s", "processes[].start_s", FALSE, &start, name, error) ||
      !number_member (obj, "end_s", "processes[].end_s", FALSE, &end, name, error) ||
      !number_member (obj, "peak_rss_bytes", "processes[].peak_rss_bytes", FALSE, &peak,
                      name, error))
    return FALSE;
  if (peak < 0 || peak > 1e18)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("process %u has a peak out of range"), i + 1);
  /* Pids are positive 32-bit numbers; a cast of anything else is undefined. */
  if (pid < 0 || pid > G_MAXINT32 || ppid < 0 || ppid > G_MAXINT32)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("process %u has a pid out of range"), i + 1);

  p.pid = (int) pid;
  p.ppid = (int) ppid;
  p.name = g_strdup (string_member (obj, "name", ""));
  p.cmdline = g_strdup (string_member (obj, "cmdline", ""));
  p.start_s = start;
  p.end_s = end;
  p.peak_rss = (guint64) peak;
  if (!mg_peak_source_from_string (string_member (obj, "peak_source",
                                                  string_member (obj, "peak_rss_source",
                                                                 "sampled")),
                                   &p.peak_source))
    p.peak_source = MG_PEAK_SAMPLED;
  /* Older files: exact when the kernel gave it at the end. */
  if (json_object_has_member (obj, "peak_exact"))
    p.peak_exact = boolean_member (obj, "peak_exact");
  else
    p.peak_exact = p.peak_source == MG_PEAK_EXIT || p.peak_source == MG_PEAK_RU_MAXRSS;
  {
    double ticks = 0;

    if (node_number (json_object_get_member (obj, "start_ticks"), &ticks) && ticks >= 0 &&
        ticks < 1e18)
      p.start_ticks = (guint64) ticks;
  }
  exit_node = json_object_get_member (obj, "exit");
  if (exit_node != NULL && JSON_NODE_HOLDS_OBJECT (exit_node))
    {
      e = json_node_get_object (exit_node);
      p.exited = TRUE;
      if (json_object_has_member (e, "signal"))
        p.wait_status = int_member (e, "signal", 0, 127, 0) & 0x7f;
      else
        p.wait_status = (int_member (e, "status", 0, 255, 0) & 0xff) << 8;
    }
  g_array_append_val (out, p);
  return TRUE;
}

static gboolean
convert_marker (JsonNode    *element,
                guint        i,
                GArray      *out,
                const char  *name,
                GError     **error)
{
  MgMarker m;
  double t = 0;

  if (!JSON_NODE_HOLDS_OBJECT (element) ||
      !node_number (json_object_get_member (json_node_get_object (element), "time_s"), &t) ||
      t < 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("marker %u must have a time in seconds"), i + 1);
  m.time_s = t;
  m.label = g_strdup (string_member (json_node_get_object (element), "label", ""));
  g_array_append_val (out, m);
  return TRUE;
}

static gboolean
convert_unreadable (JsonNode    *element,
                    guint        i,
                    GArray      *out,
                    const char  *name,
                    GError     **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
  const char *what = string_member (o, "what", "");
  MgUnreadable u;
  int pid = o != NULL ? int_member (o, "pid", 1, G_MAXINT, -1) : -1;

  if (pid < 0 || (strcmp (what, "process") != 0 && strcmp (what, "pss") != 0))
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("unreadable process %u must have a pid and what was refused (“process” or "
                   "“pss”)"), i + 1);
  u.pid = pid;
  u.what = strcmp (what, "process") == 0 ? MG_UNREADABLE_PROCESS : MG_UNREADABLE_PSS;
  g_array_append_val (out, u);
  return TRUE;
}

/* A count member: a whole number, zero or more; @out is left alone when
 * the member is not there. */
static gboolean
count_member (JsonObject  *object,
              const char  *key,
              guint64     *out,
              const char  *name,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be a whole number"), key);
  *out = (guint64) json_node_get_int (node);
  return TRUE;
}

/* A line of output goes straight into a store bounded as a run's, so that a
 * file of any size holds no more of it than a run would. */
static gboolean
convert_output (JsonNode    *element,
                guint        i,
                MgOutput    *out,
                const char  *name,
                GError     **error)
{
  JsonObject *obj;
  JsonNode *length_node;
  const char *text;
  double t = 0, length = -1;
  gsize text_length;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("line %u of “output” must be an object"), i + 1);
  obj = json_node_get_object (element);
  if (!node_number (json_object_get_member (obj, "time_s"), &t) || t < 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("line %u of “output” must have a time in seconds"), i + 1);
  text = string_member (obj, "text", "");
  text_length = strlen (text);
  length_node = json_object_get_member (obj, "length");
  if (length_node != NULL &&
      (!node_number (length_node, &length) || length != floor (length) ||
       length < (double) text_length || length > (double) G_MAXINT64))
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("line %u of “output” must have a length of at least its text"), i + 1);
  mg_output_add (out, t,
                 g_strcmp0 (string_member (obj, "stream", ""), "stderr") == 0 ? MG_OUTPUT_STDERR
                                                                              : MG_OUTPUT_STDOUT,
                 text, text_length, length >= 0 ? (guint64) length : text_length);
  return TRUE;
}

/* After the "[" of "output": the lines, with the head closed where the
 * file's "output_head_lines" (written before the list) says. */
static gboolean
scan_output (Lexer    *lx,
             Pending  *p,
             GError  **error)
{
  guint64 head_lines = G_MAXUINT64;

  /* The last of repeated members counts, as in a tree. */
  mg_output_free (p->output);
  p->output = mg_output_new (MG_OUTPUT_HEAD_BYTES, MG_OUTPUT_TAIL_BYTES);
  if (!count_member (p->members, "output_head_lines", &head_lines, lx->name, error))
    return FALSE;
  for (guint64 i = 0;; i++)
    {
      Token token = lex_next (lx, error);
      g_autoptr(JsonNode) element = NULL;

      if (token == TOK_END_ARRAY)
        return TRUE;
      if (p->list_error != NULL)
        {
          if (!skip_value (lx, token, error))
            return FALSE;
          continue;
        }
      element = read_node (lx, token, error);
      if (element == NULL)
        return FALSE;
      if (i == head_lines)
        mg_output_close_head (p->output);
      convert_output (element, (guint) MIN (i, G_MAXUINT - 1), p->output, lx->name,
                      &p->list_error);
    }
}

/* After the "[" of a list: each element read and converted on its own. */
static gboolean
scan_list (Lexer    *lx,
           Pending  *p,
           MgListKind  kind,
           GError  **error)
{
  GArray *out[MG_N_LISTS] = { p->processes, p->markers, p->unreadable, NULL };
  gboolean (*convert[MG_N_LISTS]) (JsonNode *, guint, GArray *, const char *, GError **) = {
    convert_process, convert_marker, convert_unreadable, NULL
  };

  if (kind == MG_LIST_OUTPUT)
    return scan_output (lx, p, error);
  /* The last of repeated members counts, as in a tree. */
  g_array_set_size (out[kind], 0);
  for (guint i = 0;; i++)
    {
      Token token = lex_next (lx, error);
      g_autoptr(JsonNode) element = NULL;

      if (token == TOK_END_ARRAY)
        return TRUE;
      if (p->list_error != NULL)
        {
          if (!skip_value (lx, token, error))
            return FALSE;
          continue;
        }
      element = read_node (lx, token, error);
      if (element == NULL)
        return FALSE;
      convert[kind] (element, i, out[kind], lx->name, &p->list_error);
    }
}

/* After the "[" of an array of samples: counts its values. */
static gboolean
scan_series (Lexer   *lx,
             Series  *series,
             GError **error)
{
  series->offset = mg_input_tell (&lx->in) - 1;
  series->length = 0;
  series->found = TRUE;
  series->bad = FALSE;
  for (;;)
    {
      Token token = lex_next (lx, error);

      if (token == TOK_END_ARRAY)
        return TRUE;
      if (!skip_value (lx, token, error))
        return FALSE;
      if (series->length == G_MAXUINT)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, lx->name, _("it has too many samples"));
      series->length++;
    }
}

/* After the "{" of "samples". */
static gboolean
scan_samples (Lexer   *lx,
              Pending *p,
              GError **error)
{
  for (;;)
    {
      Token token = lex_next (lx, error);
      Series *series = NULL;
      MgField field;

      if (token == TOK_END_OBJECT)
        return TRUE;
      if (token != TOK_KEY)
        return FALSE;
      if (g_str_equal (lx->str->str, MG_FIELD_TIME_KEY))
        series = &p->time;
      else if (mg_field_from_key (lx->str->str, &field))
        series = &p->series[field];
      token = lex_next (lx, error);
      if (series != NULL && token == TOK_BEGIN_ARRAY)
        {
          if (!scan_series (lx, series, error))
            return FALSE;
          continue;
        }
      if (series != NULL)
        {
          series->found = FALSE;
          series->bad = token != TOK_NULL;
        }
      if (!skip_value (lx, token, error))
        return FALSE;
    }
}

/* Arrays read whole: the small ones a recording has. Other arrays are
 * skipped, so that an unknown array, of any length, costs nothing; values
 * and objects are read whole, whatever their name (a new field of the
 * format is read like the others, unless it is a long array: those are
 * streamed, as the lists and samples are). */
static const char * const small_members[] = { "command", MG_LABELS_KEY, MG_SUMMARY_KEY };

static gboolean
is_small_member (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (small_members); i++)
    if (g_str_equal (key, small_members[i]))
      return TRUE;
  return FALSE;
}

/* After the "{" of a recording; with @runs, also reads a comparison's
 * "runs" into it. */
static gboolean
scan_recording (Lexer     *lx,
                Pending   *p,
                GPtrArray *runs,
                GError   **error)
{
  for (;;)
    {
      Token token = lex_next (lx, error);
      g_autofree char *key = NULL;
      int list = -1;

      if (token == TOK_END_OBJECT)
        return TRUE;
      if (token != TOK_KEY)
        return FALSE;
      key = g_strdup (lx->str->str);
      for (int k = 0; k < MG_N_LISTS; k++)
        if (g_str_equal (key, mg_list_keys[k]))
          list = k;
      token = lex_next (lx, error);
      if (token == TOK_ERROR)
        return FALSE;

      if (g_str_equal (key, MG_SAMPLES_KEY) && token == TOK_BEGIN_OBJECT)
        {
          if (!scan_samples (lx, p, error))
            return FALSE;
          json_object_set_object_member (p->members, key, json_object_new ());
        }
      else if (list >= 0 && token == TOK_BEGIN_ARRAY)
        {
          if (!scan_list (lx, p, list, error))
            return FALSE;
          json_object_set_array_member (p->members, key, json_array_new ());
        }
      else if (runs != NULL && g_str_equal (key, MG_RUNS_KEY) && token == TOK_BEGIN_ARRAY)
        {
          json_object_set_array_member (p->members, key, json_array_new ());
          g_ptr_array_set_size (runs, 0);
          for (;;)
            {
              g_autoptr(Pending) run = NULL;

              token = lex_next (lx, error);
              if (token == TOK_END_ARRAY)
                break;
              run = pending_new ();
              if (token == TOK_BEGIN_OBJECT)
                {
                  if (!scan_recording (lx, run, NULL, error))
                    return FALSE;
                }
              else
                {
                  /* Told when the runs are read: not an object. */
                  g_clear_pointer (&run->members, json_object_unref);
                  if (!skip_value (lx, token, error))
                    return FALSE;
                }
              g_ptr_array_add (runs, g_steal_pointer (&run));
            }
        }
      else if ((token == TOK_BEGIN_OBJECT && list < 0 && !g_str_equal (key, MG_SAMPLES_KEY) &&
                !g_str_equal (key, MG_RUNS_KEY)) ||
               (token == TOK_BEGIN_ARRAY && is_small_member (key)))
        {
          JsonNode *node = read_node (lx, token, error);

          if (node == NULL)
            return FALSE;
          json_object_set_member (p->members, key, node);
        }
      else if (token == TOK_BEGIN_OBJECT || token == TOK_BEGIN_ARRAY)
        {
          /* Of the wrong kind when it is ours ("samples" as an array): an
           * empty one of its kind stands for it, for the message. */
          if (list >= 0 || g_str_equal (key, MG_SAMPLES_KEY) || g_str_equal (key, MG_RUNS_KEY))
            {
              if (token == TOK_BEGIN_OBJECT)
                json_object_set_object_member (p->members, key, json_object_new ());
              else
                json_object_set_array_member (p->members, key, json_array_new ());
            }
          if (!skip_value (lx, token, error))
            return FALSE;
        }
      else
        json_object_set_member (p->members, key, scalar_node (lx, token));
    }
}

/* The whole document, first pass: @root gets the top object, @runs the
 * runs of a comparison (with "runs" in root's members). */
static gboolean
scan_document (Lexer     *lx,
               Pending   *root,
               GPtrArray *runs,
               GError   **error)
{
  Token token;

  if (mg_input_peek (&lx->in) < 0)
    {
      if (lx->in.read_errno != 0)
        return syntax_error (lx, error, ""), FALSE;
      return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, lx->name, _("the file is empty"));
    }
  token = lex_next (lx, error);
  if (token == TOK_ERROR)
    return FALSE;
  if (token != TOK_BEGIN_OBJECT)
    {
      /* A syntax error anywhere comes first, as it would from a parser. */
      if (!skip_value (lx, token, error) || lex_next (lx, error) == TOK_ERROR)
        return FALSE;
      return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, lx->name,
                             _("it is not a Memory Graph recording (no object at the top)"));
    }
  if (!scan_recording (lx, root, runs, error))
    return FALSE;
  return lex_next (lx, error) == TOK_EOF;
}

gboolean
mg_format_json_read_exit (JsonObject  *root,
           MgExit      *exit_info,
           const char  *name,
           GError     **error)
{
  GError *local_error = NULL;
  JsonNode *node = member (root, "exit", "exit", JSON_NODE_OBJECT, TRUE, name, &local_error);
  JsonObject *obj;
  double v;

  if (node == NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  obj = json_node_get_object (node);
  memset (exit_info, 0, sizeof *exit_info);

  if (json_object_has_member (obj, "status"))
    {
      if (!number_member (obj, "status", "exit.status", TRUE, &v, name, error))
        return FALSE;
      if (v < 0 || v > 255 || v != floor (v))
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.status” must be 0 to 255"));
      exit_info->kind = MG_EXIT_STATUS;
      exit_info->code = (int) v;
    }
  else if (json_object_has_member (obj, "signal"))
    {
      if (!number_member (obj, "signal", "exit.signal", TRUE, &v, name, error))
        return FALSE;
      if (v < 1 || v > 64 || v != floor (v))
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.signal” must be 1 to 64"));
      exit_info->kind = MG_EXIT_SIGNAL;
      exit_info->code = (int) v;
      node = json_object_get_member (obj, "core_dumped");
      exit_info->core_dumped = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                               json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                               json_node_get_boolean (node);
    }
  else if (json_object_has_member (obj, "error"))
    {
      node = json_object_get_member (obj, "error");
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“exit.error” must be a string"));
      exit_info->kind = MG_EXIT_ERROR;
      exit_info->message = (char *) json_node_get_string (node);
    }
  else if (json_object_has_member (obj, "unknown") || json_object_has_member (obj, "running"))
    {
      exit_info->kind = MG_EXIT_UNKNOWN;
      node = json_object_get_member (obj, "reason");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        exit_info->message = (char *) json_node_get_string (node);
    }
  else
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("“exit” has neither “status”, “signal” nor “error”"));
  return TRUE;
}

/* Second pass: the arrays of samples, read side by side. */
typedef struct
{
  Lexer        lx;
  const char  *key;
  gsize        offset;
  gboolean     nullable;
} SeriesReader;

static gboolean
read_size (SeriesReader *r,
           guint         i,
           MgSample     *s,
           const char   *name,
           GError      **error)
{
  Token token = lex_next (&r->lx, error);
  double v;

  if (token == TOK_ERROR)
    return FALSE;
  if (r->nullable && token == TOK_NULL)
    {
      G_STRUCT_MEMBER (guint64, s, r->offset) = MG_NO_VALUE;
      return TRUE;
    }
  if (token == TOK_INT && r->lx.int_value >= 0 && r->lx.int_value <= (gint64) 1e18)
    {
      G_STRUCT_MEMBER (guint64, s, r->offset) = (guint64) r->lx.int_value;
      return TRUE;
    }
  if (token == TOK_INT)
    v = (double) r->lx.int_value;
  else if (token == TOK_DOUBLE)
    v = r->lx.double_value;
  else
    v = NAN;
  if (!isfinite (v) || v != floor (v))
    {
      skip_value (&r->lx, token, NULL);
      return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                             _("value %u of “samples.%s” is not a whole number of bytes"), i + 1, r->key);
    }
  if (v < 0 || v > 1e18)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("value %u of “samples.%s” is out of range"), i + 1, r->key);
  G_STRUCT_MEMBER (guint64, s, r->offset) = (guint64) v;
  return TRUE;
}

static gboolean
read_samples (const MgInput *input,
              Pending     *p,
              MgRecording *recording,
              const char  *name,
              GError     **error)
{
  SeriesReader readers[MG_N_FIELDS + 1];
  guint n_readers = 0;
  gboolean ok = TRUE;
  double last = 0;

  readers[n_readers].key = MG_FIELD_TIME_KEY;
  readers[n_readers].offset = G_STRUCT_OFFSET (MgSample, time_s);
  readers[n_readers].nullable = FALSE;
  mg_input_init_at (&readers[n_readers].lx.in, input, p->time.offset);
  n_readers++;
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    if (p->series[f].found)
      {
        readers[n_readers].key = mg_fields[f].key;
        readers[n_readers].offset = mg_fields[f].offset;
        readers[n_readers].nullable = mg_fields[f].nullable;
        mg_input_init_at (&readers[n_readers].lx.in, input, p->series[f].offset);
        n_readers++;
      }
  for (guint r = 0; r < n_readers; r++)
    {
      lexer_init (&readers[r].lx, name);
      /* The "[" that opens it: checked in the first pass. */
      lex_next (&readers[r].lx, NULL);
    }

  for (guint i = 0; ok && i < p->time.length; i++)
    {
      Lexer *t = &readers[0].lx;
      Token token = lex_next (t, error);
      MgSample s;
      double time;

      if (token == TOK_ERROR)
        {
          ok = FALSE;
          break;
        }
      time = token == TOK_INT ? (double) t->int_value : token == TOK_DOUBLE ? t->double_value : NAN;
      if (!isfinite (time) || time < 0)
        {
          ok = mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("value %u of “samples.time_s” is not a time in seconds"), i + 1);
          break;
        }
      if (time < last)
        {
          ok = mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("“samples.time_s” goes backwards at value %u"), i + 1);
          break;
        }
      last = time;
      mg_sample_init (&s, time);
      for (guint r = 1; ok && r < n_readers; r++)
        ok = read_size (&readers[r], i, &s, name, error);
      if (!ok)
        break;
      mg_recording_append_sample (recording, &s);
      if (s.pss_bytes != MG_NO_VALUE)
        mg_recording_set_pss (recording, s.time_s, s.pss_bytes, s.uss_bytes);
    }

  for (guint r = 0; r < n_readers; r++)
    lexer_clear (&readers[r].lx);
  return ok;
}

/* The members a run's end establishes, "peak" and "interval", into
 * @recording after its samples: for files and streams. */
gboolean
mg_format_json_restore_summary (MgRecording  *recording,
                                JsonObject   *root,
                                const char   *name,
                                GError      **error)
{
  JsonObject *peak;
  JsonNode *node;

  node = json_object_get_member (root, "peak");
  peak = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (peak != NULL)
    {
      double rss = 0, from = -1, to = -1;
      MgPeakSource source = MG_PEAK_SAMPLED;
      JsonNode *window = json_object_get_member (peak, "rss_between_s");

      if (!number_member (peak, "rss_bytes", "peak.rss_bytes", FALSE, &rss, name, error))
        return FALSE;
      if (rss < 0 || rss > 1e18)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“peak.rss_bytes” is out of range"));
      mg_peak_source_from_string (string_member (peak, "rss_source", "sampled"), &source);
      mg_recording_set_attached (recording, boolean_member (peak, "rss_since_process_start"));
      if (window != NULL && JSON_NODE_HOLDS_ARRAY (window) &&
          json_array_get_length (json_node_get_array (window)) == 2)
        {
          node_number (json_array_get_element (json_node_get_array (window), 0), &from);
          node_number (json_array_get_element (json_node_get_array (window), 1), &to);
        }
      mg_recording_restore_peak (recording, (guint64) rss, source,
                                 boolean_member (peak, "rss_exact"), from, to);
      {
        double upper = -1;

        if (!node_number (json_object_get_member (peak, "rss_upper_bytes"), &upper) ||
            upper < 0 || upper > 1e18)
          upper = -1;
        mg_recording_restore_peak_range (recording, boolean_member (peak, "unseen"),
                                         (gint64) upper);
      }
    }

  node = json_object_get_member (root, "interval");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      double median = -1, worst = -1;
      JsonObject *obj = json_node_get_object (node);

      if (node_number (json_object_get_member (obj, "median_s"), &median) &&
          node_number (json_object_get_member (obj, "worst_s"), &worst))
        mg_recording_restore_interval (recording, median, worst);
    }

  return TRUE;
}

/* The checks of a recording's members, in the order a reader meets them,
 * then the recording. */
static MgRecording *
build_recording (const MgInput *input,
                 Pending     *p,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(MgRecording) recording = NULL;
  g_autoptr(GDateTime) started = NULL;
  JsonObject *root = p->members;
  JsonNode *node;
  JsonArray *command;
  double interval = MG_INTERVAL_DEFAULT, duration = 0;
  guint n;
  MgExit exit_info;

  if (!json_object_has_member (root, MG_SAMPLES_KEY) || !json_object_has_member (root, "command"))
    return mg_import_fail (error, MG_IMPORT_ERROR_NOT_A_RECORDING, name,
                           _("it is not a Memory Graph recording (no “command” and “samples”)")), NULL;

  if ((node = member (root, "command", "command", JSON_NODE_ARRAY, TRUE, name, error)) == NULL)
    return NULL;
  command = json_node_get_array (node);
  if (json_array_get_length (command) == 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“command” is empty")), NULL;
  for (guint i = 0; i < json_array_get_length (command); i++)
    {
      JsonNode *arg = json_array_get_element (command, i);

      if (!JSON_NODE_HOLDS_VALUE (arg) || json_node_get_value_type (arg) != G_TYPE_STRING)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("“command” must be an array of strings")), NULL;
      g_ptr_array_add (argv, (char *) json_node_get_string (arg));
    }
  g_ptr_array_add (argv, NULL);

  if (!number_member (root, "interval_s", "interval_s", FALSE, &interval, name, error))
    return NULL;
  if (interval < MG_INTERVAL_MIN || interval > MG_INTERVAL_MAX)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("“interval_s” must be from %g to %g"), MG_INTERVAL_MIN, MG_INTERVAL_MAX), NULL;
  if (!number_member (root, "duration_s", "duration_s", FALSE, &duration, name, error))
    return NULL;
  if (duration < 0)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“duration_s” is negative")), NULL;

  node = json_object_get_member (root, "started");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (started = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)) == NULL)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("“started” is not an ISO 8601 time")), NULL;
    }

  if (!mg_format_json_read_exit (root, &exit_info, name, error))
    return NULL;

  if (member (root, MG_SAMPLES_KEY, MG_SAMPLES_KEY, JSON_NODE_OBJECT, TRUE, name, error) == NULL)
    return NULL;
  if (!p->time.found)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           p->time.bad ? _("“%s” must be an array") : _("“%s” is missing"),
                           "samples.time_s"), NULL;
  n = p->time.length;
  for (MgField f = 0; f < MG_N_FIELDS; f++)
    {
      const Series *series = &p->series[f];
      g_autofree char *path = g_strconcat ("samples.", mg_fields[f].key, NULL);

      if (series->bad)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be an array"), path),
               NULL;
      if (!series->found && mg_fields[f].required)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” is missing"), path), NULL;
      if (series->found && series->length != n)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("“%s” has %u values but “samples.time_s” has %u"), path, series->length,
                               n), NULL;
    }

  for (guint k = 0; k < MG_N_LISTS; k++)
    {
      node = json_object_get_member (root, mg_list_keys[k]);
      if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name, _("“%s” must be an array"),
                               mg_list_keys[k]), NULL;
    }
  if (p->list_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p->list_error));
      return NULL;
    }

  recording = mg_recording_new ((const char * const *) argv->pdata,
                                string_member (root, "directory", NULL), interval);
  if (started != NULL)
    mg_recording_set_started (recording, started);
  for (guint i = 0; i < p->processes->len; i++)
    mg_recording_restore_process (recording, &g_array_index (p->processes, MgProcess, i));
  g_array_set_size (p->processes, 0);
  /* Sorted once, not inserted one by one. */
  mg_recording_restore_markers (recording, (MgMarker *) p->markers->data, p->markers->len);
  g_array_set_clear_func (p->markers, NULL);
  g_array_set_size (p->markers, 0);
  mg_recording_restore_unreadable (recording, (const MgUnreadable *) p->unreadable->data,
                                   p->unreadable->len);
  {
    guint64 dropped_lines = 0, dropped_bytes = 0;

    if (!count_member (root, "output_dropped_lines", &dropped_lines, name, error) ||
        !count_member (root, "output_dropped_bytes", &dropped_bytes, name, error))
      return NULL;
    mg_output_restore_dropped (p->output, dropped_lines, dropped_bytes);
    mg_recording_take_output_store (recording, g_steal_pointer (&p->output));
  }

  if (!read_samples (input, p, recording, name, error))
    return NULL;

  if (!mg_format_json_restore_summary (recording, root, name, error))
    return NULL;

  mg_recording_finish (recording, &exit_info,
                       MAX (duration, mg_recording_get_n_samples (recording) > 0
                                        ? mg_recording_get_last (recording)->time_s : 0));
  return g_steal_pointer (&recording);
}

/* g_strv_builder_take() is newer than GLib 2.74. */
void
mg_strv_add_owned (GStrvBuilder *builder,
                   char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

/* Reads the runs of @input: one recording, or a comparison when
 * @comparisons; the lexer's input is set. */
static GPtrArray *
import_runs (Lexer      *lx,
             gboolean    comparisons,
             GStrv      *labels,
             GError    **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(Pending) root = pending_new ();
  const char *name = lx->name;
  JsonNode *node;

  if (!scan_document (lx, root, pending, error))
    return NULL;

  node = json_object_get_member (root->members, MG_RUNS_KEY);
  if (node != NULL && !comparisons)
    return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                           _("it holds a comparison of several runs; open it as such")), NULL;
  if (node == NULL)
    {
      MgRecording *one = build_recording (&lx->in, root, name, error);

      if (one == NULL)
        return NULL;
      g_ptr_array_add (runs, one);
      mg_strv_add_owned (names, mg_compare_default_label (one, name, 0));
    }
  else
    {
      JsonNode *label_node = json_object_get_member (root->members, MG_LABELS_KEY);
      JsonArray *label_array = label_node && JSON_NODE_HOLDS_ARRAY (label_node)
                                 ? json_node_get_array (label_node) : NULL;

      if (!JSON_NODE_HOLDS_ARRAY (node) || pending->len == 0)
        return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                               _("“runs” must be a list of recordings")), NULL;
      for (guint i = 0; i < pending->len; i++)
        {
          Pending *p = g_ptr_array_index (pending, i);
          JsonNode *label_element = NULL;
          MgRecording *run;

          if (p->members == NULL)
            return mg_import_fail (error, MG_IMPORT_ERROR_INVALID, name,
                                   _("run %u of “runs” must be an object"), i + 1), NULL;
          run = build_recording (&lx->in, p, name, error);
          if (run == NULL)
            return NULL;
          g_ptr_array_add (runs, run);
          if (label_array != NULL && i < json_array_get_length (label_array))
            label_element = json_array_get_element (label_array, i);
          if (label_element != NULL && JSON_NODE_HOLDS_VALUE (label_element) &&
              json_node_get_value_type (label_element) == G_TYPE_STRING)
            g_strv_builder_add (names, json_node_get_string (label_element));
          else
            mg_strv_add_owned (names, mg_compare_default_label (run, NULL, i));
        }
    }

  if (labels != NULL)
    *labels = g_strv_builder_end (names);
  return g_steal_pointer (&runs);
}

/**
 * mg_import_json:
 * @bytes: the file's contents
 * @name: the file's name, for messages
 * @error: return location for a #GError in %MG_IMPORT_ERROR
 *
 * Returns: (transfer full): the recording as it was saved, or %NULL
 */
MgRecording *
mg_import_json (GBytes      *bytes,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) runs = NULL;
  Lexer lx;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  mg_input_init_memory (&lx.in, data, size);
  lexer_init (&lx, name);
  runs = import_runs (&lx, FALSE, NULL, error);
  lexer_clear (&lx);
  return runs != NULL ? g_object_ref (g_ptr_array_index (runs, 0)) : NULL;
}


/* The runs of @in, which the lexer takes over: one recording, or a
 * comparison when @comparisons. */
GPtrArray *
mg_format_json_read_runs (MgInput     *in,
                          const char  *name,
                          gboolean     comparisons,
                          GStrv       *labels,
                          GError     **error)
{
  GPtrArray *runs;
  Lexer lx;

  lx.in = *in;
  lexer_init (&lx, name);
  runs = import_runs (&lx, comparisons, labels, error);
  lexer_clear (&lx);
  return runs;
}

/* For the stream reader (mg-format-stream.c): one line of JSON Lines as a
 * tree, the nesting bounded by the same lexer, and the readers of the parts
 * that a stream shares with a file. */

/**
 * mg_format_json_parse_line:
 * @data: one JSON value, without its newline
 *
 * Returns: (transfer full): the value, or %NULL with @error set
 */
JsonNode *
mg_format_json_parse_line (const char  *data,
                           gsize        len,
                           const char  *name,
                           GError     **error)
{
  JsonNode *node;
  Lexer lx;

  mg_input_init_memory (&lx.in, (const guint8 *) data, len);
  lexer_init (&lx, name);
  node = read_node (&lx, lex_next (&lx, error), error);
  if (node != NULL && lex_next (&lx, error) != TOK_EOF)
    g_clear_pointer (&node, json_node_unref);
  lexer_clear (&lx);
  return node;
}

/**
 * mg_format_json_convert_process:
 * @element: a process object as a file's "processes" holds them
 * @process: (out caller-allocates): the process, its name and cmdline to free
 *
 * Returns: %FALSE with @error set when it is not a process
 */
gboolean
mg_format_json_convert_process (JsonNode    *element,
                                MgProcess   *process,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (MgProcess));

  if (!convert_process (element, 0, one, name, error))
    return FALSE;
  *process = g_array_index (one, MgProcess, 0);
  return TRUE;
}

gboolean
mg_json_node_number (JsonNode *node,
                     double   *out)
{
  return node_number (node, out);
}

const char *
mg_json_string_member (JsonObject *object,
                       const char *key,
                       const char *fallback)
{
  return string_member (object, key, fallback);
}

gboolean
mg_json_boolean_member (JsonObject *object,
                        const char *key)
{
  return boolean_member (object, key);
}
