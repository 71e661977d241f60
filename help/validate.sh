#!/bin/sh
# help/validate.sh — checks the Mallard pages of the user manual.
# Copyright 2026 The Memory Graph authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Skipped (77) where yelp-check (Debian package yelp-tools) is missing.
command -v yelp-check >/dev/null 2>&1 || { echo "yelp-check not found: install yelp-tools"; exit 77; }
out=$(yelp-check validate "$@") || { printf '%s\n' "$out"; exit 1; }
# yelp-check prints what is wrong; it does not always fail on it.
[ -z "$out" ] || { printf '%s\n' "$out"; exit 1; }
echo "$# pages valid"
