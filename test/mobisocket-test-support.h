/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_TEST_SUPPORT_H
#define MOBISOCKET_TEST_SUPPORT_H

#include "ns3/core-module.h"

/**
 * \ingroup mobisocket-test
 * \brief Boost.Test fixture: every case starts from a clean ns-3 (default
 *        attributes, seed 1, run 1) and leaves none of its state behind.
 */
struct NsFixture
{
    NsFixture();
    ~NsFixture();
};

#endif /* MOBISOCKET_TEST_SUPPORT_H */
