/* mg-sampler-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What only the tests need of MgSampler.
 */
#pragma once

#include "mg-sampler.h"

G_BEGIN_DECLS

/* The sampling thread wakes the main thread at once when the tree changes,
 * and otherwise at most this often, with every sample taken since. A live
 * window draws once a second and a new peak at the next half second, so a
 * quarter of a second is not seen; each hand-off is a wake-up of the main
 * thread and, for a window fed by a recorder, of the window too. */
#define MG_SAMPLER_HANDOFF_S 0.25

guint      mg_sampler_get_n_taken    (MgSampler    *self);
guint      mg_sampler_get_n_handoffs (MgSampler    *self);

G_END_DECLS
