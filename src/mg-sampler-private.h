/* mg-sampler-private.h
 * Copyright 2026 The Memory Graph authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What only the tests need of MgSampler.
 */
#pragma once

#include "mg-sampler.h"

G_BEGIN_DECLS

guint      mg_sampler_get_n_taken    (MgSampler    *self);

G_END_DECLS
