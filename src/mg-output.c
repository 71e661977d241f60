/* mg-output.c
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kept part of a command's output: the first lines up to a budget (the
 * head), then the last lines up to another (the tail), dropping the oldest
 * tail line as each new one comes. Memory follows what is kept, never what
 * passed through. Text is packed into blocks; each line costs one entry.
 *
 * Every line gets a serial number in the order it came: the head holds
 * serials 0 … n_head - 1, the tail a contiguous range after them.
 */
#include "config.h"

#include "mg-output.h"

#include <string.h>
#include <sys/mman.h>

#define HUGE_SIZE  (2 * 1024 * 1024)
/* The first text block of the head and of the tail, and the next ones: a
 * huge page each, as a flood faults them in at once. */
#define BLOCK_SIZE     (256 * 1024)
#define BIG_BLOCK_SIZE (HUGE_SIZE - sizeof (Block))
/* Entries of the head and of the ring at first, and from where they grow
 * in huge pages (powers of two). */
#define FIRST_LINES    1024
#define HUGE_LINES     65536

typedef struct
{
  gsize  used;
  gsize  size;
  guint  live;   /* lines whose text is here and still kept */
  char   data[];
} Block;

struct _MgOutput
{
  GMutex     lock;           /* a reader thread may add while the main thread reads */
  gsize      head_budget;
  gsize      tail_budget;
  gsize      head_cost;
  gsize      tail_cost;
  guint64    tail_text;      /* bytes of the tail's lines */

  MgOutputLine *head;        /* head_len of head_size */
  guint      head_len;
  guint      head_size;
  GPtrArray *head_blocks;    /* of Block, freed with the store */
  gboolean   head_closed;    /* a line went to the tail: the head is final */

  MgOutputLine *ring;        /* the tail's lines: ring_len of them from ring_start */
  guint      ring_size;      /* a power of two */
  guint      ring_start;
  guint      ring_len;
  GQueue     tail_blocks;    /* of Block, oldest first */
  Block     *tail_block;     /* the newest, written to */
  GPtrArray *spares;         /* tail blocks emptied, kept for the next: never more
                              * than the tail once used at a time */
  gboolean   tail_grown;     /* the tail had a block: the next are big */
  guint64    tail_first;     /* serial of the oldest kept tail line */
  guint64    n_seen;         /* serials given */

  guint64    evicted_lines;  /* tail lines dropped for newer ones */
  guint64    evicted_bytes;  /* their kept bytes */
  guint64    cut_bytes;      /* bytes cut from the end of long lines */
  guint64    extra_lines;    /* not kept before this store saw them (a file's count) */
  guint64    extra_bytes;
  guint64    sent_end;       /* lines before this serial were passed on (a stream) */
  guint64    unsent_lines;   /* tail lines dropped before they were passed on */
  guint64    unsent_bytes;   /* their bytes as written */
};

static inline gsize
line_cost (gsize length)
{
  return length + MG_OUTPUT_LINE_COST;
}

/**
 * mg_output_huge_alloc:
 * @size: bytes
 *
 * Memory that a flood fills at once: once it is large, in huge pages where
 * the kernel offers them, as a fault per 2 MiB costs far less than one per
 * 4 KiB (on some virtual machines each fault costs tens of microseconds).
 * Pages not touched cost nothing.
 *
 * Returns: (transfer full): @size bytes, to give back with
 *   mg_output_huge_free() and the same @size
 */
gpointer
mg_output_huge_alloc (gsize size)
{
  gsize rounded, slack;
  char *map, *start;

  if (size < HUGE_SIZE)
    return g_malloc (size);
  rounded = (size + HUGE_SIZE - 1) & ~(gsize) (HUGE_SIZE - 1);
  map = mmap (NULL, rounded + HUGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
              -1, 0);
  if (map == MAP_FAILED)
    g_error ("Cannot allocate %zu bytes for output", rounded);
  start = (char *) (((guintptr) map + HUGE_SIZE - 1) & ~(guintptr) (HUGE_SIZE - 1));
  slack = start - map;
  if (slack > 0)
    munmap (map, slack);
  munmap (start + rounded, HUGE_SIZE - slack);
#ifdef MADV_HUGEPAGE
  madvise (start, rounded, MADV_HUGEPAGE);
#endif
  return start;
}

void
mg_output_huge_free (gpointer memory,
                     gsize    size)
{
  if (size < HUGE_SIZE)
    g_free (memory);
  else if (memory != NULL)
    munmap (memory, (size + HUGE_SIZE - 1) & ~(gsize) (HUGE_SIZE - 1));
}

static void
block_free (gpointer data)
{
  Block *block = data;

  mg_output_huge_free (block, sizeof (Block) + block->size);
}

static MgOutputLine *
lines_new (guint n)
{
  return mg_output_huge_alloc ((gsize) n * sizeof (MgOutputLine));
}

static void
lines_free (MgOutputLine *lines,
            guint         n)
{
  mg_output_huge_free (lines, (gsize) n * sizeof (MgOutputLine));
}

/* Makes room for one more line in an array of *@size holding @len: at
 * first FIRST_LINES, then an eighth of HUGE_LINES, then HUGE_LINES in huge
 * pages, rather than through every size between, each faulted in a page at
 * a time; a store of a few thousand lines stays small. */
static void
lines_reserve (MgOutputLine **lines,
               guint          start,
               guint          len,
               guint         *size)
{
  guint new_size;
  MgOutputLine *grown;

  G_STATIC_ASSERT (HUGE_LINES * sizeof (MgOutputLine) >= HUGE_SIZE);

  if (G_LIKELY (len < *size))
    return;
  if (*size == 0)
    new_size = FIRST_LINES;
  else if (*size < HUGE_LINES / 8)
    new_size = HUGE_LINES / 8;
  else
    new_size = MAX (*size * 2, HUGE_LINES);
  grown = lines_new (new_size);
  /* In order, from @start of a ring (a power of two) or of a plain array. */
  for (guint i = 0; i < len; i++)
    grown[i] = (*lines)[(start + i) & (*size - 1)];
  lines_free (*lines, *size);
  *lines = grown;
  *size = new_size;
}

/**
 * mg_output_new:
 * @head_bytes: what the first lines may take
 * @tail_bytes: what the last lines may take; the newest line is kept even
 *   when it alone takes more
 *
 * Returns: (transfer full): an empty store
 */
MgOutput *
mg_output_new (gsize head_bytes,
               gsize tail_bytes)
{
  MgOutput *self = g_new0 (MgOutput, 1);

  g_mutex_init (&self->lock);
  self->head_budget = head_bytes;
  self->tail_budget = tail_bytes;
  self->head_blocks = g_ptr_array_new_with_free_func (block_free);
  g_queue_init (&self->tail_blocks);
  self->spares = g_ptr_array_new_with_free_func (block_free);
  return self;
}

void
mg_output_free (MgOutput *self)
{
  if (self == NULL)
    return;
  lines_free (self->head, self->head_size);
  g_ptr_array_unref (self->head_blocks);
  lines_free (self->ring, self->ring_size);
  g_queue_clear_full (&self->tail_blocks, block_free);
  g_ptr_array_unref (self->spares);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static Block *
block_new (gsize usual,
           gsize at_least)
{
  gsize size = MAX (usual, at_least);
  Block *block = mg_output_huge_alloc (sizeof (Block) + size);

  block->used = 0;
  block->size = size;
  block->live = 0;
  return block;
}

/* Whether @n bytes are ASCII without NUL, eight at a time: the common
 * case, which needs no further check. */
static inline gboolean
plain_ascii (const char *p,
             gsize       n)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      /* A byte ≥ 0x80, or a zero byte. */
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        return FALSE;
    }
  for (; i < n; i++)
    if ((guchar) p[i] >= 0x80 || p[i] == '\0')
      return FALSE;
  return TRUE;
}

/* Copies @length bytes into @block, NUL-terminated, with every byte that
 * is not part of valid UTF-8 (and every NUL) made a "?", so that the text
 * keeps its length and every reader gets a plain string. */
static inline void
make_valid (char  *text,
            gsize  length)
{
  const char *end;
  gsize done = 0;

  while (!g_utf8_validate_len (text + done, length - done, &end))
    {
      text[end - text] = '?';
      done = end - text + 1;
    }
}

static inline char *
block_put (Block      *block,
           const char *text,
           gsize       length)
{
  char *copy = block->data + block->used;

  memcpy (copy, text, length);
  copy[length] = '\0';
  if (!plain_ascii (copy, length))
    make_valid (copy, length);
  block->used += length + 1;
  block->live++;
  return copy;
}

static void
ring_push (MgOutput           *self,
           const MgOutputLine *line)
{
  if (self->ring_len == self->ring_size)
    {
      lines_reserve (&self->ring, self->ring_start, self->ring_len, &self->ring_size);
      self->ring_start = 0;
    }
  self->ring[(self->ring_start + self->ring_len) & (self->ring_size - 1)] = *line;
  /* The ring is larger than the caches: ask for the slots ahead early, and
   * for the next line to drop. */
  __builtin_prefetch (&self->ring[(self->ring_start + self->ring_len + 16) &
                                  (self->ring_size - 1)], 1);
  __builtin_prefetch (&self->ring[(self->ring_start + 16) & (self->ring_size - 1)], 0);
  self->ring_len++;
}

/* An emptied tail block: kept for the next if it is a big one, which any
 * line fits that is not given a block of its own. */
static void
tail_give_back (MgOutput *self,
                Block    *block)
{
  if (block->size == BIG_BLOCK_SIZE)
    g_ptr_array_add (self->spares, block);
  else
    block_free (block);
}

/* A block for the tail to write on, for a line of @length bytes: one kept
 * rather than a new one, whose pages would all be faulted in again. */
static Block *
tail_next_block (MgOutput *self,
                 gsize     length)
{
  Block *block;

  if (self->spares->len > 0 &&
      length + 1 <= ((Block *) g_ptr_array_index (self->spares, self->spares->len - 1))->size)
    {
      block = g_ptr_array_steal_index_fast (self->spares, self->spares->len - 1);
      block->used = 0;
      block->live = 0;
    }
  else
    block = block_new (self->tail_grown ? BIG_BLOCK_SIZE : BLOCK_SIZE, length + 1);
  self->tail_grown = TRUE;
  g_queue_push_tail (&self->tail_blocks, block);
  self->tail_block = block;
  return block;
}

static void
evict_oldest (MgOutput *self)
{
  MgOutputLine *line = &self->ring[self->ring_start];
  Block *block = self->tail_blocks.head->data;

  /* Lines leave in the order they came, so the oldest is in the oldest
   * block. */
  g_assert (line->text >= block->data && line->text < block->data + block->used);
  self->tail_cost -= line_cost (line->length);
  self->tail_text -= line->length;
  self->evicted_lines++;
  self->evicted_bytes += line->length;
  if (self->tail_first >= self->sent_end)
    {
      self->unsent_lines++;
      self->unsent_bytes += line->full_length;
    }
  self->ring_start = (self->ring_start + 1) & (self->ring_size - 1);
  self->ring_len--;
  self->tail_first++;

  if (--block->live == 0)
    {
      if (block != self->tail_block)
        {
          g_queue_pop_head (&self->tail_blocks);
          tail_give_back (self, block);
        }
      else
        block->used = 0;
    }
}

/**
 * mg_output_add_locked:
 * @time_s: when the line was read
 * @text: the line, without its newline, @length bytes, not necessarily
 *   valid UTF-8
 * @full_length: how long the line was as written; more than @length when
 *   the reader kept only its start
 *
 * Keeps a line, at most its first %MG_OUTPUT_LINE_MAX bytes, dropping the
 * oldest lines of the tail to make room. The caller holds mg_output_lock().
 */
void
mg_output_add_locked (MgOutput       *self,
               double          time_s,
               MgOutputStream  stream,
               const char     *text,
               gsize           length,
               guint64         full_length)
{
  MgOutputLine line;
  Block *block;
  gsize cost;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || length == 0);

  full_length = MAX (full_length, length);
  length = MIN (length, MG_OUTPUT_LINE_MAX);
  self->cut_bytes += full_length - length;
  cost = line_cost (length);

  line.time_s = MAX (time_s, 0);
  line.stream = stream;
  line.length = (guint32) length;
  line.full_length = full_length;
  self->n_seen++;

  if (!self->head_closed && self->head_cost + cost <= self->head_budget)
    {
      block = self->head_blocks->len > 0
              ? g_ptr_array_index (self->head_blocks, self->head_blocks->len - 1) : NULL;
      if (block == NULL || block->size - block->used < length + 1)
        {
          block = block_new (self->head_blocks->len > 0 ? BIG_BLOCK_SIZE : BLOCK_SIZE,
                             length + 1);
          g_ptr_array_add (self->head_blocks, block);
        }
      line.text = block_put (block, text != NULL ? text : "", length);
      self->head_cost += cost;
      lines_reserve (&self->head, 0, self->head_len, &self->head_size);
      self->head[self->head_len++] = line;
      return;
    }

  if (!self->head_closed)
    {
      self->head_closed = TRUE;
      self->tail_first = self->n_seen - 1;
    }

  while (self->ring_len > 0 && self->tail_cost + cost > self->tail_budget)
    evict_oldest (self);

  block = self->tail_block;
  if (block == NULL || block->size - block->used < length + 1)
    block = tail_next_block (self, length);
  line.text = block_put (block, text != NULL ? text : "", length);
  self->tail_cost += cost;
  self->tail_text += length;
  ring_push (self, &line);
}

/* Drops every line of the tail at once, keeping a block to write on. */
static void
tail_clear (MgOutput *self)
{
  Block *block;

  for (guint i = 0; i < self->ring_len; i++)
    if (self->tail_first + i >= self->sent_end)
      {
        self->unsent_lines++;
        self->unsent_bytes += self->ring[(self->ring_start + i) & (self->ring_size - 1)].full_length;
      }
  self->evicted_lines += self->ring_len;
  self->evicted_bytes += self->tail_text;
  self->ring_start = 0;
  self->ring_len = 0;
  self->tail_cost = 0;
  self->tail_text = 0;
  while ((block = g_queue_pop_head (&self->tail_blocks)) != NULL)
    {
      if (block != self->tail_block)
        tail_give_back (self, block);
    }
  if (self->tail_block != NULL)
    {
      self->tail_block->used = 0;
      self->tail_block->live = 0;
      g_queue_push_tail (&self->tail_blocks, self->tail_block);
    }
  self->tail_first = self->n_seen;
}

/* How many newlines @n bytes hold, eight bytes at a time: a flood of
 * short lines costs no call per line. */
static guint64
count_newlines (const char *p,
                gsize       n)
{
  const guint64 newlines = G_GUINT64_CONSTANT (0x0a0a0a0a0a0a0a0a);
  const guint64 low = G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
  guint64 count = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w, x;

      memcpy (&w, p + i, 8);
      x = w ^ newlines;
      /* The high bit of each byte of x that is zero, exactly. */
      x = ~(((x & low) + low) | x | low) >> 7;
      /* A 0 or 1 in each byte: their sum lands in the top byte. */
      count += (x * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56;
    }
  for (; i < n; i++)
    count += p[i] == '\n';
  return count;
}

/* The last newline in [@start, @end), or NULL: scanned back from @end
 * only as far as the line goes (memrchr() under AddressSanitizer checks the
 * whole range at each call, which made a flood quadratic). */
static inline const char *
last_newline (const char *start,
              const char *end)
{
  while (end > start)
    if (*--end == '\n')
      return end;
  return NULL;
}

static inline double
time_at (const MgOutputChunks *chunks,
         gsize                 offset,
         guint                *i)
{
  while (*i + 1 < chunks->n && offset >= chunks->end[*i])
    (*i)++;
  return chunks->time_s[*i];
}

/* Keeps the whole lines [@p, @end) of @data in the tail, which they fit
 * (@cost in all): the oldest lines dropped for them at once, their text
 * copied as many lines to a block as fit, each newline made the end of
 * its line where it lies. A line longer than a block goes on its own. */
static void
tail_add_lines (MgOutput             *self,
                MgOutputStream        stream,
                const char           *data,
                const char           *p,
                const char           *end,
                gsize                 cost,
                gsize                 base,
                const MgOutputChunks *chunks,
                guint                *ci)
{
  g_assert (self->head_closed);

  while (self->ring_len > 0 && self->tail_cost + cost > self->tail_budget)
    evict_oldest (self);

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      Block *block = self->tail_block;
      const char *run_end;
      gboolean ascii;
      char *copy, *s, *copy_end;

      if (block == NULL || block->size - block->used < (gsize) (newline - p) + 1)
        {
          if ((gsize) (newline - p) + 1 > BIG_BLOCK_SIZE)
            {
              mg_output_add_locked (self, time_at (chunks, base + (newline - data), ci), stream,
                                    p, newline - p, newline - p);
              p = newline + 1;
              continue;
            }
          block = tail_next_block (self, newline - p);
        }

      /* The lines that fit in what the block has left. */
      if ((gsize) (end - p) <= block->size - block->used)
        run_end = end;
      else
        run_end = last_newline (newline, p + (block->size - block->used)) + 1;
      copy = block->data + block->used;
      copy_end = copy + (run_end - p);
      memcpy (copy, p, run_end - p);
      ascii = plain_ascii (copy, run_end - p);
      for (s = copy; s < copy_end;)
        {
          char *nl = memchr (s, '\n', copy_end - s);
          gsize length = nl - s;
          MgOutputLine line;

          *nl = '\0';
          if (!ascii)
            make_valid (s, length);
          line.time_s = MAX (time_at (chunks, base + (p - data) + (nl - copy), ci), 0);
          line.stream = stream;
          line.length = (guint32) length;
          line.full_length = length;
          line.text = s;
          self->n_seen++;
          self->tail_cost += line_cost (length);
          self->tail_text += length;
          ring_push (self, &line);
          block->live++;
          s = nl + 1;
        }
      block->used += run_end - p;
      p = run_end;
    }
}

/**
 * mg_output_add_lines_locked:
 * @data: whole lines, each ended by a newline, @n bytes in all
 * @base: where @data starts among the bytes @chunks describes
 * @chunks: when each part of the bytes was read
 *
 * Keeps what mg_output_add_locked() would keep of each line, without
 * copying the lines that the newer ones of @data would drop at once: under
 * a flood, most lines cost no more than finding their newline.
 */
void
mg_output_add_lines_locked (MgOutput             *self,
                            MgOutputStream        stream,
                            const char           *data,
                            gsize                 n,
                            gsize                 base,
                            const MgOutputChunks *chunks)
{
  const char *p = data, *end = data + n, *start;
  guint ci = 0;
  gsize cost = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || data[n - 1] == '\n');

  /* The head first, line by line, until it is full. */
  while (p < end && !self->head_closed)
    {
      const char *newline = memchr (p, '\n', end - p);

      mg_output_add_locked (self, time_at (chunks, base + (newline - data), &ci), stream, p,
                            newline - p, newline - p);
      p = newline + 1;
    }
  if (p == end)
    return;

  /* The newest lines that the tail can hold all together. */
  start = end;
  while (start > p)
    {
      const char *line_end = start - 1;
      const char *newline = last_newline (p, line_end);
      const char *line_start = newline != NULL ? newline + 1 : p;
      gsize c = line_cost (MIN ((gsize) (line_end - line_start), MG_OUTPUT_LINE_MAX));

      if (cost + c > self->tail_budget)
        break;
      cost += c;
      start = line_start;
    }

  /* The older ones would push out the whole tail and then be dropped by
   * the newer: count them, keep none. */
  if (start > p)
    {
      guint64 lines = 0;

      lines = count_newlines (p, start - p);
      tail_clear (self);
      self->evicted_lines += lines;
      self->evicted_bytes += (start - p) - lines;
      /* Never kept, never sent. */
      self->unsent_lines += lines;
      self->unsent_bytes += (start - p) - lines;
      self->n_seen += lines;
      self->tail_first = self->n_seen;
      p = start;
    }

  tail_add_lines (self, stream, data, p, end, cost, base, chunks, &ci);
}

/**
 * mg_output_add:
 *
 * mg_output_add_locked() under the store's lock.
 */
void
mg_output_add (MgOutput       *self,
               double          time_s,
               MgOutputStream  stream,
               const char     *text,
               gsize           length,
               guint64         full_length)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  mg_output_add_locked (self, time_s, stream, text, length, full_length);
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_lock:
 *
 * Holds the store for many mg_output_add_locked() at once, or for reading
 * while another thread may add.
 */
void
mg_output_lock (MgOutput *self)
{
  g_mutex_lock (&self->lock);
}

void
mg_output_unlock (MgOutput *self)
{
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_close_head:
 *
 * Makes the lines added from now on the tail, as when the head is full;
 * for reading back a saved recording whose head was shorter.
 */
void
mg_output_close_head (MgOutput *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  if (!self->head_closed)
    {
      self->head_closed = TRUE;
      self->tail_first = self->n_seen;
    }
  g_mutex_unlock (&self->lock);
}

static inline guint
n_lines (MgOutput *self)
{
  return self->head_len + self->ring_len;
}

static const MgOutputLine *
line_by_serial (MgOutput *self,
                guint64   serial)
{
  guint64 first = self->head_closed ? self->tail_first : self->n_seen;

  if (serial < self->head_len)
    return &self->head[serial];
  if (serial < first || serial >= self->n_seen)
    return NULL;
  return &self->ring[(self->ring_start + (guint) (serial - first)) & (self->ring_size - 1)];
}

/**
 * mg_output_get_n_lines:
 *
 * Returns: how many lines are kept
 */
guint
mg_output_get_n_lines (MgOutput *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = n_lines (self);
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_output_get_line:
 * @index: less than mg_output_get_n_lines()
 *
 * Returns: (transfer none): the line, valid until the next line is added:
 *   only for a store no other thread adds to (see mg_output_copy_line())
 */
const MgOutputLine *
mg_output_get_line (MgOutput *self,
                    guint     index)
{
  const MgOutputLine *line = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (index < self->head_len)
    line = &self->head[index];
  else if (index < n_lines (self))
    line = &self->ring[(self->ring_start + index - self->head_len) & (self->ring_size - 1)];
  g_mutex_unlock (&self->lock);
  g_return_val_if_fail (line != NULL, NULL);
  return line;
}

/**
 * mg_output_get_n_head:
 *
 * Returns: how many of the kept lines are the first ones; any lines not
 *   kept came after these
 */
guint
mg_output_get_n_head (MgOutput *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->head_len;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_output_get_state:
 * @n_head: (out): mg_output_get_n_head()
 * @first: (out): serial of the oldest line of the tail
 * @end: (out): serial the next line will get
 * @dropped_lines: (out): mg_output_get_dropped_lines()
 *
 * All at one moment: the tail holds the lines with serials @first … @end - 1.
 */
void
mg_output_get_state (MgOutput *self,
                     guint    *n_head,
                     guint64  *first,
                     guint64  *end,
                     guint64  *dropped_lines)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  *n_head = self->head_len;
  *first = self->head_closed ? self->tail_first : self->n_seen;
  *end = self->n_seen;
  *dropped_lines = self->evicted_lines + self->extra_lines;
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_get_line_by_serial:
 *
 * Returns: (transfer none) (nullable): the line with that serial, or %NULL
 *   when it is not kept; valid as mg_output_get_line() says
 */
const MgOutputLine *
mg_output_get_line_by_serial (MgOutput *self,
                              guint64   serial)
{
  const MgOutputLine *line;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  line = line_by_serial (self, serial);
  g_mutex_unlock (&self->lock);
  return line;
}

/**
 * mg_output_copy_line:
 * @serial: a line's serial
 * @max_bytes: copy at most this much of its text (whole characters)
 * @line: (out caller-allocates): the line, its text a copy to g_free()
 *
 * Safe while another thread adds lines.
 *
 * Returns: %FALSE when that line is not kept
 */
gboolean
mg_output_copy_line (MgOutput     *self,
                     guint64       serial,
                     gsize         max_bytes,
                     MgOutputLine *line)
{
  const MgOutputLine *kept;
  gsize n;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  kept = line_by_serial (self, serial);
  if (kept != NULL)
    {
      *line = *kept;
      n = MIN (kept->length, max_bytes);
      /* Whole characters only: the text is valid UTF-8. */
      while (n < kept->length && n > 0 && ((guchar) kept->text[n] & 0xc0) == 0x80)
        n--;
      line->text = g_strndup (kept->text, n);
    }
  g_mutex_unlock (&self->lock);
  return kept != NULL;
}

/**
 * mg_output_send_line:
 *
 * As mg_output_copy_line(), for a line passed on (written to a stream):
 * dropped later, it is not counted by mg_output_get_unsent().
 */
gboolean
mg_output_send_line (MgOutput     *self,
                     guint64       serial,
                     MgOutputLine *line)
{
  gboolean kept;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  kept = line_by_serial (self, serial) != NULL;
  if (kept)
    {
      *line = *line_by_serial (self, serial);
      line->text = g_strndup (line->text, line->length);
    }
  /* Those before were passed on or were gone, and counted then. */
  self->sent_end = MAX (self->sent_end, serial + 1);
  g_mutex_unlock (&self->lock);
  return kept;
}

/**
 * mg_output_get_unsent:
 * @lines: (out): lines not passed on
 * @bytes: (out): their bytes as written
 *
 * What a stream of this store's lines (mg_output_send_line()) does not
 * carry: the lines dropped before they were sent, and those this store
 * never had (mg_output_add_unsent(), mg_output_restore_dropped()).
 */
void
mg_output_get_unsent (MgOutput *self,
                      guint64  *lines,
                      guint64  *bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  *lines = self->unsent_lines + self->extra_lines;
  *bytes = self->unsent_bytes + self->extra_bytes;
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_add_unsent:
 *
 * Counts lines of output this store never had (a stream did not carry
 * them): @bytes as they were written.
 */
void
mg_output_add_unsent (MgOutput *self,
                      guint64   lines,
                      guint64   bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->extra_lines += lines;
  self->extra_bytes += bytes;
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_get_dropped_lines:
 *
 * Returns: how many lines were not kept at all
 */
guint64
mg_output_get_dropped_lines (MgOutput *self)
{
  guint64 n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->evicted_lines + self->extra_lines;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_output_get_dropped_bytes:
 *
 * Returns: how many bytes of output were not kept: those of the lines not
 *   kept, and what was cut from long lines (newlines not counted)
 */
guint64
mg_output_get_dropped_bytes (MgOutput *self)
{
  guint64 n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->evicted_bytes + self->cut_bytes + self->extra_bytes;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * mg_output_get_counts:
 * @n_lines: (out): lines kept
 * @dropped_lines: (out): lines not kept
 * @dropped_bytes: (out): bytes not kept
 *
 * The three at one moment.
 */
void
mg_output_get_counts (MgOutput *self,
                      guint    *n_kept,
                      guint64  *dropped_lines,
                      guint64  *dropped_bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  *n_kept = n_lines (self);
  *dropped_lines = self->evicted_lines + self->extra_lines;
  *dropped_bytes = self->evicted_bytes + self->cut_bytes + self->extra_bytes;
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_restore_dropped:
 * @lines: the dropped lines a saved recording counts
 * @bytes: its dropped bytes, which include what was cut from the lines it
 *   holds
 *
 * After the lines of a saved recording were added, makes the counts what
 * the recording said (plus anything this store dropped itself).
 */
void
mg_output_restore_dropped (MgOutput *self,
                           guint64   lines,
                           guint64   bytes)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->lock);
  self->extra_lines = lines;
  /* The cut parts of the lines read are part of @bytes already. */
  self->extra_bytes = bytes > self->cut_bytes ? bytes - self->cut_bytes : 0;
  g_mutex_unlock (&self->lock);
}

/**
 * mg_output_get_memory:
 *
 * Returns: the bytes of text blocks and entries held
 */
gsize
mg_output_get_memory (MgOutput *self)
{
  gsize total = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->head_blocks->len; i++)
    total += ((Block *) g_ptr_array_index (self->head_blocks, i))->size;
  for (GList *l = self->tail_blocks.head; l != NULL; l = l->next)
    total += ((Block *) l->data)->size;
  for (guint i = 0; i < self->spares->len; i++)
    total += ((Block *) g_ptr_array_index (self->spares, i))->size;
  total += (gsize) self->head_len * sizeof (MgOutputLine);
  total += (gsize) self->ring_size * sizeof (MgOutputLine);
  g_mutex_unlock (&self->lock);
  return total;
}
